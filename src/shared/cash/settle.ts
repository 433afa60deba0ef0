/**
 * Settling a sale across tenders in either currency (docs/cash.md): what remains, whether the sale
 * is covered, the change, and the rounding line, with tendered − change + rounding + remaining =
 * total exactly, in the common unit, for every input. Runs everywhere: pure.
 */
import { AmountError, formatRiel, formatUsd } from '../money.ts';
import { hostMessage } from '../messages/index.ts';
import { assertMoney } from './amount.ts';
import { NO_CHANGE, changeExact, splitChange, type Change, type ChangeChoice } from './change.ts';
import { toExact, type Money } from './money-value.ts';
import { assertKhrPerUsd } from './rate.ts';
import { isCovered, roundToCent, roundToNote } from './rounding.ts';

/** What a sale asks for: its amount in the currency it was keyed in, at its own rate (riel per dollar). */
export interface Sale {
  readonly due: Money;
  readonly khrPerUsd: number;
}

export interface Remaining {
  /** In the common unit (riel × 100); positive, or 0 once covered. */
  readonly exact: number;
  /** Cents to ask a dollar payer (or the KHQR API), rounded half up; 0 once covered. */
  readonly usd: number;
  /** Riel to ask a riel payer, rounded to 100 ៛ half up; 0 once covered. */
  readonly khr: number;
}

export interface Settlement {
  /** The sale's amount, what was tendered, the change and the rounding line in the common unit. */
  readonly total: number;
  readonly tendered: number;
  readonly covered: boolean;
  readonly remaining: Remaining;
  /** The change to give, each part in its own currency; none until covered. */
  readonly change: Change;
  readonly changeExact: number;
  /**
   * The rounding line once covered (0 before): what the shop forgoes (positive) or keeps over the
   * total (negative); always at least −50 ៛ and under 50 ៛, so it rounds to 0 ៛ at 100 ៛.
   */
  readonly rounding: number;
}

/**
 * Settles a sale. Tenders are checked one by one: each must be positive Money within its limit,
 * and none may follow once the sale is covered. A change choice is only for a covered sale (giving
 * change on an under-tendered sale is refused); a covered sale without one gets the default split.
 * Change above the keying-error limit is refused whatever the split.
 */
export function settle(sale: Sale, tenders: readonly Money[], choice?: ChangeChoice): Settlement {
  assertKhrPerUsd(sale.khrPerUsd);
  assertMoney(sale.due);
  const rate = sale.khrPerUsd;
  const total = toExact(sale.due, rate);
  if (sale.due.currency === 'KHR' && sale.due.amount < 100) throw new AmountError(hostMessage('cash.belowSmallestNote'));
  let tendered = 0;
  for (const [count, tender] of tenders.entries()) {
    if (coveredAfter(count, total - tendered)) throw new AmountError(hostMessage('cash.alreadyCovered'));
    assertMoney(tender);
    tendered += toExact(tender, rate);
  }
  const left = total - tendered;
  if (!coveredAfter(tenders.length, left)) {
    const remaining: Remaining = { exact: left, usd: roundToCent(left, rate), khr: roundToNote(left) };
    if (choice !== undefined) throw underTendered(remaining);
    return { total, tendered, covered: false, remaining, change: NO_CHANGE, changeExact: 0, rounding: 0 };
  }
  const change = splitChange(-left, rate, choice);
  const given = changeExact(change, rate);
  return {
    total, tendered, covered: true, remaining: { exact: 0, usd: 0, khr: 0 }, change, changeExact: given, rounding: left + given,
  };
}

/**
 * A sale is covered once it has a tender and what is left rounds to 0 ៛ or less. The first part only
 * matters for a dollar sale worth under 50 ៛ ($0.01 at 4,100 ៛/$), which still takes a payment.
 */
const coveredAfter = (tenderCount: number, leftExact: number): boolean => tenderCount > 0 && isCovered(leftExact);

/** Refuses to go on (close the sale, give change) while something is still due. */
export function assertCovered(settlement: Settlement): void {
  if (!settlement.covered) throw underTendered(settlement.remaining);
}

const underTendered = (remaining: Remaining): AmountError =>
  new AmountError(hostMessage('cash.underTendered', { usd: formatUsd(remaining.usd), khr: formatRiel(remaining.khr) }));
