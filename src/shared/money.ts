/**
 * Money is integers: USD cents and whole riel. Nothing in the POS stores or adds money as a float.
 * Amounts that come from outside (the keypad, settings, an API response) are parsed strictly here.
 * Runs everywhere (host, renderer, tests): no Node or DOM APIs.
 */
import { roundToNote } from './cash/rounding.ts';
import { PosError } from './errors.ts';
import { hostMessage, type HostMessage } from './messages/index.ts';

/** Largest single charge the POS accepts: $100,000.00. Keeps KHQR tag 54 short and catches typos. */
export const MAX_CHARGE_CENTS = 10_000_000;

/** An amount the POS refuses (category invalid_amount), in catalog words; the refused value is never repeated. */
export class AmountError extends PosError {
  override name = 'AmountError';

  constructor(text: HostMessage) {
    super('invalid_amount', text);
  }
}

const USD_TEXT = /^(0|[1-9][0-9]{0,8})(?:\.([0-9]{1,2}))?$/;

/**
 * Parses a USD amount written as decimal text ("10", "10.5", "10.50") into cents.
 * Rejects signs, exponents, spaces, thousands separators, more than two decimals and empty input.
 */
export function parseUsdToCents(text: string): number {
  const match = USD_TEXT.exec(text);
  if (!match) throw new AmountError(hostMessage('request.amountFormat'));
  const whole = Number(match[1]);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return whole * 100 + Number(fraction);
}

/**
 * Converts a number received in JSON (the hosted API's `amount`) into cents without trusting
 * float arithmetic: the number's shortest decimal form must have at most two decimals.
 */
export function usdNumberToCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AmountError(hostMessage('request.amountFormat'));
  }
  return parseUsdToCents(String(value));
}

/** Checks a value is a chargeable amount in cents: a positive safe integer within the limit. */
export function assertChargeCents(cents: unknown): asserts cents is number {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    throw new AmountError(hostMessage('request.amountWholeCents'));
  }
  if (cents <= 0) throw new AmountError(hostMessage('request.amountZero'));
  if (cents > MAX_CHARGE_CENTS) {
    throw new AmountError(hostMessage('request.amountTooLarge', { max: formatUsd(MAX_CHARGE_CENTS) }));
  }
}

/** "10.50" — the plain decimal form used in API parameters and KHQR tag 54. */
export function centsToDecimal(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** "$1,234.50" — for people. */
export function formatUsd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}$${groupThousands(whole)}.${fraction}`;
}

/**
 * Riel equivalent of a USD amount at a whole-riel rate, rounded to the nearest 100 riel
 * (the smallest note in circulation), half up. Integer arithmetic only.
 */
export function centsToRiel(cents: number, khrPerUsd: number): number {
  return roundToNote(cents * khrPerUsd); // cents × rate = riel × 100 (docs/cash.md)
}

/** "40,000៛" */
export function formatRiel(riel: number): string {
  return `${groupThousands(riel)}៛`;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
