/** The cash screen's tender keys: quick-cash notes, Exact in each currency, and the KHQR amount. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  QUICK_CASH, exactTender, khqrCents, khr, settle, usd, type Currency, type Money, type Sale,
} from '../../../src/shared/cash/index.ts';
import type { AmountError } from '../../../src/shared/money.ts';

const at = (rate: number, due: Money): Sale => ({ due, khrPerUsd: rate });

test('quick-cash keys are the notes in circulation', () => {
  assert.deepEqual(QUICK_CASH.USD, [100, 500, 1000, 2000, 5000, 10000]);
  assert.deepEqual(QUICK_CASH.KHR, [500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]);
});

const EXACT: Array<{ name: string; sale: Sale; tenders: Money[]; currency: Currency; exact: number; rounding: number }> = [
  { name: '$10.25 exactly in dollars', sale: at(4100, usd(1025)), tenders: [], currency: 'USD', exact: 1025, rounding: 0 },
  { name: '$10.25 exactly in riel: 42,000៛ (42,025៛ rounded), 25៛ forgone', sale: at(4100, usd(1025)), tenders: [], currency: 'KHR', exact: 42000, rounding: 2500 },
  { name: '12,500៛ exactly in riel', sale: at(4100, khr(12500)), tenders: [], currency: 'KHR', exact: 12500, rounding: 0 },
  { name: '12,550៛ exactly in riel: 12,600៛ (halves up), 50៛ kept', sale: at(4100, khr(12550)), tenders: [], currency: 'KHR', exact: 12600, rounding: -5000 },
  { name: '12,500៛ exactly in dollars: $3.05 ($3.0488 half up)', sale: at(4100, khr(12500)), tenders: [], currency: 'USD', exact: 305, rounding: -500 },
  { name: '41,000៛ exactly in dollars at 4,100: $10.00', sale: at(4100, khr(41000)), tenders: [], currency: 'USD', exact: 1000, rounding: 0 },
  { name: '$10.25 after a $10 note, the rest exactly in riel: 1,000៛', sale: at(4100, usd(1025)), tenders: [usd(1000)], currency: 'KHR', exact: 1000, rounding: 2500 },
  { name: '$10.25 after 1,000៛, the rest exactly in dollars: $10.01 ($10.006)', sale: at(4100, usd(1025)), tenders: [khr(1000)], currency: 'USD', exact: 1001, rounding: -1600 },
];

test('Exact is the tender that covers what remains with no change', () => {
  for (const c of EXACT) {
    const tender = exactTender(c.sale, c.tenders, c.currency);
    assert.deepEqual(tender, { currency: c.currency, amount: c.exact }, c.name);
    const s = settle(c.sale, [...c.tenders, tender]);
    assert.equal(s.covered, true, c.name);
    assert.deepEqual(s.change, { usd: 0, khr: 0 }, c.name);
    assert.equal(s.rounding, c.rounding, c.name);
  }
});

test('Exact is refused once covered, and in riel for a sale worth under 50៛', () => {
  assert.throws(() => exactTender(at(4100, usd(1025)), [usd(1025)], 'USD'), (e: AmountError) => e.text.code === 'cash.alreadyCovered');
  assert.throws(() => exactTender(at(4100, usd(1)), [], 'KHR'), (e: AmountError) => e.text.code === 'cash.belowSmallestNote');
  assert.deepEqual(exactTender(at(4100, usd(1)), [], 'USD'), usd(1));
});

const KHQR: Array<{ name: string; sale: Sale; tenders: Money[]; cents: number }> = [
  { name: 'a dollar sale: its cents', sale: at(4100, usd(1025)), tenders: [], cents: 1025 },
  { name: '12,500៛ at 4,100: $3.05 (3.0488 half up)', sale: at(4100, khr(12500)), tenders: [], cents: 305 },
  { name: '12,540៛ at 4,000: $3.14 (exactly 3.135, half up)', sale: at(4000, khr(12540)), tenders: [], cents: 314 },
  { name: '12,520៛ at 4,000: $3.13 (exactly)', sale: at(4000, khr(12520)), tenders: [], cents: 313 },
  { name: '12,580៛ at 4,000: $3.15 (3.145 half up)', sale: at(4000, khr(12580)), tenders: [], cents: 315 },
  { name: '12,500៛ at 4,000 after 12,000៛ cash: $0.13 (exactly 0.125, half up)', sale: at(4000, khr(12500)), tenders: [khr(12000)], cents: 13 },
  { name: '50,000៛ after 20,000៛ cash: $7.32', sale: at(4100, khr(50000)), tenders: [khr(20000)], cents: 732 },
  { name: '$10.25 after 1,000៛ cash at 4,075: $10.00 (10.0046)', sale: at(4075, usd(1025)), tenders: [khr(1000)], cents: 1000 },
];

test('KHQR asks the USD-only API for what remains, in cents rounded half up', () => {
  for (const c of KHQR) {
    assert.equal(khqrCents(c.sale, c.tenders), c.cents, c.name);
    const paid = settle(c.sale, [...c.tenders, usd(c.cents)]);
    assert.equal(paid.covered, true, `${c.name}: paying it covers the sale`);
    assert.deepEqual(paid.change, { usd: 0, khr: 0 }, `${c.name}: with no change`);
    assert.equal(paid.tendered - paid.changeExact + paid.rounding, paid.total, c.name);
  }
});

test('KHQR is refused for a covered sale or beyond the charge limit', () => {
  assert.throws(() => khqrCents(at(4100, khr(12549)), [khr(12500)]), (e: AmountError) => e.text.code === 'cash.alreadyCovered');
  assert.throws(() => khqrCents(at(1000, khr(400_000_000)), []), (e: AmountError) => e.text.code === 'request.amountTooLarge');
});
