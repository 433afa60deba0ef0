/**
 * A cash amount in its own currency, and the exact common unit that compares and adds amounts in
 * both currencies (docs/cash.md). Runs everywhere: plain data and integer arithmetic.
 */

export type Currency = 'USD' | 'KHR';

export const CURRENCIES: readonly Currency[] = ['USD', 'KHR'];

/** An amount in minor units of its currency: USD cents, or whole riel. Never a float. */
export interface Money {
  readonly currency: Currency;
  readonly amount: number;
}

export const usd = (cents: number): Money => ({ currency: 'USD', amount: cents });
export const khr = (riel: number): Money => ({ currency: 'KHR', amount: riel });

/**
 * The common unit is a hundredth of a riel, which is also 1/rate of a cent at a whole-riel rate:
 * riel × 100 = cents × rate. Every amount in either currency is a whole number of these, so sums,
 * comparisons and the rounding line are exact integers.
 */
export const EXACT_PER_RIEL = 100;

/** 100 ៛, the smallest riel note in use, in the common unit. */
export const EXACT_PER_NOTE = 100 * EXACT_PER_RIEL;

/** An amount in the common unit at a sale's rate (riel per dollar). */
export function toExact(money: Money, khrPerUsd: number): number {
  return money.currency === 'USD' ? money.amount * khrPerUsd : money.amount * EXACT_PER_RIEL;
}
