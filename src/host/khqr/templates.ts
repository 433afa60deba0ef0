// Decoders for the nested templates (29/30 account, 62 additional data, 64 alternate language,
// 99 timestamps). Each parses its value as TLV again, keeps unknown sub-tags (e.g. 62.05, 62.68)
// in `children`, and applies the khqr.md rules to the sub-fields it knows.

import { KhqrError } from './errors.ts';
import { LIMITS, checkAccountId, checkText, requireText } from './rules.ts';
import { parseTlv } from './tlv.ts';
import type { TlvElement } from './tlv.ts';
import type { KhqrAccount, KhqrAdditionalData, KhqrAlternateLanguage } from './types.ts';

function children(el: TlvElement): TlvElement[] {
  el.children = parseTlv(el.value, { baseOffset: el.offset + 4, parentTag: el.tag });
  return el.children;
}

function sub(list: readonly TlvElement[], tag: string): string | undefined {
  return list.find((c) => c.tag === tag)?.value;
}

function optional(list: readonly TlvElement[], field: string, label: string, max: number): string | null {
  const value = sub(list, field.slice(-2));
  return value === undefined ? null : checkText(value, field, label, max);
}

export function decodeAccount(individual: TlvElement | undefined, merchant: TlvElement | undefined): KhqrAccount {
  if (individual !== undefined && merchant !== undefined) {
    throw new KhqrError('ACCOUNT_AMBIGUOUS', 'The QR has both an individual (tag 29) and a merchant (tag 30) account; it must have one.', {
      field: '30',
      offset: merchant.offset,
    });
  }
  if (merchant !== undefined) {
    const subs = children(merchant);
    return {
      type: 'merchant',
      bakongAccountId: checkAccountId(sub(subs, '00'), '30.00', 'Bakong account ID (30.00)'),
      merchantId: requireText(sub(subs, '01'), '30.01', 'merchant ID (30.01)', LIMITS.merchantId),
      accountInfo: null,
      acquiringBank: requireText(sub(subs, '02'), '30.02', 'acquiring bank (30.02)', LIMITS.acquiringBank),
    };
  }
  if (individual !== undefined) {
    const subs = children(individual);
    return {
      type: 'individual',
      bakongAccountId: checkAccountId(sub(subs, '00'), '29.00', 'Bakong account ID (29.00)'),
      merchantId: null,
      accountInfo: optional(subs, '29.01', 'account information (29.01)', LIMITS.accountInfo),
      acquiringBank: optional(subs, '29.02', 'acquiring bank (29.02)', LIMITS.acquiringBank),
    };
  }
  throw new KhqrError('ACCOUNT_MISSING', 'The QR has no account: neither an individual (tag 29) nor a merchant (tag 30) template.');
}

export function decodeAdditionalData(el: TlvElement): KhqrAdditionalData {
  const subs = children(el);
  const field = (tag: string, label: string): string | null =>
    optional(subs, `62.${tag}`, `${label} (62.${tag})`, LIMITS.additionalData);
  return {
    billNumber: field('01', 'bill number'),
    mobileNumber: field('02', 'mobile number'),
    storeLabel: field('03', 'store label'),
    terminalLabel: field('07', 'terminal label'),
    purposeOfTransaction: field('08', 'purpose of transaction'),
  };
}

export function decodeAlternateLanguage(el: TlvElement): KhqrAlternateLanguage {
  const subs = children(el);
  return {
    languagePreference: requireText(sub(subs, '00'), '64.00', 'language preference (64.00)', LIMITS.languagePreference),
    merchantName: requireText(sub(subs, '01'), '64.01', 'alternate-language merchant name (64.01)', LIMITS.altMerchantName),
    merchantCity: optional(subs, '64.02', 'alternate-language merchant city (64.02)', LIMITS.altMerchantCity),
  };
}

export interface KhqrTimestamps {
  createdAtMs: number | null;
  expiresAtMs: number | null;
}

const NO_TIMESTAMPS: KhqrTimestamps = { createdAtMs: null, expiresAtMs: null };

// Tag 99 is "timestamp-shaped" when it parses as TLV and its 00/01 sub-fields (at least one
// present) hold only digits. Then both must be exactly 13 digits, or we throw. Anything else is
// a bank's own use of the template (e.g. 99.00 = "kh.com.bank") and yields null timestamps, not
// an error: sale verification must treat a null expiry as "no expiry" and refuse the QR.
export function decodeTimestamps(el: TlvElement): KhqrTimestamps {
  let subs: TlvElement[];
  try {
    subs = children(el);
  } catch (error) {
    if (error instanceof KhqrError) return NO_TIMESTAMPS;
    throw error;
  }
  const created = subs.find((c) => c.tag === '00');
  const expires = subs.find((c) => c.tag === '01');
  const present = [created, expires].filter((c) => c !== undefined);
  if (present.length === 0 || !present.every((c) => /^[0-9]*$/.test(c.value))) return NO_TIMESTAMPS;

  const toMs = (c: TlvElement | undefined, label: string): number | null => {
    if (c === undefined) return null;
    if (!/^[0-9]{13}$/.test(c.value)) {
      throw new KhqrError(
        'TIMESTAMP_INVALID',
        `The ${label} (99.${c.tag}) "${c.value}" must be epoch milliseconds with exactly 13 digits.`,
        { field: `99.${c.tag}`, offset: c.offset },
      );
    }
    return Number(c.value);
  };
  const createdAtMs = toMs(created, 'creation timestamp');
  const expiresAtMs = toMs(expires, 'expiration timestamp');
  if (createdAtMs !== null && expiresAtMs !== null && expiresAtMs < createdAtMs) {
    throw new KhqrError('TIMESTAMP_INVALID', `The QR expires (${expiresAtMs}) before it was created (${createdAtMs}).`, {
      field: '99.01',
    });
  }
  return { createdAtMs, expiresAtMs };
}
