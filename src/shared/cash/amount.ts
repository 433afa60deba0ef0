/**
 * Strict checks and formatting of Money (a sale's amount, a tender). Runs everywhere.
 */
import { AmountError, assertChargeCents, formatRiel, formatUsd } from '../money.ts';
import { hostMessage } from '../messages/index.ts';
import { EXACT_PER_RIEL, type Money } from './money-value.ts';
import { assertRiel } from './riel.ts';

/** Checks a value is Money with a positive amount within its currency's limit. */
export function assertMoney(value: unknown): asserts value is Money {
  if (typeof value !== 'object' || value === null) throw new AmountError(hostMessage('cash.currency'));
  const { currency, amount } = value as Record<string, unknown>;
  if (currency === 'USD') assertChargeCents(amount);
  else if (currency === 'KHR') assertRiel(amount);
  else throw new AmountError(hostMessage('cash.currency'));
}

/** "$10.25" or "12,500៛". */
export function formatMoney(money: Money): string {
  return money.currency === 'USD' ? formatUsd(money.amount) : formatRiel(money.amount);
}

/**
 * An amount in the common unit as riel with its hundredths when it has any ("-31.25៛", "50៛"):
 * how a rounding line is shown without rounding it again.
 */
export function formatExact(exact: number): string {
  const sign = exact < 0 ? '-' : '';
  const abs = Math.abs(exact);
  const hundredths = abs % EXACT_PER_RIEL;
  const riel = formatRiel((abs - hundredths) / EXACT_PER_RIEL);
  return hundredths === 0 ? `${sign}${riel}` : `${sign}${riel.replace('៛', '')}.${String(hundredths).padStart(2, '0')}៛`;
}
