// Field rules from khqr.md shared by the builder and the parser, so what we write is exactly
// what we accept. Lengths are in code points, like TLV lengths.

import { ACCOUNT_ID_MAX_LENGTH, isAccountId } from '../../shared/rules/account-id.ts';
import { MERCHANT_NAME_MAX_LENGTH } from '../../shared/rules/text.ts';
import { KhqrError } from './errors.ts';
import { codePointLength } from './tlv.ts';
import type { KhqrCurrency } from './amount.ts';

export const LIMITS = {
  accountId: ACCOUNT_ID_MAX_LENGTH,
  accountInfo: 32,
  merchantId: 32,
  acquiringBank: 32,
  merchantName: MERCHANT_NAME_MAX_LENGTH,
  merchantCity: 15,
  additionalData: 25,
  languagePreference: 2,
  altMerchantName: 25,
  altMerchantCity: 15,
} as const;

export const CURRENCY_CODES: Record<KhqrCurrency, string> = { USD: '840', KHR: '116' };

export function currencyFromCode(code: string): KhqrCurrency {
  if (code === '840') return 'USD';
  if (code === '116') return 'KHR';
  throw new KhqrError(
    'CURRENCY_UNSUPPORTED',
    `Currency (tag 53) is "${code}"; KHQR allows only 116 (KHR) or 840 (USD).`,
    { field: '53' },
  );
}

// A present text field must be non-empty and within its character limit.
// `label` names the field for people, e.g. 'merchant name (tag 59)'.
export function checkText(value: string, field: string, label: string, max: number): string {
  if (value.length === 0) {
    throw new KhqrError('FIELD_EMPTY', `The ${label} is empty.`, { field });
  }
  const length = codePointLength(value);
  if (length > max) {
    throw new KhqrError('FIELD_TOO_LONG', `The ${label} is ${length} characters; the limit is ${max}.`, { field });
  }
  return value;
}

export function requireText(value: string | undefined, field: string, label: string, max: number): string {
  if (value === undefined) {
    throw new KhqrError('FIELD_MISSING', `The ${label} is missing.`, { field });
  }
  return checkText(value, field, label, max);
}

/** Bakong account IDs look like `name@bank`: the one rule is src/shared/rules/account-id.ts. */
export function checkAccountId(value: string | undefined, field: string, label: string): string {
  const id = requireText(value, field, label, LIMITS.accountId);
  if (!isAccountId(id)) {
    throw new KhqrError('ACCOUNT_ID_INVALID', `The ${label} "${id}" is not a Bakong account ID of the form name@bank.`, {
      field,
    });
  }
  return id;
}

export function checkMcc(value: string, field: string): string {
  if (!/^[0-9]{4}$/.test(value)) {
    throw new KhqrError('MCC_INVALID', `The merchant category code (tag 52) "${value}" must be exactly 4 digits.`, {
      field,
    });
  }
  return value;
}

// Epoch milliseconds written with exactly 13 digits (years 2001 to 2286).
export function isTimestampMs(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1e12 && value < 1e13;
}
