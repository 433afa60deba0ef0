/**
 * Cash and split receipts (src/host/printing/receipt/layout.ts, receipt-data.ts): each tender, the
 * change and the rounding line are printed (English with Khmer labels, amounts in their own currency),
 * a riel sale is totalled in riel; a dollar sale paid by one KHQR payment prints exactly as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReceipt } from '../../../../src/host/printing/receipt/layout.ts';
import { receiptForSale } from '../../../../src/host/printing/receipt-data.ts';
import { sampleReceiptData } from '../../../../src/host/printing/receipt/sample.ts';
import type { ReceiptPayment } from '../../../../src/host/printing/types.ts';
import { DEFAULT_SETTINGS } from '../../../../src/host/config/settings.ts';
import type { StoredSale } from '../../../../src/host/ledger/sales.ts';
import { saleView } from '../../../support/sale-view.ts';

const CASH: ReceiptPayment = { dueCurrency: 'USD', tenders: [{ kind: 'cash', currency: 'USD', amount: 2000 }], change: { usd: 900, khr: 3100 }, roundingExact: 2500 };

test('a cash receipt prints the tender, the change in both currencies and the rounding: more lines than a KHQR receipt, and its figures are drawn', () => {
  const khqr = renderReceipt(sampleReceiptData(80, { training: false }));
  const cash = renderReceipt(sampleReceiptData(80, { training: false, payment: CASH }));
  assert.equal(cash.width, khqr.width);
  assert.ok(cash.height > khqr.height + 20, `${cash.height} rows against ${khqr.height}: tender, change and rounding lines (one line fewer: no reference)`);
  const otherChange = renderReceipt(sampleReceiptData(80, { training: false, payment: { ...CASH, change: { usd: 900, khr: 3200 } } }));
  assert.equal(otherChange.height, cash.height);
  assert.notDeepEqual(otherChange.data, cash.data, 'the change amount is printed');
  const noRounding = renderReceipt(sampleReceiptData(80, { training: false, payment: { ...CASH, roundingExact: 0 } }));
  assert.ok(noRounding.height < cash.height, 'no rounding line when there is none');
});

test('a split receipt lists each tender, with the KHQR reference; 58 mm paper fits it', () => {
  const split: ReceiptPayment = { dueCurrency: 'KHR', tenders: [{ kind: 'cash', currency: 'KHR', amount: 20_000 }, { kind: 'khqr', currency: 'USD', amount: 732 }], change: { usd: 0, khr: 0 }, roundingExact: -1200 };
  for (const width of [58, 80] as const) {
    const one = renderReceipt(sampleReceiptData(width, { training: false, payment: { ...split, tenders: split.tenders.slice(0, 1) } }));
    const both = renderReceipt(sampleReceiptData(width, { training: false, payment: split }));
    assert.ok(both.height > one.height + 2 * 15, `${width} mm: the KHQR line and its reference`);
  }
});

test('receipt data: a cash sale and a riel sale carry their payment lines; a dollar sale paid by one QR carries none', () => {
  const settings = { ...DEFAULT_SETTINGS, merchantName: 'Shop' } as Parameters<typeof receiptForSale>[1];
  const base = { ...saleView('paid'), apiBaseUrl: '', finalCheckAt: null } as StoredSale;
  const paidTender = { id: 1, createdAt: 0, paidAt: 1, paidLate: false, overpaid: false, expiresAt: null, receivingAccount: null, failureReason: null, attempt: null, status: 'paid' as const };
  assert.equal(receiptForSale({ ...base, tenders: [{ ...paidTender, kind: 'khqr', currency: 'USD', amount: 1250 }] }, settings, false, 'K7QX2M').payment, undefined);
  const cash = receiptForSale({
    ...base, tenders: [{ ...paidTender, kind: 'cash', currency: 'USD', amount: 2000 }],
    settlement: { covered: true, remaining: { usd: 0, khr: 0 }, change: { usd: 700, khr: 3000 }, roundingExact: 0 },
  }, settings, false, 'K7QX2M');
  assert.deepEqual(cash.payment, { dueCurrency: 'USD', tenders: [{ kind: 'cash', currency: 'USD', amount: 2000 }], change: { usd: 700, khr: 3000 }, roundingExact: 0 });
  const riel = receiptForSale({ ...base, currency: 'KHR', dueAmount: 12_500, amountRiel: 12_500, tenders: [{ ...paidTender, kind: 'khqr', currency: 'USD', amount: 305 }] }, settings, false, 'K7QX2M');
  assert.equal(riel.payment?.dueCurrency, 'KHR');
  assert.equal(riel.riel, 12_500, 'the riel as keyed');
  const rielRaster = renderReceipt({ ...riel, paperWidth: 80 });
  const usdRaster = renderReceipt({ ...riel, paperWidth: 80, payment: { ...riel.payment!, dueCurrency: 'USD' } });
  assert.notDeepEqual(rielRaster.data, usdRaster.data, 'a riel sale is totalled in riel');
});
