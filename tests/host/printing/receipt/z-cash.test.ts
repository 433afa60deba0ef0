/**
 * The printed Z's cash section (src/host/printing/receipt/z-report.ts): printed when the report has
 * one (format 2), left out of a Z closed before cash control (format 1), which prints as it did.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderZReport } from '../../../../src/host/printing/receipt/z-report.ts';
import type { ShiftCash, ShiftReport } from '../../../../src/shared/contract.ts';

const zero = { count: 0, cents: 0, riel: 0 };
const REPORT: ShiftReport = {
  format: 1, kind: 'Z', till: { id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', code: 'K7QX2M' }, shift: 1, zNumber: 'K7QX2M-Z1',
  businessDate: '2026-12-01', openedAt: 1_764_576_000_000, openedBy: 'cashier', openReason: 'explicit', closedAt: 1_764_579_600_000,
  fromSeq: 2, toSeq: 9, anchor: { seq: 9, hash16: '0123456789abcdef' }, takings: { ...zero, byTender: { khqr: zero } },
  byStatus: { opened: zero, paid: zero, paidLate: zero, expired: zero, cancelled: zero, failed: zero }, otherAccount: { ...zero, sales: [] },
  training: { opened: zero, paid: zero, expired: zero, cancelled: zero, failed: zero }, firstSale: null, lastSale: null,
  unresolved: [], paidLate: [], cancelled: [], failed: [],
};
const CASH: ShiftCash = {
  USD: { float: 5000, paidIn: { count: 0, amount: 0 }, paidOut: { count: 1, amount: 250 }, drops: { count: 0, amount: 0 }, expected: 4750 },
  KHR: { float: 100_000, paidIn: { count: 0, amount: 0 }, paidOut: { count: 0, amount: 0 }, drops: { count: 1, amount: 50_000 }, expected: 50_000 },
  noSaleOpens: 1, movements: [], training: 0,
};

test('a format-2 Z prints its cash section (11 more lines); a format-1 Z prints as before', () => {
  const before = renderZReport({ paperWidth: 80, merchantName: 'My Shop', report: REPORT, copy: false });
  const withCash = renderZReport({ paperWidth: 80, merchantName: 'My Shop', report: { ...REPORT, format: 2, cash: CASH }, copy: false });
  assert.equal(before.width, withCash.width);
  assert.ok(withCash.height > before.height + 11 * 20, `${withCash.height} rows against ${before.height}: the cash lines are printed`);
  // The figures are printed, not just their labels: other amounts draw other dots.
  const other = renderZReport({ paperWidth: 80, merchantName: 'My Shop', report: { ...REPORT, format: 2, cash: { ...CASH, USD: { ...CASH.USD, expected: 4700 } } }, copy: false });
  assert.equal(other.height, withCash.height);
  assert.notDeepEqual(other.data, withCash.data);
});
