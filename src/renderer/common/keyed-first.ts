/**
 * An amount as the customer was told it: first in the currency it was keyed in, exact, then about
 * that in the other ("13,000៛ ≈ $3.17", "$10.25 ≈ 42,000៛"). A riel sale is never shown as dollars
 * first: its riel is the exact figure, the dollars the estimate.
 */
import type { Currency } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';

export function keyedFirst(amount: { currency: Currency; amountCents: number; amountRiel: number }): { keyed: string; other: string } {
  const usd = formatUsd(amount.amountCents);
  const riel = formatRiel(amount.amountRiel);
  return amount.currency === 'KHR' ? { keyed: riel, other: usd } : { keyed: usd, other: riel };
}
