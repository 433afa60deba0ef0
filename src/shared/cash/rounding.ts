/**
 * The rounding rules (docs/cash.md), all on amounts in the common unit and all half up (towards +∞),
 * so one rule serves what is due (positive) and change (negative remaining). Runs everywhere.
 */
import { roundHalfUpDiv } from './integer-division.ts';
import { EXACT_PER_NOTE, toExact, type Money } from './money-value.ts';

/** Riel rounded to the nearest 100 ៛ note, halves up: what a riel payer hands over. */
export function roundToNote(exact: number): number {
  return roundHalfUpDiv(exact, EXACT_PER_NOTE) * 100;
}

/** Cents rounded to the nearest cent, halves up: what is asked of a dollar payer or of the KHQR API. */
export function roundToCent(exact: number, khrPerUsd: number): number {
  return roundHalfUpDiv(exact, khrPerUsd);
}

/**
 * Whether a remaining amount is settled: it rounds to 0 ៛ at 100 ៛, or less (money over). So under
 * 50 ៛ still due is covered and 50 ៛ is not (it rounds up to a 100 ៛ note).
 */
export function isCovered(remainingExact: number): boolean {
  return roundToNote(remainingExact) <= 0;
}

/**
 * An amount in both currencies, for screens and receipts: a dollar amount with its riel rounded to
 * 100 ៛ (money.ts centsToRiel), a riel amount as keyed with its cents rounded half up.
 */
export function inBothCurrencies(money: Money, khrPerUsd: number): { usd: number; khr: number } {
  const exact = toExact(money, khrPerUsd);
  return money.currency === 'USD'
    ? { usd: money.amount, khr: roundToNote(exact) }
    : { usd: roundToCent(exact, khrPerUsd), khr: money.amount };
}
