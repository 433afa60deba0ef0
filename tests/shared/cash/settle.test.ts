/**
 * settle() as tables of cases: one sale, its tenders and the cashier's change choice, against what
 * the cashier sees (covered or what is still due, the change in each currency) and what is booked
 * (the rounding line, in riel × 100: 2_500 is 25 ៛ the shop forgoes, -500 is 5 ៛ it keeps).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  khr, settle, usd, type Change, type ChangeChoice, type Money, type Sale,
} from '../../../src/shared/cash/index.ts';
import { PosError } from '../../../src/shared/errors.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { AmountError } from '../../../src/shared/money.ts';
import { assertWholeNumbers } from './whole-numbers.ts';

const at = (rate: number, due: Money): Sale => ({ due, khrPerUsd: rate });

interface CoveredCase {
  name: string;
  sale: Sale;
  tenders: Money[];
  choice?: ChangeChoice;
  change: Change;
  rounding: number;
}

const COVERED: CoveredCase[] = [
  // USD sale paid in USD
  { name: '$10.25 paid with exactly $10.25', sale: at(4100, usd(1025)), tenders: [usd(1025)], change: { usd: 0, khr: 0 }, rounding: 0 },
  { name: '$10.25 paid with $20: $9 and 3,100៛ back (3,075៛ rounded, 25៛ forgone)', sale: at(4100, usd(1025)), tenders: [usd(2000)], change: { usd: 900, khr: 3100 }, rounding: 2500 },
  { name: '$10.25 paid with $20, all change in dollars: $9.75', sale: at(4100, usd(1025)), tenders: [usd(2000)], choice: 'usd', change: { usd: 975, khr: 0 }, rounding: 0 },
  { name: '$10.25 paid with $20, all change in riel: 40,000៛ (39,975៛ rounded)', sale: at(4100, usd(1025)), tenders: [usd(2000)], choice: 'khr', change: { usd: 0, khr: 40000 }, rounding: 2500 },
  { name: '$10.25 paid with $20, the cashier keys $9 and 3,100៛', sale: at(4100, usd(1025)), tenders: [usd(2000)], choice: { usd: 900, khr: 3100 }, change: { usd: 900, khr: 3100 }, rounding: 2500 },
  // KHR sale paid in KHR
  { name: '12,500៛ paid with exactly 12,500៛', sale: at(4100, khr(12500)), tenders: [khr(12500)], change: { usd: 0, khr: 0 }, rounding: 0 },
  { name: '12,500៛ paid with 20,000៛: $1 and 3,400៛ back', sale: at(4100, khr(12500)), tenders: [khr(20000)], change: { usd: 100, khr: 3400 }, rounding: 0 },
  { name: '12,500៛ paid with 20,000៛, all change in riel', sale: at(4100, khr(12500)), tenders: [khr(20000)], choice: 'khr', change: { usd: 0, khr: 7500 }, rounding: 0 },
  // Mixed: the example
  { name: '$10.25 paid with $10 and 1,000៛ at 4,100: covered, 25៛ forgone', sale: at(4100, usd(1025)), tenders: [usd(1000), khr(1000)], change: { usd: 0, khr: 0 }, rounding: 2500 },
  { name: '$10.25 paid with $10 and 1,000៛ at 4,000: exact', sale: at(4000, usd(1025)), tenders: [usd(1000), khr(1000)], change: { usd: 0, khr: 0 }, rounding: 0 },
  { name: '50,000៛ paid 20,000៛ in cash then $7.32 by KHQR', sale: at(4100, khr(50000)), tenders: [khr(20000), usd(732)], change: { usd: 0, khr: 0 }, rounding: -1200 },
  // Sub-100 ៛ differences
  { name: '12,549៛ paid 12,500៛: 49៛ left rounds to 0, forgone', sale: at(4100, khr(12549)), tenders: [khr(12500)], change: { usd: 0, khr: 0 }, rounding: 4900 },
  { name: '12,550៛ paid 12,600៛: 50៛ over rounds to no change, kept', sale: at(4100, khr(12550)), tenders: [khr(12600)], change: { usd: 0, khr: 0 }, rounding: -5000 },
  { name: '12,549៛ paid 12,600៛: 51៛ over gives a 100៛ note back', sale: at(4100, khr(12549)), tenders: [khr(12600)], change: { usd: 0, khr: 100 }, rounding: 4900 },
  // Sub-cent differences (a dollar sale paid in riel at a rate that does not divide evenly)
  { name: '$1.00 at 4,075 paid 4,100៛: 25៛ over, kept', sale: at(4075, usd(100)), tenders: [khr(4100)], change: { usd: 0, khr: 0 }, rounding: -2500 },
  { name: '$10.25 at 4,075 (41,768.75៛) paid 42,000៛: 200៛ back, 31.25៛ kept', sale: at(4075, usd(1025)), tenders: [khr(42000)], change: { usd: 0, khr: 200 }, rounding: -3125 },
  // KHQR for a riel sale: the API is asked for cents rounded half up
  { name: '12,500៛ at 4,100 paid by KHQR $3.05 ($3.0488 half up): 5៛ kept', sale: at(4100, khr(12500)), tenders: [usd(305)], change: { usd: 0, khr: 0 }, rounding: -500 },
  { name: '12,540៛ at 4,000 paid by KHQR $3.14 ($3.135 half up): 20៛ kept', sale: at(4000, khr(12540)), tenders: [usd(314)], change: { usd: 0, khr: 0 }, rounding: -2000 },
  // Over-tender at the limits
  { name: '$10 paid with $110: exactly $100 back is allowed', sale: at(4100, usd(1000)), tenders: [usd(11000)], change: { usd: 10000, khr: 0 }, rounding: 0 },
  { name: '12,500៛ paid 112,500៛ with change all in riel: exactly 100,000៛ is allowed', sale: at(4100, khr(12500)), tenders: [khr(112500)], choice: 'khr', change: { usd: 0, khr: 100000 }, rounding: 0 },
  { name: '12,500៛ paid 200,000៛: 187,500៛ is given as $45 and 3,000៛', sale: at(4100, khr(12500)), tenders: [khr(200000)], change: { usd: 4500, khr: 3000 }, rounding: 0 },
];

test('covered sales: the change in each currency and the rounding line', () => {
  for (const c of COVERED) {
    const s = settle(c.sale, c.tenders, c.choice);
    assert.equal(s.covered, true, c.name);
    assert.deepEqual(s.remaining, { exact: 0, usd: 0, khr: 0 }, c.name);
    assert.deepEqual(s.change, c.change, c.name);
    assert.equal(s.rounding, c.rounding, c.name);
    assert.equal(s.tendered - s.changeExact + s.rounding, s.total, `${c.name}: tenders − change + rounding = total`);
    assertWholeNumbers(s, c.name);
  }
});

interface DueCase {
  name: string;
  sale: Sale;
  tenders: Money[];
  /** Still due: cents and riel, as a payer in each currency is asked. */
  usd: number;
  khr: number;
}

const DUE: DueCase[] = [
  { name: '$10.25, nothing paid yet', sale: at(4100, usd(1025)), tenders: [], usd: 1025, khr: 42000 },
  { name: '$10.25 after a $10 note: $0.25 or 1,000៛ (1,025៛ rounded)', sale: at(4100, usd(1025)), tenders: [usd(1000)], usd: 25, khr: 1000 },
  { name: '12,500៛ after 5,000៛: 7,500៛ or $1.83', sale: at(4100, khr(12500)), tenders: [khr(5000)], usd: 183, khr: 7500 },
  { name: '12,550៛ after 12,500៛: 50៛ left rounds up to a 100៛ note', sale: at(4100, khr(12550)), tenders: [khr(12500)], usd: 1, khr: 100 },
  { name: '50,000៛ after 20,000៛: $7.32 (7.317 half up) or 30,000៛', sale: at(4100, khr(50000)), tenders: [khr(20000)], usd: 732, khr: 30000 },
  { name: 'a $0.01 sale (41៛) still takes a payment', sale: at(4100, usd(1)), tenders: [], usd: 1, khr: 0 },
];

test('under-tendered sales: what is still due in both currencies', () => {
  for (const c of DUE) {
    const s = settle(c.sale, c.tenders);
    assert.equal(s.covered, false, c.name);
    assert.deepEqual({ usd: s.remaining.usd, khr: s.remaining.khr }, { usd: c.usd, khr: c.khr }, c.name);
    assert.deepEqual(s.change, { usd: 0, khr: 0 }, c.name);
    assert.equal(s.rounding, 0, c.name);
    assert.equal(s.tendered + s.remaining.exact, s.total, `${c.name}: tenders + remaining = total`);
    assertWholeNumbers(s, c.name);
  }
});

interface RefusedCase {
  name: string;
  run: () => unknown;
  code: string;
  /** Text the refusal must not contain: the value that was keyed. */
  notShown?: string;
}

const $1025 = at(4100, usd(1025));

const REFUSED: RefusedCase[] = [
  { name: 'change on an under-tendered sale', run: () => settle($1025, [usd(1000)], 'default'), code: 'cash.underTendered' },
  { name: 'a tender once the sale is covered', run: () => settle($1025, [usd(1025), khr(100)]), code: 'cash.alreadyCovered' },
  { name: 'a tender once 49៛ is left (covered)', run: () => settle(at(4100, khr(12549)), [khr(12500), khr(100)]), code: 'cash.alreadyCovered' },
  { name: '$120 for $10.25: change worth $109.75', run: () => settle($1025, [usd(12000)]), code: 'cash.changeTooLarge', notShown: '120' },
  { name: '$110.26 for $10.25: change worth $100.01', run: () => settle($1025, [usd(11026)], 'usd'), code: 'cash.changeTooLarge' },
  { name: '1,000,000៛ keyed for 12,500៛', run: () => settle(at(4100, khr(12500)), [khr(1000000)]), code: 'cash.changeTooLarge', notShown: '1,000,000' },
  { name: '112,600៛ for 12,500៛ with change all in riel: 100,100៛', run: () => settle(at(4100, khr(12500)), [khr(112600)], 'khr'), code: 'cash.changeTooLarge' },
  { name: 'a change split that does not add up', run: () => settle($1025, [usd(2000)], { usd: 900, khr: 3000 }), code: 'cash.changeSplitMismatch' },
  { name: 'a tender of nothing', run: () => settle($1025, [usd(0)]), code: 'request.amountZero' },
  { name: 'a negative tender', run: () => settle($1025, [khr(-1000)]), code: 'cash.rielZero' },
  { name: 'a tender in fractions of a cent', run: () => settle($1025, [usd(10.5)]), code: 'request.amountWholeCents' },
  { name: 'a tender in fractions of a riel', run: () => settle($1025, [khr(100.5)]), code: 'cash.rielWhole' },
  { name: 'a tender in another currency', run: () => settle($1025, [{ currency: 'EUR', amount: 100 } as unknown as Money]), code: 'cash.currency' },
  { name: 'a riel sale under the smallest note', run: () => settle(at(4100, khr(50)), []), code: 'cash.belowSmallestNote' },
  { name: 'a rate outside 1,000–10,000', run: () => settle(at(10001, usd(100)), []), code: 'settings.khrPerUsd' },
  { name: 'a rate in fractions of a riel', run: () => settle(at(4100.5, usd(100)), []), code: 'settings.khrPerUsd' },
];

test('refusals: catalog messages that never repeat the keyed value', () => {
  for (const c of REFUSED) {
    assert.throws(c.run, (error: unknown) => {
      assert.ok(error instanceof PosError, c.name);
      assert.equal(error.text.code, c.code, c.name);
      if (c.code !== 'settings.khrPerUsd') assert.ok(error instanceof AmountError && error.code === 'invalid_amount', c.name);
      if (c.notShown) assert.ok(!englishText(error.text).includes(c.notShown), `${c.name}: ${englishText(error.text)}`);
      return true;
    }, c.name);
  }
});

test('an under-tender refusal says what is still due, in both currencies', () => {
  assert.throws(() => settle($1025, [usd(1000)], 'khr'), (error: AmountError) =>
    englishText(error.text).startsWith('$0.25 (1,000៛) is still due'));
});
