// Hand-broken KHQR strings: each must fail with its specific error code
// (and field, where it names one). Strings are assembled here with a tiny independent TLV writer
// and re-signed, so the error under test is the only thing wrong with them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KhqrError, crc16, parseKhqr } from '../../../src/host/khqr/index.ts';
import type { KhqrErrorCode } from '../../../src/host/khqr/index.ts';

type Field = [tag: string, value: string];

const CREATED = 1_760_000_000_000;
const EXPIRES = CREATED + 600_000;

const tl = (tag: string, value: string): string => tag + String(Array.from(value).length).padStart(2, '0') + value;
const sign = (body: string): string => body + '6304' + crc16(body + '6304');
const qrOf = (fields: Field[]): string => sign(fields.map(([t, v]) => tl(t, v)).join(''));

function base(): Field[] {
  return [
    ['00', '01'],
    ['01', '12'],
    ['29', tl('00', 'sokha@aclb')],
    ['52', '5999'],
    ['53', '840'],
    ['54', '10.50'],
    ['58', 'KH'],
    ['59', 'Sokha Mart'],
    ['60', 'Phnom Penh'],
    ['99', tl('00', String(CREATED)) + tl('01', String(EXPIRES))],
  ];
}

// Replace a field's value, remove it (null), or add it before tag 99 when absent.
function edit(fields: Field[], tag: string, value: string | null): Field[] {
  const out = fields.filter(([t]) => t !== tag || value !== null).map(([t, v]): Field => [t, t === tag ? (value as string) : v]);
  if (value !== null && !fields.some(([t]) => t === tag)) out.splice(out.length - 1, 0, [tag, value]);
  return out;
}

function rejects(qr: string, code: KhqrErrorCode, field?: string): KhqrError {
  let caught: unknown;
  assert.throws(() => parseKhqr(qr), (e: unknown) => ((caught = e), true));
  assert.ok(caught instanceof KhqrError, `expected a KhqrError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (field !== undefined) assert.equal(caught.field, field, caught.message);
  assert.ok(caught.message.length > 15);
  return caught;
}

const GOOD = qrOf(base());

test('the unbroken base string parses', () => {
  const d = parseKhqr(GOOD);
  assert.equal(d.amount, 1050);
  assert.equal(d.account.bakongAccountId, 'sokha@aclb');
});

test('one flipped character gives CRC_MISMATCH with expected and found', () => {
  const flipped = GOOD.replace('Sokha Mart', 'Sokha Mary');
  const e = rejects(flipped, 'CRC_MISMATCH', '63');
  assert.ok(e.message.includes(crc16(flipped.slice(0, -4))), e.message);
  assert.ok(e.message.includes(flipped.slice(-4)), e.message);
  rejects(GOOD.slice(0, -1) + (GOOD.endsWith('0') ? '1' : '0'), 'CRC_MISMATCH');
});

test('a lower-case CRC is accepted when its digits match', () => {
  const lower = GOOD.slice(0, -4) + GOOD.slice(-4).toLowerCase();
  assert.equal(parseKhqr(lower).crc, GOOD.slice(-4).toLowerCase());
});

test('a wrong length field (re-signed) fails where the TLV walk breaks, with offset', () => {
  // 59 claims 9 characters: "Sokha Mar", and the walk then meets "t6" where a tag should be.
  const qr = sign(GOOD.slice(0, -8).replace('5910Sokha Mart', '5909Sokha Mart'));
  const e = rejects(qr, 'TLV_BAD_TAG');
  assert.equal(e.offset, qr.indexOf('t6010'));
  rejects(sign(GOOD.slice(0, -8).replace('5910', '59A0')), 'TLV_BAD_LENGTH', '59');
});

test('a Khmer name written with its UTF-8 byte count instead of characters is caught', () => {
  const name = 'ហាងកាហ្វេ'; // 9 characters, 27 bytes
  const inner = `0002km0127${name}`;
  const qr = qrOf(edit(base(), '64', inner));
  const e = rejects(qr, 'TLV_TRUNCATED', '64.01');
  assert.match(e.message, /declares 27 character\(s\) but only 9 remain/);
});

test('truncated strings name the tag that runs out', () => {
  rejects(GOOD.slice(0, -10), 'TLV_TRUNCATED', '99');
  rejects(GOOD.slice(0, -8), 'CRC_MISSING', '63');
  const e = rejects(GOOD.slice(0, 7), 'TLV_TRUNCATED'); // "000201" + "0": one character left
  assert.equal(e.offset, 6);
  rejects(GOOD.slice(0, 6), 'CRC_MISSING'); // "000201" is a complete field
  rejects('', 'TLV_EMPTY');
  rejects(undefined as unknown as string, 'TLV_EMPTY');
  rejects('hello world', 'TLV_BAD_TAG');
});

test('CRC must be the last field and well-formed', () => {
  const fields = base();
  const body = fields.slice(0, -1).map(([t, v]) => tl(t, v)).join('') + '6304';
  const misplaced = body + crc16(body) + tl(...(fields.at(-1) as Field));
  rejects(misplaced, 'CRC_NOT_LAST', '63');
  rejects(fields.map(([t, v]) => tl(t, v)).join('') + '6303ABC', 'CRC_MALFORMED', '63');
});

test('payload format must be 01 and point of initiation 11 or 12', () => {
  rejects(qrOf(edit(base(), '00', '02')), 'PAYLOAD_FORMAT_INVALID', '00');
  rejects(qrOf(edit(base(), '00', null)), 'FIELD_MISSING', '00');
  rejects(qrOf(edit(base(), '01', '13')), 'POI_INVALID', '01');
});

test('dynamic needs an amount and static must not have one', () => {
  rejects(qrOf(edit(base(), '54', null)), 'AMOUNT_REQUIRED', '54');
  rejects(qrOf(edit(base(), '01', '11')), 'AMOUNT_NOT_ALLOWED', '54');
  const d = parseKhqr(qrOf(edit(edit(edit(base(), '01', '11'), '54', null), '99', null)));
  assert.equal(d.pointOfInitiation, 'static');
  assert.equal(d.amount, null);
});

test('amount rules: number shape, decimals per currency, 13 characters', () => {
  rejects(qrOf(edit(base(), '54', '1O.50')), 'AMOUNT_INVALID', '54');
  rejects(qrOf(edit(base(), '54', '10,50')), 'AMOUNT_INVALID', '54');
  rejects(qrOf(edit(base(), '54', '0')), 'AMOUNT_INVALID', '54');
  rejects(qrOf(edit(base(), '54', '10.505')), 'AMOUNT_USD_PRECISION', '54');
  rejects(qrOf(edit(edit(base(), '53', '116'), '54', '4000.50')), 'AMOUNT_KHR_DECIMALS', '54');
  rejects(qrOf(edit(base(), '54', '1234567890.123')), 'AMOUNT_TOO_LONG', '54');
  assert.equal(parseKhqr(qrOf(edit(base(), '54', '1234567890.12'))).amount, 123_456_789_012);
});

test('currency, country and merchant category code rules', () => {
  rejects(qrOf(edit(base(), '53', '978')), 'CURRENCY_UNSUPPORTED', '53');
  rejects(qrOf(edit(base(), '53', null)), 'FIELD_MISSING', '53');
  rejects(qrOf(edit(base(), '58', 'TH')), 'COUNTRY_INVALID', '58');
  rejects(qrOf(edit(base(), '52', '59A9')), 'MCC_INVALID', '52');
});

test('merchant name and city: required, at most 25 and 15 characters', () => {
  rejects(qrOf(edit(base(), '59', 'x'.repeat(26))), 'FIELD_TOO_LONG', '59');
  assert.equal(parseKhqr(qrOf(edit(base(), '59', 'x'.repeat(25)))).merchantName.length, 25);
  rejects(qrOf(edit(base(), '60', 'y'.repeat(16))), 'FIELD_TOO_LONG', '60');
  rejects(qrOf(edit(base(), '59', null)), 'FIELD_MISSING', '59');
  rejects(qrOf(edit(base(), '60', '')), 'FIELD_EMPTY', '60');
});

test('account template rules', () => {
  rejects(qrOf(edit(base(), '29', null)), 'ACCOUNT_MISSING');
  rejects(qrOf(edit(base(), '30', tl('00', 'a@b') + tl('01', 'M') + tl('02', 'B'))), 'ACCOUNT_AMBIGUOUS');
  rejects(qrOf(edit(base(), '29', tl('01', '123'))), 'FIELD_MISSING', '29.00');
  rejects(qrOf(edit(base(), '29', tl('00', `${'a'.repeat(28)}@aclb`))), 'FIELD_TOO_LONG', '29.00');
  rejects(qrOf(edit(base(), '29', tl('00', 'no-at-sign'))), 'ACCOUNT_ID_INVALID', '29.00');
  rejects(qrOf(edit(base(), '29', tl('00', 'a@b') + tl('01', 'z'.repeat(33)))), 'FIELD_TOO_LONG', '29.01');
  const merchant = edit(base(), '29', null);
  merchant.splice(2, 0, ['30', tl('00', 'shop@abaa') + tl('02', 'ABA')]);
  rejects(qrOf(merchant), 'FIELD_MISSING', '30.01');
  merchant[2] = ['30', tl('00', 'shop@abaa') + tl('01', 'M1')];
  rejects(qrOf(merchant), 'FIELD_MISSING', '30.02');
  merchant[2] = ['30', tl('00', 'shop@abaa') + tl('01', 'M1') + tl('02', 'ABA') + tl('03', 'extra')];
  assert.deepEqual(parseKhqr(qrOf(merchant)).account, {
    type: 'merchant', bakongAccountId: 'shop@abaa', merchantId: 'M1', accountInfo: null, acquiringBank: 'ABA',
  });
});

test('UnionPay account (tag 15) is refused on USD and allowed on KHR', () => {
  rejects(qrOf(edit(base(), '15', '6200123')), 'UNIONPAY_WITH_USD', '15');
  const khr = edit(edit(edit(base(), '53', '116'), '54', '4000'), '15', '6200123');
  assert.equal(parseKhqr(qrOf(khr)).unionPayAccount, '6200123');
});

test('additional data sub-fields: never empty, at most 25; unknown sub-tags 05 and 68 kept', () => {
  rejects(qrOf(edit(base(), '62', tl('01', ''))), 'FIELD_EMPTY', '62.01');
  rejects(qrOf(edit(base(), '62', tl('03', 's'.repeat(26)))), 'FIELD_TOO_LONG', '62.03');
  rejects(qrOf(edit(base(), '62', '0105abc')), 'TLV_TRUNCATED', '62.01');
  const d = parseKhqr(qrOf(edit(base(), '62', tl('01', 'INV-9') + tl('05', 'REF') + tl('68', 'x') + tl('07', 'T1'))));
  assert.equal(d.additionalData?.billNumber, 'INV-9');
  assert.equal(d.additionalData?.terminalLabel, 'T1');
  assert.deepEqual(d.tlv.find((e) => e.tag === '62')?.children?.map((c) => c.tag), ['01', '05', '68', '07']);
});

test('alternate language template needs 00 and 01 within limits', () => {
  rejects(qrOf(edit(base(), '64', tl('00', 'km'))), 'FIELD_MISSING', '64.01');
  rejects(qrOf(edit(base(), '64', tl('00', 'km') + tl('01', 'ក'.repeat(26)))), 'FIELD_TOO_LONG', '64.01');
  assert.equal(parseKhqr(qrOf(edit(base(), '64', tl('00', 'km') + tl('01', 'ក'.repeat(25))))).alternateLanguage?.merchantName, 'ក'.repeat(25));
});

test('timestamps must be exactly 13 digits when tag 99 holds timestamps', () => {
  rejects(qrOf(edit(base(), '99', tl('00', String(CREATED)) + tl('01', String(EXPIRES).slice(0, 12)))), 'TIMESTAMP_INVALID', '99.01');
  rejects(qrOf(edit(base(), '99', tl('00', '1760000000') + tl('01', String(EXPIRES)))), 'TIMESTAMP_INVALID', '99.00');
  rejects(qrOf(edit(base(), '99', tl('00', String(EXPIRES)) + tl('01', String(CREATED)))), 'TIMESTAMP_INVALID', '99.01');
  const onlyExpiry = parseKhqr(qrOf(edit(base(), '99', tl('01', String(EXPIRES)))));
  assert.deepEqual([onlyExpiry.createdAtMs, onlyExpiry.expiresAtMs], [null, EXPIRES]);
});

test("a bank's non-timestamp tag 99 gives null timestamps, not an error", () => {
  for (const foreign of [tl('00', 'kh.com.bank') + tl('01', 'ABC123'), 'free text, not TLV', tl('05', '123')]) {
    const d = parseKhqr(qrOf(edit(base(), '99', foreign)));
    assert.deepEqual([d.createdAtMs, d.expiresAtMs], [null, null], foreign);
    assert.equal(d.tlv.find((e) => e.tag === '99')?.value, foreign);
  }
});

test('tag order is not assumed: 60 before 59 parses to the same values', () => {
  const fields = base();
  const i59 = fields.findIndex(([t]) => t === '59');
  const shuffled = [...fields];
  [shuffled[i59], shuffled[i59 + 1]] = [shuffled[i59 + 1] as Field, shuffled[i59] as Field];
  assert.equal(shuffled[i59]?.[0], '60');
  const a = parseKhqr(GOOD);
  const strip = (d: ReturnType<typeof parseKhqr>) => ({ ...d, tlv: null, crc: null });
  const swapped = parseKhqr(qrOf(shuffled));
  assert.deepEqual(swapped.tlv.map((e) => e.tag).slice(i59, i59 + 2), ['60', '59']);
  assert.deepEqual(strip(swapped), strip(a));
  // Fully reversed (00 last, 99 first) still reads the same; only the CRC stays at the end.
  assert.deepEqual(strip(parseKhqr(qrOf([...fields].reverse()))), strip(a));
});

test('unknown root tags (61 postal code, 02 card scheme) are tolerated and kept', () => {
  const qr = qrOf(edit(edit(base(), '61', '12000'), '02', '4111111111111111'));
  const d = parseKhqr(qr);
  assert.equal(d.tlv.find((e) => e.tag === '61')?.value, '12000');
  assert.equal(d.tlv.find((e) => e.tag === '02')?.value, '4111111111111111');
  assert.equal(d.amount, 1050);
});

test('a repeated tag is refused rather than guessing which one counts', () => {
  const doubled = base();
  doubled.splice(6, 0, ['54', '1.00']);
  rejects(qrOf(doubled), 'TLV_DUPLICATE_TAG', '54');
});
