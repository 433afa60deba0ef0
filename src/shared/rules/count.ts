/**
 * The drawer count at a close (the blind count, issue 9 item 6): per currency, the notes counted by
 * denomination or a total. One copy for the Shift tab's form and the host. Amounts are integers in
 * their own currency (USD cents, whole riel); nothing converts between them. Runs everywhere.
 */
import { isCashAmount, type CashCurrency } from './cash.ts';

/** The notes that circulate: USD $1…$100 (no US coins circulate), riel 100…100,000 ៛. In minor units. */
export const NOTES: Readonly<Record<CashCurrency, readonly number[]>> = {
  USD: [100, 200, 500, 1000, 2000, 5000, 10000],
  KHR: [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
};

/** At most this many notes of one denomination (a keying error above). */
export const MAX_NOTES = 100_000;

/** One currency as counted: how many of each note (keyed by its value in minor units), or a total. */
export type CurrencyCountInput = { notes: Record<string, number> } | { total: number };

/** What `shift.count` takes: both currencies (a currency with no cash is counted as a total of 0). */
export type DrawerCountInput = Record<CashCurrency, CurrencyCountInput>;

/** The amount a currency's count comes to, or null when the input is not a valid count. */
export function countedAmount(currency: CashCurrency, input: unknown): number | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const keys = Object.keys(input);
  if (keys.length !== 1) return null;
  if (keys[0] === 'total') {
    const total = (input as { total: unknown }).total;
    return isCashAmount(currency, total, { allowZero: true }) ? total : null;
  }
  if (keys[0] !== 'notes') return null;
  const notes = (input as { notes: unknown }).notes;
  if (typeof notes !== 'object' || notes === null || Array.isArray(notes)) return null;
  let sum = 0;
  for (const [key, n] of Object.entries(notes)) {
    const value = Number(key);
    if (!NOTES[currency].includes(value) || String(value) !== key) return null;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_NOTES) return null;
    sum += value * n;
  }
  return isCashAmount(currency, sum, { allowZero: true }) ? sum : null;
}

/** The notes of a count by denomination, in NOTES order with zeros left out; null for a total. */
export function countedNotes(currency: CashCurrency, input: CurrencyCountInput): Record<string, number> | null {
  if (!('notes' in input)) return null;
  const out: Record<string, number> = {};
  for (const value of NOTES[currency]) {
    const n = input.notes[String(value)] ?? 0;
    if (n > 0) out[String(value)] = n;
  }
  return out;
}
