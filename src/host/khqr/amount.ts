// Amounts live as integers (USD cents, whole riel) everywhere in the POS. Converting to and from
// the tag-54 text is done with string arithmetic only: floats would turn 0.29 into 28 cents.

import { KhqrError } from './errors.ts';

export type KhqrCurrency = 'USD' | 'KHR';

export const AMOUNT_MAX_CHARS = 13;

// Written the way the SDK writes them, so our QRs are byte-identical to SDK ones: USD whole
// dollars without decimals ("10"), otherwise exactly two decimals ("10.50"); riel as an integer.
export function formatAmount(amountMinor: number, currency: KhqrCurrency): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new KhqrError(
      'AMOUNT_INVALID',
      `amountMinor (tag 54) must be a positive whole number of ${currency === 'USD' ? 'cents' : 'riel'}, got ${String(amountMinor)}.`,
      { field: '54' },
    );
  }
  let text: string;
  if (currency === 'KHR') {
    text = String(amountMinor);
  } else {
    const dollars = Math.floor(amountMinor / 100);
    const cents = amountMinor % 100;
    text = cents === 0 ? String(dollars) : `${dollars}.${String(cents).padStart(2, '0')}`;
  }
  if (text.length > AMOUNT_MAX_CHARS) {
    throw new KhqrError(
      'AMOUNT_TOO_LONG',
      `The amount text "${text}" (tag 54) is ${text.length} characters; the limit is ${AMOUNT_MAX_CHARS}.`,
      { field: '54' },
    );
  }
  return text;
}

const AMOUNT_SHAPE = /^([0-9]+)(?:\.([0-9]+))?$/;

// Accepts every spelling banks use ("10", "10.5", "10.50", "010.50") and returns minor units.
export function parseAmount(text: string, currency: KhqrCurrency): number {
  const length = Array.from(text).length;
  if (length > AMOUNT_MAX_CHARS) {
    throw new KhqrError(
      'AMOUNT_TOO_LONG',
      `The amount (tag 54) "${text}" is ${length} characters; the limit is ${AMOUNT_MAX_CHARS}.`,
      { field: '54' },
    );
  }
  const match = AMOUNT_SHAPE.exec(text);
  if (match === null) {
    throw new KhqrError(
      'AMOUNT_INVALID',
      `The amount (tag 54) "${text}" is not a number: expected digits with an optional decimal point and decimals.`,
      { field: '54' },
    );
  }
  const whole = match[1] ?? '';
  const decimals = match[2];
  let minor: number;
  if (currency === 'KHR') {
    if (decimals !== undefined) {
      throw new KhqrError(
        'AMOUNT_KHR_DECIMALS',
        `The riel amount (tag 54) "${text}" has decimals; KHR amounts must be whole numbers.`,
        { field: '54' },
      );
    }
    minor = Number(whole);
  } else {
    if (decimals !== undefined && decimals.length > 2) {
      throw new KhqrError(
        'AMOUNT_USD_PRECISION',
        `The dollar amount (tag 54) "${text}" has ${decimals.length} decimals; USD allows at most 2.`,
        { field: '54' },
      );
    }
    // Concatenate digit strings ("10" + "50"), then convert once: exact for up to 13 characters.
    minor = Number(whole + (decimals ?? '').padEnd(2, '0'));
  }
  if (minor === 0) {
    throw new KhqrError('AMOUNT_INVALID', `The amount (tag 54) "${text}" is zero; a payment amount must be above zero.`, {
      field: '54',
    });
  }
  return minor;
}
