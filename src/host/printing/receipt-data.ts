/**
 * What goes on a receipt, taken from the ledger (the sale as recorded: its amount, its rate, the
 * merchant name the customer paid) and the owner's receipt settings (header, footer, paper).
 */
import { centsToRiel } from '../../shared/money.ts';
import { receiptNumber } from '../../shared/receipt-number.ts';
import type { Settings } from '../config/settings.ts';
import type { StoredSale } from '../ledger/sales.ts';
import type { Refund } from '../ledger/refunds.ts';
import type { SaleVoid } from '../ledger/sale-voids.ts';
import type { ReturnReceiptData } from './receipt/return-receipt.ts';
import type { ReceiptData, ReceiptPayment } from './types.ts';

export { receiptNumber };

/** The first 10 hex digits of the md5 identify a payment well enough for a customer's query. */
export function shortReference(md5: string | null): string {
  return md5 ? md5.slice(0, 10).toUpperCase() : '—';
}

/**
 * A refund's or void's own number: `<code>-R<n>` or `<code>-V<n>`, the epoch of its journal row
 * between them after a restore, as for receipts. Never the form of a sale's receipt number, so it
 * cannot be taken for one (a search for it says it is a refund).
 */
export function returnNumber(tillCode: string, kind: 'refund' | 'void', id: number, epoch = 1): string {
  const letter = kind === 'refund' ? 'R' : 'V';
  return epoch > 1 ? `${tillCode}-${epoch}-${letter}${id}` : `${tillCode}-${letter}${id}`;
}

/** What a refund's or void's receipt prints; `epochs`: of the sale's first row and of the document's row. */
export function receiptForReturn(
  doc: { kind: 'refund'; refund: Refund } | { kind: 'void'; void: SaleVoid },
  merchantName: string,
  settings: Settings,
  tillCode: string,
  epochs: { sale: number; doc: number },
): ReturnReceiptData {
  const common = { paperWidth: settings.paperWidth, merchantName, headerLines: settings.receiptHeader, footerLines: settings.receiptFooter };
  if (doc.kind === 'refund') {
    const r = doc.refund;
    return {
      ...common, kind: 'refund', number: returnNumber(tillCode, 'refund', r.id, epochs.doc), saleNumber: receiptNumber(tillCode, r.saleId, epochs.sale),
      at: r.at, returned: [{ currency: r.currency, amount: r.amount }], method: r.method, reference: r.reference, reason: r.reason, training: r.training,
    };
  }
  const v = doc.void;
  const returned = [{ currency: 'USD' as const, amount: v.returnedUsd }, { currency: 'KHR' as const, amount: v.returnedKhr }].filter((m) => m.amount > 0);
  return {
    ...common, kind: 'void', number: returnNumber(tillCode, 'void', v.id, epochs.doc), saleNumber: receiptNumber(tillCode, v.saleId, epochs.sale),
    at: v.at, returned, method: 'cash', reference: null, reason: v.reason, training: v.training,
  };
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
    riel: sale.amountRiel,
    reference: shortReference(sale.md5),
    training: sale.training,
    copy,
    paidLate: sale.paidLate,
    ...paymentLines(sale),
  };
}

/** A riel or cash sale's tender, change and rounding lines (none for a dollar sale paid by one QR: its receipt is as before). */
function paymentLines(sale: StoredSale): { payment?: ReceiptPayment } {
  const counted = sale.tenders.filter((t) => t.status === 'paid' && !t.overpaid);
  if (sale.currency === 'USD' && !counted.some((t) => t.kind === 'cash')) return {};
  return {
    payment: {
      dueCurrency: sale.currency,
      tenders: counted.map((t) => ({ kind: t.kind, currency: t.currency, amount: t.amount })),
      change: sale.settlement.change,
      roundingExact: sale.settlement.roundingExact,
    },
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
