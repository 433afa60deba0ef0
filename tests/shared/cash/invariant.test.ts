/**
 * Property-style loops over many sales, rates and tender sequences (a seeded generator, so a
 * failure replays): tenders − change + rounding = total exactly, the rounding line rounds to 0 ៛,
 * Exact and KHQR cover without change, and every output is a whole number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CHANGE_LIMIT, QUICK_CASH, exactTender, khqrCents, khr, roundToNote, settle, toExact, usd,
  type ChangeChoice, type Currency, type Money, type Sale, type Settlement,
} from '../../../src/shared/cash/index.ts';
import { floorDiv, roundHalfUpDiv } from '../../../src/shared/cash/integer-division.ts';
import { AmountError } from '../../../src/shared/money.ts';
import { assertWholeNumbers } from './whole-numbers.ts';

/** Park–Miller: small, seeded and deterministic. */
function generator(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 48271) % 2147483647;
    return state % below;
  };
}

const RATES = [1000, 3999, 4000, 4001, 4075, 4100, 4123, 7777, 9999, 10000];
const CHOICES: ChangeChoice[] = ['default', 'usd', 'khr'];

function checkCovered(s: Settlement, sale: Sale, choice: ChangeChoice, where: string): void {
  assert.equal(s.tendered - s.changeExact + s.rounding, s.total, `${where}: tenders − change + rounding = total`);
  assert.equal(roundToNote(s.rounding), 0, `${where}: the rounding line is under 50៛ either way`);
  assert.ok(s.change.usd >= 0 && s.change.khr >= 0, `${where}: change is never negative`);
  assert.equal(s.changeExact, s.change.usd * sale.khrPerUsd + s.change.khr * 100, where);
  assert.ok(s.changeExact <= CHANGE_LIMIT.cents * sale.khrPerUsd && s.change.khr <= CHANGE_LIMIT.riel, `${where}: within the limit`);
  if (choice === 'default') assert.equal(s.change.usd % 100, 0, `${where}: whole dollars by default`);
  if (choice === 'usd') assert.equal(s.change.khr, 0, where);
  if (choice === 'khr') assert.equal(s.change.usd, 0, where);
  assert.equal(s.change.khr % 100, 0, `${where}: riel change in notes`);
}

function nextTender(random: (below: number) => number, sale: Sale, tenders: Money[], open: Settlement): Money {
  const currency: Currency = random(2) === 0 || open.remaining.khr === 0 ? 'USD' : 'KHR';
  // Now and then a $100-or-more note, or a slip of the finger, to reach the keying-error limit.
  if (random(10) === 0) return random(2) === 0 ? usd(10_000 + random(40_000)) : khr(100_000 + random(900_000));
  switch (random(4)) {
    case 0: return exactTender(sale, tenders, currency);
    case 1: {
      const notes = QUICK_CASH[currency];
      return { currency, amount: notes[random(notes.length)] ?? 100 };
    }
    case 2: return currency === 'USD' ? usd(1 + random(5000)) : khr(100 * (1 + random(500)));
    default: return khr(1 + random(20000));
  }
}

test('every settlement of random sales and tenders keeps the invariant in whole numbers', () => {
  const random = generator(20261201);
  let covered = 0;
  let refusedForLimit = 0;
  for (const rate of RATES) {
    for (let n = 0; n < 400; n++) {
      const due = random(2) === 0 ? usd(1 + random(20_000)) : khr(100 + random(400_000));
      const sale: Sale = { due, khrPerUsd: rate };
      const tenders: Money[] = [];
      for (let step = 0; step < 20; step++) {
        const where = `rate ${rate}, sale ${JSON.stringify(due)}, tenders ${JSON.stringify(tenders)}`;
        let open: Settlement;
        try {
          open = settle(sale, tenders);
        } catch (error) {
          // Only the keying-error limit may refuse a default split: the change was over $100 of value.
          assert.ok(error instanceof AmountError && error.text.code === 'cash.changeTooLarge', where);
          const over = tenders.reduce((sum, t) => sum + toExact(t, rate), 0) - toExact(due, rate);
          assert.ok(over >= CHANGE_LIMIT.cents * rate - 5000, `${where}: refused at ${over}`);
          refusedForLimit++;
          break;
        }
        assertWholeNumbers(open, where);
        if (open.covered) {
          covered++;
          for (const choice of CHOICES) {
            try {
              const s = settle(sale, tenders, choice);
              assertWholeNumbers(s, where);
              checkCovered(s, sale, choice, `${where}, ${String(choice)}`);
            } catch (error) {
              assert.ok(error instanceof AmountError && error.text.code === 'cash.changeTooLarge', where);
            }
          }
          assert.throws(() => settle(sale, [...tenders, usd(100)]), AmountError, `${where}: nothing more is taken`);
          break;
        }
        assert.equal(open.tendered + open.remaining.exact, open.total, `${where}: tenders + remaining = total`);
        assert.ok(open.remaining.usd >= 1, `${where}: at least a cent is asked`);
        for (const currency of ['USD', 'KHR'] as const) {
          if (currency === 'KHR' && open.remaining.khr === 0) continue; // a dollar sale under 50៛
          const exact = settle(sale, [...tenders, exactTender(sale, tenders, currency)]);
          assert.ok(exact.covered, `${where}: Exact in ${currency} covers`);
          assert.deepEqual(exact.change, { usd: 0, khr: 0 }, `${where}: Exact in ${currency} leaves no change`);
        }
        assert.equal(khqrCents(sale, tenders), open.remaining.usd, `${where}: KHQR asks for Exact in dollars`);
        tenders.push(nextTender(random, sale, tenders, open));
      }
    }
  }
  // The loops must reach both outcomes, or they prove nothing.
  assert.ok(covered > 3000, `covered ${covered}`);
  assert.ok(refusedForLimit > 10, `refused ${refusedForLimit}`);
});

test('integer division matches BigInt arithmetic, including near the safe-integer limit', () => {
  const random = generator(7);
  const values = [0, 1, -1, 4999, 5000, 5001, -4999, -5000, -5001, Number.MAX_SAFE_INTEGER >> 2];
  for (let i = 0; i < 2000; i++) values.push((random(2) === 0 ? -1 : 1) * random(2_000_000_000) * (1 + random(1_000_000)));
  for (const n of values) {
    for (const d of [1, 7, 100, 4100, 10_000, 8191]) {
      const big = BigInt(n);
      const bd = BigInt(d);
      const floor = big >= 0n ? big / bd : -((-big + bd - 1n) / bd);
      assert.equal(BigInt(floorDiv(n, d)), floor, `floor ${n}/${d}`);
      const twice = 2n * big + bd;
      const half = twice >= 0n ? twice / (2n * bd) : -((-twice + 2n * bd - 1n) / (2n * bd));
      assert.equal(BigInt(roundHalfUpDiv(n, d)), half, `round ${n}/${d}`);
    }
  }
});
