/**
 * Change splits as tables: the default (whole dollars, the rest in riel), all dollars, all riel,
 * and splits the cashier keys, for one over-tender each, in the common unit (riel × 100).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANGE_LIMIT, splitChange, type Change, type ChangeChoice } from '../../../src/shared/cash/index.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { AmountError } from '../../../src/shared/money.ts';
import { assertWholeNumbers } from './whole-numbers.ts';

interface SplitCase {
  name: string;
  /** Tendered over the total, in riel × 100. */
  over: number;
  rate: number;
  choice: ChangeChoice;
  change: Change;
}

const SPLITS: SplitCase[] = [
  { name: '$9.75 over: $9 and 3,100៛', over: 975 * 4100, rate: 4100, choice: 'default', change: { usd: 900, khr: 3100 } },
  { name: '$9.75 over at 4,000: $9 and 3,000៛', over: 975 * 4000, rate: 4000, choice: 'default', change: { usd: 900, khr: 3000 } },
  { name: '$0.99 over: no whole dollar, 4,100៛ (4,059៛ rounded)', over: 99 * 4100, rate: 4100, choice: 'default', change: { usd: 0, khr: 4100 } },
  { name: '7,500៛ over at 4,100: $1 and 3,400៛', over: 750_000, rate: 4100, choice: 'default', change: { usd: 100, khr: 3400 } },
  { name: '7,500៛ over, all riel', over: 750_000, rate: 4100, choice: 'khr', change: { usd: 0, khr: 7500 } },
  { name: '7,500៛ over, all dollars: $1.83 (1.829 half up)', over: 750_000, rate: 4100, choice: 'usd', change: { usd: 183, khr: 0 } },
  { name: '$7.565 over at 10,000, all dollars: $7.56 (the half cent goes to the shop)', over: 7_565_000, rate: 10_000, choice: 'usd', change: { usd: 756, khr: 0 } },
  { name: '49៛ over: nothing in any split', over: 4900, rate: 4100, choice: 'default', change: { usd: 0, khr: 0 } },
  { name: '49៛ over, all riel: nothing', over: 4900, rate: 4100, choice: 'khr', change: { usd: 0, khr: 0 } },
  { name: '49៛ over, all dollars: one cent (1.195 cents)', over: 4900, rate: 4100, choice: 'usd', change: { usd: 1, khr: 0 } },
  { name: 'covered with 20៛ still due: nothing in dollars', over: -2000, rate: 4100, choice: 'usd', change: { usd: 0, khr: 0 } },
  { name: 'covered with 20៛ still due: nothing by default', over: -2000, rate: 4100, choice: 'default', change: { usd: 0, khr: 0 } },
  { name: 'exactly 50៛ over: nothing (halves go to the shop)', over: 5000, rate: 4100, choice: 'default', change: { usd: 0, khr: 0 } },
  { name: '$100 over: $100, the limit', over: 10_000 * 4100, rate: 4100, choice: 'default', change: { usd: 10_000, khr: 0 } },
  { name: '$100.01 over: $100, the 41៛ left kept', over: 10_001 * 4100, rate: 4100, choice: 'default', change: { usd: 10_000, khr: 0 } },
  { name: 'keyed: $9 and 3,100៛ for $9.75', over: 975 * 4100, rate: 4100, choice: { usd: 900, khr: 3100 }, change: { usd: 900, khr: 3100 } },
  { name: 'keyed: $5 and 19,500៛ for $9.75 (19,475៛ after the $5)', over: 975 * 4100, rate: 4100, choice: { usd: 500, khr: 19500 }, change: { usd: 500, khr: 19500 } },
  { name: 'keyed: $9.75 in dollars', over: 975 * 4100, rate: 4100, choice: { usd: 975, khr: 0 }, change: { usd: 975, khr: 0 } },
  { name: 'keyed: nothing for exactly 50៛ over', over: 5000, rate: 4100, choice: { usd: 0, khr: 0 }, change: { usd: 0, khr: 0 } },
];

test('change splits: default, all dollars, all riel and keyed', () => {
  for (const c of SPLITS) {
    const change = splitChange(c.over, c.rate, c.choice);
    assert.deepEqual(change, c.change, c.name);
    assertWholeNumbers(change, c.name);
  }
});

const REFUSED: Array<{ name: string; over: number; choice: ChangeChoice; code: string }> = [
  { name: '$9 and 3,000៛ for $9.75 (75៛ short)', over: 975 * 4100, choice: { usd: 900, khr: 3000 }, code: 'cash.changeSplitMismatch' },
  { name: '$10 for $9.75 (too much)', over: 975 * 4100, choice: { usd: 1000, khr: 0 }, code: 'cash.changeSplitMismatch' },
  { name: '100៛ for exactly 50៛ over', over: 5000, choice: { usd: 0, khr: 100 }, code: 'cash.changeSplitMismatch' },
  { name: 'a negative part', over: 975 * 4100, choice: { usd: 1075, khr: -400 }, code: 'cash.changeWhole' },
  { name: 'a fraction of a cent', over: 975 * 4100, choice: { usd: 974.5, khr: 0 }, code: 'cash.changeWhole' },
  { name: '$100.01 over, all in dollars', over: 10_001 * 4100, choice: 'usd', code: 'cash.changeTooLarge' },
  { name: '$100.40 over: $100 and 1,600៛ is worth more than $100', over: 10_040 * 4100, choice: 'default', code: 'cash.changeTooLarge' },
  { name: '100,100៛ in riel', over: 10_010_000, choice: 'khr', code: 'cash.changeTooLarge' },
  { name: 'a keyed split beyond the safe integers', over: 975 * 4100, choice: { usd: Number.MAX_SAFE_INTEGER, khr: 0 }, code: 'cash.changeTooLarge' },
  { name: 'a keyed split with 100,100៛ in riel', over: 10_010_000, choice: { usd: 0, khr: 100_100 }, code: 'cash.changeTooLarge' },
];

test('change splits refused: not adding up, not whole, or over the keying-error limit', () => {
  for (const c of REFUSED) {
    assert.throws(() => splitChange(c.over, 4100, c.choice), (error: unknown) =>
      error instanceof AmountError && error.text.code === c.code, c.name);
  }
});

test('a split that does not add up names the change owed in each currency', () => {
  assert.throws(() => splitChange(975 * 4100, 4100, { usd: 900, khr: 3000 }), (error: AmountError) =>
    englishText(error.text) === 'The change in dollars and in riel must add up to the change owed: $9.75 in dollars, or 40,000៛ in riel');
});

test('the keying-error limit is $100 of change, or 100,000៛ of riel notes', () => {
  assert.deepEqual(CHANGE_LIMIT, { cents: 10_000, riel: 100_000 });
  assert.throws(() => splitChange(10_040 * 4100, 4100), (error: AmountError) =>
    englishText(error.text) === 'Change worth more than $100.00, or more than 100,000៛ in riel, is refused: check the amount received was keyed correctly');
});
