// Builds a KHQR string byte-for-byte the way the official SDK writes it (same root order, same
// sub-field order, same amount text), validating every field rule first so a bad input fails
// here with the input field named, not later in a customer's banking app.

import { formatAmount } from './amount.ts';
import { crc16 } from './crc16.ts';
import { KhqrError } from './errors.ts';
import { CURRENCY_CODES, LIMITS, checkAccountId, checkMcc, checkText, isTimestampMs, requireText } from './rules.ts';
import { serialiseTlv } from './tlv.ts';
import type { TlvField } from './tlv.ts';
import type { KhqrAdditionalData, KhqrBuildInput } from './types.ts';

// [input key, sub-tag] in the SDK's writing order.
const ADDITIONAL_DATA_TAGS: ReadonlyArray<readonly [keyof KhqrAdditionalData, string]> = [
  ['billNumber', '01'],
  ['mobileNumber', '02'],
  ['storeLabel', '03'],
  ['terminalLabel', '07'],
  ['purposeOfTransaction', '08'],
];

function optionalText(value: string | undefined, field: string, label: string, max: number): TlvField[] {
  return value === undefined ? [] : [{ tag: field.slice(-2), value: checkText(value, field, label, max) }];
}

function accountTemplate(input: KhqrBuildInput): TlvField {
  const idField = input.accountType === 'merchant' ? '30.00' : '29.00';
  const id = checkAccountId(input.bakongAccountId, idField, `bakongAccountId (${idField})`);
  if (input.accountType === 'merchant') {
    if (input.accountInfo !== undefined) {
      throw new KhqrError('FIELD_INVALID', 'accountInfo (29.01) is for individual accounts; a merchant account carries merchantId (30.01).', {
        field: '30.01',
      });
    }
    const merchantId = requireText(input.merchantId, '30.01', 'merchantId (30.01)', LIMITS.merchantId);
    const bank = requireText(input.acquiringBank, '30.02', 'acquiringBank (30.02)', LIMITS.acquiringBank);
    const subs = [{ tag: '00', value: id }, { tag: '01', value: merchantId }, { tag: '02', value: bank }];
    return { tag: '30', value: serialiseTlv(subs) };
  }
  if (input.accountType !== 'individual') {
    throw new KhqrError('FIELD_INVALID', `accountType must be 'individual' or 'merchant', got "${String(input.accountType)}".`);
  }
  if (input.merchantId !== undefined) {
    throw new KhqrError('FIELD_INVALID', 'merchantId (30.01) is for merchant accounts; an individual account carries accountInfo (29.01).', {
      field: '29.01',
    });
  }
  const subs = [
    { tag: '00', value: id },
    ...optionalText(input.accountInfo, '29.01', 'accountInfo (29.01)', LIMITS.accountInfo),
    ...optionalText(input.acquiringBank, '29.02', 'acquiringBank (29.02)', LIMITS.acquiringBank),
  ];
  return { tag: '29', value: serialiseTlv(subs) };
}

function timestamps(input: KhqrBuildInput, dynamic: boolean): TlvField[] {
  const { createdAtMs, expiresAtMs } = input;
  if (!dynamic) {
    if (createdAtMs !== undefined || expiresAtMs !== undefined) {
      throw new KhqrError('TIMESTAMP_INVALID', 'A static QR (no amountMinor) carries no timestamps; omit createdAtMs and expiresAtMs.', {
        field: '99',
      });
    }
    return [];
  }
  for (const [name, value, field] of [['createdAtMs', createdAtMs, '99.00'], ['expiresAtMs', expiresAtMs, '99.01']] as const) {
    if (value === undefined) {
      throw new KhqrError('TIMESTAMP_REQUIRED', `A dynamic QR needs ${name} (${field}) in epoch milliseconds.`, { field });
    }
    if (!isTimestampMs(value)) {
      throw new KhqrError('TIMESTAMP_INVALID', `${name} (${field}) must be epoch milliseconds with exactly 13 digits, got ${value}.`, {
        field,
      });
    }
  }
  if ((expiresAtMs as number) <= (createdAtMs as number)) {
    throw new KhqrError('TIMESTAMP_INVALID', `expiresAtMs (${expiresAtMs}) must be after createdAtMs (${createdAtMs}).`, {
      field: '99.01',
    });
  }
  const subs = [{ tag: '00', value: String(createdAtMs) }, { tag: '01', value: String(expiresAtMs) }];
  return [{ tag: '99', value: serialiseTlv(subs) }];
}

export function buildKhqr(input: KhqrBuildInput): string {
  const currencyCode = CURRENCY_CODES[input.currency];
  if (currencyCode === undefined) {
    throw new KhqrError('CURRENCY_UNSUPPORTED', `currency must be 'USD' or 'KHR', got "${String(input.currency)}".`, { field: '53' });
  }
  const dynamic = input.amountMinor !== undefined;
  const fields: TlvField[] = [
    { tag: '00', value: '01' },
    { tag: '01', value: dynamic ? '12' : '11' },
  ];

  if (input.unionPayAccount !== undefined) {
    if (input.currency === 'USD') {
      throw new KhqrError('UNIONPAY_WITH_USD', 'A UnionPay account (tag 15) is not allowed on a USD QR.', { field: '15' });
    }
    fields.push({ tag: '15', value: checkText(input.unionPayAccount, '15', 'unionPayAccount (tag 15)', 99) });
  }
  fields.push(accountTemplate(input));
  fields.push({ tag: '52', value: checkMcc(input.merchantCategoryCode ?? '5999', '52') });
  fields.push({ tag: '53', value: currencyCode });
  if (input.amountMinor !== undefined) fields.push({ tag: '54', value: formatAmount(input.amountMinor, input.currency) });
  fields.push({ tag: '58', value: 'KH' });
  fields.push({ tag: '59', value: requireText(input.merchantName, '59', 'merchantName (tag 59)', LIMITS.merchantName) });
  fields.push({ tag: '60', value: checkText(input.merchantCity ?? 'Phnom Penh', '60', 'merchantCity (tag 60)', LIMITS.merchantCity) });

  const extra = input.additionalData ?? {};
  const extraSubs = ADDITIONAL_DATA_TAGS.flatMap(([key, tag]) =>
    optionalText(extra[key], `62.${tag}`, `additionalData.${key} (62.${tag})`, LIMITS.additionalData),
  );
  if (extraSubs.length > 0) fields.push({ tag: '62', value: serialiseTlv(extraSubs) });

  const alt = input.alternateLanguage;
  if (alt !== undefined) {
    const subs = [
      { tag: '00', value: checkText(alt.languagePreference ?? 'km', '64.00', 'alternateLanguage.languagePreference (64.00)', LIMITS.languagePreference) },
      { tag: '01', value: requireText(alt.merchantName, '64.01', 'alternateLanguage.merchantName (64.01)', LIMITS.altMerchantName) },
      ...optionalText(alt.merchantCity, '64.02', 'alternateLanguage.merchantCity (64.02)', LIMITS.altMerchantCity),
    ];
    fields.push({ tag: '64', value: serialiseTlv(subs) });
  }

  fields.push(...timestamps(input, dynamic));

  // The CRC covers everything up to and including its own tag and length, "6304".
  const withoutCrc = serialiseTlv(fields) + '6304';
  return withoutCrc + crc16(withoutCrc);
}
