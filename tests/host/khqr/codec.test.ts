// Unit tests for the KHQR codec building blocks: CRC, TLV lengths in code points, amounts, md5,
// and build/parse round trips. SDK comparisons live in khqr-sdk.test.ts, broken input in
// khqr-errors.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  buildKhqr,
  codePointLength,
  crc16,
  formatAmount,
  khqrMd5,
  parseAmount,
  parseKhqr,
  parseTlv,
  serialiseTlv,
} from '../../../src/host/khqr/index.ts';
import type { KhqrBuildInput } from '../../../src/host/khqr/index.ts';

const KHMER_NAME = 'ហាងកាហ្វេ'; // "coffee shop": 9 code points, 27 UTF-8 bytes
const CREATED = 1_760_000_000_000;
const EXPIRES = CREATED + 10 * 60_000;

test('crc16 is CRC-16/CCITT-FALSE: check value of "123456789" is 29B1', () => {
  assert.equal(crc16('123456789'), '29B1');
  assert.equal(crc16(''), 'FFFF');
});

test('crc16 pads to 4 upper-case hex digits and runs over UTF-8 bytes', () => {
  assert.equal(crc16('A'), 'B915');
  // "é" is the UTF-8 bytes C3 A9, so its CRC equals that of the Latin-1 string "\u00c3\u00a9"
  // only if we hashed bytes; here we check it against the two-byte value computed by hand.
  assert.equal(crc16('é'), crc16ReferenceBytes([0xc3, 0xa9]));
  assert.equal(crc16(KHMER_NAME), crc16ReferenceBytes([...Buffer.from(KHMER_NAME, 'utf8')]));
});

// Straight bit-by-bit CRC-16/CCITT-FALSE over bytes, written independently of crc16.ts.
function crc16ReferenceBytes(bytes: number[]): string {
  let crc = 0xffff;
  for (const b of bytes) {
    for (let i = 7; i >= 0; i--) {
      const bit = ((b >> i) & 1) ^ ((crc >> 15) & 1);
      crc = ((crc << 1) & 0xffff) ^ (bit ? 0x1021 : 0);
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

test('TLV length of a Khmer name counts code points, not bytes or UTF-16 units', () => {
  assert.equal(Buffer.byteLength(KHMER_NAME, 'utf8'), 27);
  assert.equal(codePointLength(KHMER_NAME), 9);
  const text = serialiseTlv([
    { tag: '00', value: 'km' },
    { tag: '01', value: KHMER_NAME },
  ]);
  assert.equal(text, `0002km0109${KHMER_NAME}`);
  const parsed = parseTlv(text);
  assert.deepEqual(
    parsed.map(({ tag, length, value, offset }) => ({ tag, length, value, offset })),
    [
      { tag: '00', length: 2, value: 'km', offset: 0 },
      { tag: '01', length: 9, value: KHMER_NAME, offset: 6 },
    ],
  );
});

test('TLV offsets and lengths count a non-BMP character (2 UTF-16 units) as one', () => {
  const noodle = '\u{1F35C}';
  assert.equal(noodle.length, 2);
  const text = serialiseTlv([
    { tag: '05', value: noodle },
    { tag: '06', value: 'x' },
  ]);
  assert.equal(text, `0501${noodle}0601x`);
  const [first, second] = parseTlv(text);
  assert.equal(first?.value, noodle);
  assert.equal(second?.offset, 5);
});

test('TLV parsing keeps unknown tags and any order', () => {
  const parsed = parseTlv('6103abc5902ok0001x');
  assert.deepEqual(
    parsed.map((e) => [e.tag, e.value]),
    [
      ['61', 'abc'],
      ['59', 'ok'],
      ['00', 'x'],
    ],
  );
});

test('serialiseTlv refuses a value over 99 characters and a non-numeric tag', () => {
  assert.throws(() => serialiseTlv([{ tag: '62', value: 'x'.repeat(100) }]), { code: 'TLV_VALUE_TOO_LONG', field: '62' });
  assert.throws(() => serialiseTlv([{ tag: '6A', value: 'x' }]), { code: 'TLV_BAD_TAG' });
  assert.equal(serialiseTlv([{ tag: '62', value: 'x'.repeat(99) }]).slice(0, 4), '6299');
});

test('formatAmount writes SDK-style text from integer minor units', () => {
  const cases: Array<[number, 'USD' | 'KHR', string]> = [
    [1050, 'USD', '10.50'],
    [1000, 'USD', '10'],
    [1, 'USD', '0.01'],
    [29, 'USD', '0.29'],
    [100, 'USD', '1'],
    [123456789012, 'USD', '1234567890.12'],
    [4000, 'KHR', '4000'],
    [100, 'KHR', '100'],
  ];
  for (const [minor, currency, text] of cases) assert.equal(formatAmount(minor, currency), text, `${minor} ${currency}`);
});

test('formatAmount rejects non-integer, zero, negative and over-long amounts', () => {
  assert.throws(() => formatAmount(10.5, 'USD'), { code: 'AMOUNT_INVALID' });
  assert.throws(() => formatAmount(0, 'KHR'), { code: 'AMOUNT_INVALID' });
  assert.throws(() => formatAmount(-100, 'USD'), { code: 'AMOUNT_INVALID' });
  assert.throws(() => formatAmount(10_000_000_000_000, 'KHR'), { code: 'AMOUNT_TOO_LONG' }); // 14 digits
  assert.throws(() => formatAmount(100_000_000_000_01, 'USD'), { code: 'AMOUNT_TOO_LONG' }); // "100000000000.01"
  assert.equal(formatAmount(9_999_999_999_999, 'KHR'), '9999999999999'); // exactly 13 is fine
});

test('parseAmount converts text to exact minor units without float error', () => {
  const cases: Array<[string, 'USD' | 'KHR', number]> = [
    ['10.5', 'USD', 1050],
    ['10.50', 'USD', 1050],
    ['10', 'USD', 1000],
    ['010.50', 'USD', 1050],
    ['0.29', 'USD', 29], // 0.29 * 100 === 28.999999999999996 in floating point
    ['1.15', 'USD', 115], // 1.15 * 100 === 114.99999999999999
    ['1234567890.12', 'USD', 123456789012],
    ['4000', 'KHR', 4000],
  ];
  for (const [text, currency, minor] of cases) assert.equal(parseAmount(text, currency), minor, text);
});

test('parseAmount rejects malformed numbers with specific codes', () => {
  for (const bad of ['1O.50', '10,50', '-5', '1e3', '.5', '10.', ' 10', '', '0x10', '+5']) {
    assert.throws(() => parseAmount(bad, 'USD'), { code: 'AMOUNT_INVALID' }, bad);
  }
  assert.throws(() => parseAmount('0.00', 'USD'), { code: 'AMOUNT_INVALID' });
  assert.throws(() => parseAmount('10.505', 'USD'), { code: 'AMOUNT_USD_PRECISION' });
  assert.throws(() => parseAmount('4000.5', 'KHR'), { code: 'AMOUNT_KHR_DECIMALS' });
  assert.throws(() => parseAmount('4000.00', 'KHR'), { code: 'AMOUNT_KHR_DECIMALS' });
  assert.throws(() => parseAmount('12345678901234', 'KHR'), { code: 'AMOUNT_TOO_LONG' });
});

test('khqrMd5 is the lower-case hex MD5 of the UTF-8 bytes', () => {
  assert.equal(khqrMd5('The quick brown fox jumps over the lazy dog'), '9e107d9d372bb6826bd81d3542a419d6');
  const qr = buildKhqr({
    accountType: 'individual',
    bakongAccountId: 'dara@aclb',
    merchantName: 'Dara Coffee',
    currency: 'USD',
    amountMinor: 250,
    createdAtMs: CREATED,
    expiresAtMs: EXPIRES,
  });
  assert.equal(khqrMd5(qr), createHash('md5').update(Buffer.from(qr, 'utf8')).digest('hex'));
});

test('khqrMd5 of Khmer text hashes UTF-8 bytes, not UTF-16 or Latin-1', () => {
  const utf8 = createHash('md5').update(Buffer.from(KHMER_NAME, 'utf8')).digest('hex');
  assert.equal(khqrMd5(KHMER_NAME), utf8);
  assert.notEqual(utf8, createHash('md5').update(Buffer.from(KHMER_NAME, 'utf16le')).digest('hex'));
  assert.notEqual(utf8, createHash('md5').update(Buffer.from(KHMER_NAME, 'latin1')).digest('hex'));
  assert.match(khqrMd5(KHMER_NAME), /^[0-9a-f]{32}$/);
});

const dynamicInput: KhqrBuildInput = {
  accountType: 'merchant',
  bakongAccountId: 'coffee@abaa',
  merchantId: 'M-001',
  acquiringBank: 'ABA Bank',
  merchantName: 'Coffee Corner',
  merchantCity: 'Siem Reap',
  currency: 'USD',
  amountMinor: 275,
  additionalData: { billNumber: 'S-42', terminalLabel: 'Till 1' },
  alternateLanguage: { merchantName: KHMER_NAME, merchantCity: 'សៀមរាប' },
  createdAtMs: CREATED,
  expiresAtMs: EXPIRES,
};

test('buildKhqr writes root tags in SDK order and parseKhqr reads every field back', () => {
  const qr = buildKhqr(dynamicInput);
  const decoded = parseKhqr(qr);
  assert.deepEqual(
    decoded.tlv.map((e) => e.tag),
    ['00', '01', '30', '52', '53', '54', '58', '59', '60', '62', '64', '99', '63'],
  );
  assert.equal(qr.slice(-8, -4), '6304');
  assert.equal(qr.slice(-4), crc16(qr.slice(0, -4)));
  const { tlv, ...fields } = decoded;
  assert.deepEqual(fields, {
    payloadFormat: '01',
    pointOfInitiation: 'dynamic',
    account: { type: 'merchant', bakongAccountId: 'coffee@abaa', merchantId: 'M-001', accountInfo: null, acquiringBank: 'ABA Bank' },
    unionPayAccount: null,
    mcc: '5999',
    currency: 'USD',
    amount: 275,
    amountText: '2.75',
    country: 'KH',
    merchantName: 'Coffee Corner',
    merchantCity: 'Siem Reap',
    additionalData: { billNumber: 'S-42', mobileNumber: null, storeLabel: null, terminalLabel: 'Till 1', purposeOfTransaction: null },
    alternateLanguage: { languagePreference: 'km', merchantName: KHMER_NAME, merchantCity: 'សៀមរាប' },
    createdAtMs: CREATED,
    expiresAtMs: EXPIRES,
    crc: qr.slice(-4),
  });
  const alt = tlv.find((e) => e.tag === '64');
  assert.equal(alt?.children?.find((c) => c.tag === '01')?.length, 9);
  assert.ok(qr.includes(`0109${KHMER_NAME}`));
});

test('a static QR has POI 11, no amount, no timestamps, and defaults city and MCC', () => {
  const qr = buildKhqr({ accountType: 'individual', bakongAccountId: 'dara@aclb', merchantName: 'Dara', currency: 'KHR' });
  assert.equal(qr, `00020101021129130009dara@aclb520459995303116` + `5802KH5904Dara6010Phnom Penh6304${qr.slice(-4)}`);
  const d = parseKhqr(qr);
  assert.equal(d.pointOfInitiation, 'static');
  assert.equal(d.amount, null);
  assert.equal(d.amountText, null);
  assert.equal(d.createdAtMs, null);
  assert.equal(d.expiresAtMs, null);
  assert.equal(d.additionalData, null);
  assert.equal(d.alternateLanguage, null);
});

test('individual accounts carry optional 29.01 account info and 29.02 acquiring bank', () => {
  const qr = buildKhqr({
    accountType: 'individual',
    bakongAccountId: 'dara@aclb',
    accountInfo: '012345678',
    acquiringBank: 'ACLEDA',
    merchantName: 'Dara',
    currency: 'KHR',
    amountMinor: 12_000,
    createdAtMs: CREATED,
    expiresAtMs: EXPIRES,
  });
  assert.ok(qr.includes('29360009dara@aclb01090123456780206ACLEDA'));
  const d = parseKhqr(qr);
  assert.deepEqual(d.account, {
    type: 'individual',
    bakongAccountId: 'dara@aclb',
    merchantId: null,
    accountInfo: '012345678',
    acquiringBank: 'ACLEDA',
  });
  assert.equal(d.amount, 12_000);
  assert.equal(d.amountText, '12000');
});
