/**
 * Rules for cash moved outside a sale (a shift's float, paid-in, paid-out, safe drops), one copy for
 * the Shift tab's forms and the host. Amounts are integers in their own currency: USD cents, or whole
 * riel in hundreds (100 ៛ is the smallest note in use). The reason is text the cashier types: it is
 * stored, journaled and shown again, so it is kept short and plain — no control characters and no
 * bidirectional-override characters (which could make "refund" read as something else on screen).
 * Runs everywhere: plain data and pure functions.
 */
import { CURRENCIES, MAX_RIEL, parseRiel, type Currency } from '../cash/index.ts';
import { MAX_CHARGE_CENTS } from '../money.ts';
import { charCount, hasControlCharacters } from './text.ts';

/** The cash arithmetic's currencies (src/shared/cash/): cash moves in the same two. */
export type CashCurrency = Currency;
export const CASH_CURRENCIES: readonly CashCurrency[] = CURRENCIES;

/** Movements that carry a reason (the float carries none). */
export type CashMovementKind = 'paid_in' | 'paid_out' | 'drop';
export const CASH_MOVEMENT_KINDS: readonly CashMovementKind[] = ['paid_in', 'paid_out', 'drop'];

/** As large as a charge or a riel tender may be ($100,000.00, 400,000,000 ៛). */
export const MAX_CASH_CENTS = MAX_CHARGE_CENTS;
export const MAX_CASH_RIEL = MAX_RIEL;
/** Riel amounts are whole hundreds: no smaller note circulates. */
export const RIEL_STEP = 100;

/** A reason: 1 to 60 characters (as a person counts them) after trimming. */
export const CASH_REASON_MAX_CHARS = 60;

/** U+200E/F, U+202A–U+202E, U+2066–U+2069: marks and overrides that reorder text as it is shown. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A reason as typed, already trimmed: 1–60 characters, no control or bidi-override characters. */
export function isCashReason(text: string): boolean {
  return isPlainLine(text, CASH_REASON_MAX_CHARS);
}

/** Text a person typed at the till, already trimmed: 1 to `max` characters, no control or bidi-override characters. */
export function isPlainLine(text: string, max: number): boolean {
  const length = charCount(text);
  return length >= 1 && length <= max && !hasControlCharacters(text) && !BIDI_CONTROLS.test(text);
}

/**
 * An amount of cash in `currency`'s integer unit: a safe integer, at most the maximum, whole hundreds
 * of riel; 0 only where allowed (a float may be empty).
 */
export function isCashAmount(currency: CashCurrency, amount: unknown, options: { allowZero?: boolean } = {}): amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return false;
  if (amount < 0 || (amount === 0 && options.allowZero !== true)) return false;
  return currency === 'USD' ? amount <= MAX_CASH_CENTS : amount <= MAX_CASH_RIEL && amount % RIEL_STEP === 0;
}

/**
 * Riel as a person types it into a form field: digits, optionally grouped with commas ("20000",
 * "20,000"), Khmer digits too; then the keypad's own rule (cash/riel.ts parseRiel). Null for anything
 * else (signs, decimals, spaces inside). Whether it is a valid amount is isCashAmount's question.
 */
export function parseRielText(text: string): number | null {
  const western = text.trim().replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
  if (!/^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$/.test(western)) return null;
  try {
    return parseRiel(western.replace(/,/g, ''));
  } catch {
    return null;
  }
}
