/**
 * Rules for the short texts the owner types (merchant name, receipt header and footer lines), one
 * copy for the Settings form and the host's settings. Lengths count characters as a person does
 * (code points: a Khmer consonant with its subscript is two, as in the KHQR limits), not UTF-16 units.
 * Runs everywhere: plain data and pure functions.
 */

/** KHQR tag 59 holds at most 25 characters; the merchant name is written into every QR. */
export const MERCHANT_NAME_MAX_LENGTH = 25;

/** Receipt header and footer: lines each, and characters a line (what fits across 80 mm at the receipt font). */
export const MAX_RECEIPT_LINES = 6;
export const MAX_RECEIPT_LINE_CHARS = 48;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Characters as a person counts them (code points). */
export function charCount(text: string): number {
  return [...text].length;
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** A merchant name (already trimmed): 1 to 25 characters, no control characters. */
export function isMerchantName(name: string): boolean {
  const length = charCount(name);
  return length >= 1 && length <= MERCHANT_NAME_MAX_LENGTH && !hasControlCharacters(name);
}

/** One receipt header or footer line (already trimmed): at most 48 characters, no control characters. */
export function isReceiptLine(line: string): boolean {
  return charCount(line) <= MAX_RECEIPT_LINE_CHARS && !hasControlCharacters(line);
}
