/**
 * Riel as people key and read it: whole riel, keyed as plain digits. Runs everywhere.
 */
import { AmountError, formatRiel } from '../money.ts';
import { hostMessage } from '../messages/index.ts';

/** Largest riel amount a sale or tender may be: about $100,000 at 4,000 ៛/$, like MAX_CHARGE_CENTS. */
export const MAX_RIEL = 400_000_000;

const RIEL_TEXT = /^(0|[1-9][0-9]*)$/;

/**
 * Parses keyed riel ("12500") into whole riel. Refuses signs, spaces, separators, decimals, empty
 * text and non-ASCII digits (the keypad maps Khmer digits to ASCII before this), and amounts above
 * MAX_RIEL; the refusal never repeats what was keyed.
 */
export function parseRiel(text: string): number {
  if (!RIEL_TEXT.test(text)) throw new AmountError(hostMessage('cash.rielFormat'));
  // More digits than MAX_RIEL has is too large before Number() could lose precision.
  if (text.length > String(MAX_RIEL).length || Number(text) > MAX_RIEL) throw rielTooLarge();
  return Number(text);
}

/** Checks a value is a positive whole number of riel within MAX_RIEL. */
export function assertRiel(riel: unknown): asserts riel is number {
  if (typeof riel !== 'number' || !Number.isSafeInteger(riel)) throw new AmountError(hostMessage('cash.rielWhole'));
  if (riel <= 0) throw new AmountError(hostMessage('cash.rielZero'));
  if (riel > MAX_RIEL) throw rielTooLarge();
}

const rielTooLarge = (): AmountError => new AmountError(hostMessage('cash.rielTooLarge', { max: formatRiel(MAX_RIEL) }));
