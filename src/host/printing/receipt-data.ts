/**
 * What goes on a receipt, taken from the ledger (the sale as recorded: its amount, its rate, the
 * merchant name the customer paid) and the owner's receipt settings (header, footer, paper).
 */
import { centsToRiel } from '../../shared/money.ts';
import type { Settings } from '../config/settings.ts';
import type { StoredSale } from '../ledger/sales.ts';
import type { ReceiptData } from './types.ts';

/** The first 10 hex digits of the md5 identify a payment well enough for a customer's query. */
export function shortReference(md5: string | null): string {
  return md5 ? md5.slice(0, 10).toUpperCase() : '—';
}

/**
 * A receipt's number: the till's code and the sale's number, so two tills never print the same one;
 * after a restore (epoch above 1) the epoch the sale was opened in goes between them (`K7QX2M-2-12`),
 * since sale numbers restart from the backup's (docs/journal.md, "Epochs").
 */
export function receiptNumber(tillCode: string, saleId: number, epoch = 1): string {
  return epoch > 1 ? `${tillCode}-${epoch}-${saleId}` : `${tillCode}-${saleId}`;
}

export function receiptForSale(sale: StoredSale, settings: Settings, copy: boolean, tillCode: string, epoch = 1): ReceiptData {
  return {
    paperWidth: settings.paperWidth,
    merchantName: sale.merchantName,
    headerLines: settings.receiptHeader,
    footerLines: settings.receiptFooter,
    saleId: sale.id,
    receiptNumber: receiptNumber(tillCode, sale.id, epoch),
    paidAt: sale.paidAt ?? sale.createdAt,
    amountCents: sale.amountCents,
    khrPerUsd: sale.khrPerUsd,
    riel: centsToRiel(sale.amountCents, sale.khrPerUsd),
    reference: shortReference(sale.md5),
    training: sale.training,
    copy,
    paidLate: sale.paidLate,
  };
}

/** A test print: clearly not a sale (TRAINING band, sale 0), in the configured layout. */
export function testReceipt(settings: Settings, now: number, tillCode: string): ReceiptData {
  return {
    paperWidth: settings.paperWidth,
    merchantName: settings.merchantName,
    headerLines: [...settings.receiptHeader, 'TEST PRINT · សាកល្បងបោះពុម្ព'],
    footerLines: settings.receiptFooter,
    saleId: 0,
    receiptNumber: receiptNumber(tillCode, 0),
    paidAt: now,
    amountCents: 1050,
    khrPerUsd: settings.khrPerUsd,
    riel: centsToRiel(1050, settings.khrPerUsd),
    reference: 'TEST',
    training: true,
    copy: false,
    paidLate: false,
  };
}
