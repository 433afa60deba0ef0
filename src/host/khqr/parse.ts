// parseKhqr: KHQR text -> typed, rule-checked object. It never re-serialises anything: the amount
// comes back as integer minor units for numeric comparison, and `tlv` keeps every field as read.
// Order of checks: the CRC first (a damaged scan is best reported as such), then TLV structure,
// then the field rules of khqr.md. Deliberately not checked here (they belong to verification
// against a sale, and bank QRs legitimately differ): the clock, and 99.01 being present on a
// dynamic QR. A dynamic QR without timestamps parses with expiresAtMs = null; refuse it there.

import { parseAmount } from './amount.ts';
import { crc16 } from './crc16.ts';
import { KhqrError } from './errors.ts';
import { LIMITS, checkMcc, checkText, currencyFromCode, requireText } from './rules.ts';
import { decodeAccount, decodeAdditionalData, decodeAlternateLanguage, decodeTimestamps } from './templates.ts';
import { codePointLength, parseTlv } from './tlv.ts';
import type { TlvElement } from './tlv.ts';
import type { KhqrDecoded } from './types.ts';

const CRC_SUFFIX = /6304[0-9A-Fa-f]{4}$/;

function checkCrc(tlv: readonly TlvElement[]): string {
  const crc = tlv.find((el) => el.tag === '63');
  if (crc === undefined) {
    throw new KhqrError('CRC_MISSING', 'The QR has no CRC (tag 63); it must end with 6304 and 4 hex digits.', { field: '63' });
  }
  if (tlv[tlv.length - 1] !== crc) {
    throw new KhqrError('CRC_NOT_LAST', `The CRC (tag 63, at character ${crc.offset}) must be the last field.`, {
      field: '63',
      offset: crc.offset,
    });
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(crc.value)) {
    throw new KhqrError('CRC_MALFORMED', `The CRC (tag 63) "${crc.value}" must be exactly 4 hex digits.`, {
      field: '63',
      offset: crc.offset,
    });
  }
  // Reached only when the text ends in 6304XXXX, whose checksum parseKhqr has already verified.
  return crc.value;
}

function required(byTag: ReadonlyMap<string, TlvElement>, tag: string, label: string): string {
  const el = byTag.get(tag);
  if (el === undefined) throw new KhqrError('FIELD_MISSING', `The ${label} (tag ${tag}) is missing.`, { field: tag });
  return el.value;
}

export function parseKhqr(text: string): KhqrDecoded {
  // Guards JSON from the hosted API where the field may be missing or not a string.
  if (typeof text !== 'string') {
    throw new KhqrError('TLV_EMPTY', `Expected the KHQR text as a string, got ${text === null ? 'null' : typeof text}.`);
  }
  if (CRC_SUFFIX.test(text)) {
    const found = text.slice(-4);
    const expected = crc16(text.slice(0, -4));
    // Lower-case hex is accepted (the SDK accepts it too); the digits must still match.
    if (found.toUpperCase() !== expected) {
      throw new KhqrError(
        'CRC_MISMATCH',
        `The CRC does not match: computed ${expected} over the text up to "6304", but the QR says ${found}. The QR is damaged or was altered.`,
        { field: '63', offset: codePointLength(text) - 4 },
      );
    }
  }
  const tlv = parseTlv(text);
  const crc = checkCrc(tlv);
  const byTag = new Map(tlv.map((el) => [el.tag, el] as const));

  const payloadFormat = required(byTag, '00', 'payload format indicator');
  if (payloadFormat !== '01') {
    throw new KhqrError('PAYLOAD_FORMAT_INVALID', `The payload format indicator (tag 00) is "${payloadFormat}"; it must be "01".`, {
      field: '00',
    });
  }
  const poi = required(byTag, '01', 'point of initiation');
  if (poi !== '11' && poi !== '12') {
    throw new KhqrError('POI_INVALID', `The point of initiation (tag 01) is "${poi}"; it must be 11 (static) or 12 (dynamic).`, {
      field: '01',
    });
  }
  const currency = currencyFromCode(required(byTag, '53', 'currency'));
  const account = decodeAccount(byTag.get('29'), byTag.get('30'));

  const unionPay = byTag.get('15');
  if (unionPay !== undefined) {
    checkText(unionPay.value, '15', 'UnionPay account (tag 15)', 99);
    if (currency === 'USD') {
      throw new KhqrError('UNIONPAY_WITH_USD', 'A UnionPay account (tag 15) is not allowed on a USD QR.', { field: '15' });
    }
  }
  const mcc = checkMcc(required(byTag, '52', 'merchant category code'), '52');

  const amountText = byTag.get('54')?.value ?? null;
  if (poi === '12' && amountText === null) {
    throw new KhqrError('AMOUNT_REQUIRED', 'The QR is dynamic (tag 01 = 12) but has no amount (tag 54).', { field: '54' });
  }
  if (poi === '11' && amountText !== null) {
    throw new KhqrError('AMOUNT_NOT_ALLOWED', `The QR is static (tag 01 = 11) but has an amount (tag 54 = "${amountText}").`, {
      field: '54',
    });
  }
  const amount = amountText === null ? null : parseAmount(amountText, currency);

  const country = required(byTag, '58', 'country code');
  if (country !== 'KH') {
    throw new KhqrError('COUNTRY_INVALID', `The country code (tag 58) is "${country}"; KHQR requires "KH".`, { field: '58' });
  }
  const merchantName = requireText(byTag.get('59')?.value, '59', 'merchant name (tag 59)', LIMITS.merchantName);
  const merchantCity = requireText(byTag.get('60')?.value, '60', 'merchant city (tag 60)', LIMITS.merchantCity);

  const extra = byTag.get('62');
  const alt = byTag.get('64');
  const stamps = byTag.get('99');
  const { createdAtMs, expiresAtMs } = stamps === undefined ? { createdAtMs: null, expiresAtMs: null } : decodeTimestamps(stamps);

  return {
    payloadFormat: '01',
    pointOfInitiation: poi === '12' ? 'dynamic' : 'static',
    account,
    unionPayAccount: unionPay?.value ?? null,
    mcc,
    currency,
    amount,
    amountText,
    country: 'KH',
    merchantName,
    merchantCity,
    additionalData: extra === undefined ? null : decodeAdditionalData(extra),
    alternateLanguage: alt === undefined ? null : decodeAlternateLanguage(alt),
    createdAtMs,
    expiresAtMs,
    crc,
    tlv,
  };
}
