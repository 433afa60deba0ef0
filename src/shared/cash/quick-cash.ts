/**
 * The tender keys of the cash screen: quick-cash notes, Exact, and the KHQR amount for what remains
 * (docs/cash.md). Runs everywhere: pure.
 */
import { AmountError, assertChargeCents } from '../money.ts';
import { hostMessage } from '../messages/index.ts';
import type { Currency, Money } from './money-value.ts';
import { settle, type Sale } from './settle.ts';

/** Notes offered as one-key tenders: USD in cents, riel in whole riel. */
export const QUICK_CASH: Readonly<Record<Currency, readonly number[]>> = {
  USD: [100, 500, 1_000, 2_000, 5_000, 10_000],
  KHR: [500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000],
};

/**
 * Exact: the tender in `currency` that covers what remains with no change. In dollars that is the
 * cents rounded half up (a riel sale paid exactly in dollars); in riel, the riel rounded to 100 ៛
 * half up. Refused once the sale is covered.
 */
export function exactTender(sale: Sale, tenders: readonly Money[], currency: Currency): Money {
  const { covered, remaining } = settle(sale, tenders);
  if (covered) throw new AmountError(hostMessage('cash.alreadyCovered'));
  if (currency === 'USD') return { currency, amount: remaining.usd };
  // Only a dollar sale worth under 50 ៛, not yet paid, rounds to 0 ៛.
  if (remaining.khr === 0) throw new AmountError(hostMessage('cash.belowSmallestNote'));
  return { currency, amount: remaining.khr };
}

/**
 * The cents to ask the USD-only KHQR API for what remains: Exact in dollars, within the API's
 * charge limit. A riel-keyed sale's sub-cent difference becomes the rounding line once it is paid.
 */
export function khqrCents(sale: Sale, tenders: readonly Money[]): number {
  const cents = exactTender(sale, tenders, 'USD').amount;
  assertChargeCents(cents);
  return cents;
}
