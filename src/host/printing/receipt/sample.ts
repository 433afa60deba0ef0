/**
 * A realistic receipt's content, for printer test pages, the settings screen's preview and tests.
 * Marked as training by default so a test page can never pass for a real payment.
 */
import { centsToRiel } from '../../../shared/money.ts';
import type { PaperWidth, ReceiptData } from '../types.ts';

export function sampleReceiptData(paperWidth: PaperWidth, overrides: Partial<ReceiptData> = {}): ReceiptData {
  const amountCents = overrides.amountCents ?? 1250;
  const khrPerUsd = overrides.khrPerUsd ?? 4000;
  return {
    paperWidth,
    merchantName: 'ហាងកាហ្វេ ស្រី ក្សត្រ',
    headerLines: ['ផ្ទះលេខ ១២ ផ្លូវ ២៧១ ភ្នំពេញ', 'Tel 012 345 678'],
    footerLines: ['Thank you! · អរគុណ!'],
    saleId: 123,
    receiptNumber: 'K7QX2M-123',
    paidAt: new Date(2026, 10, 24, 14, 5).getTime(),
    amountCents,
    khrPerUsd,
    riel: centsToRiel(amountCents, khrPerUsd),
    reference: '8f3a2c1d',
    training: true,
    copy: false,
    paidLate: false,
    ...overrides,
  };
}
