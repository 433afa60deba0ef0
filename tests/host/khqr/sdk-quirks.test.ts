// SDK behaviours that matter to us: its CRC helper agrees with ours, it accepts the other amount
// spellings banks write (as we do), and its verify() accepts strings khqr.md says to refuse,
// which is why our parser, not the SDK, guards what is shown to customers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { buildKhqr, crc16, parseKhqr } from '../../../src/host/khqr/index.ts';

const require = createRequire(import.meta.url);
const { BakongKHQR } = require('bakong-khqr');
const sdkCrc16 = require('bakong-khqr/src/helper/crc16') as (s: string) => string;

// Future timestamps: the SDK's verify() compares the expiry with the real clock.
const NOW = Date.now();
const EXPIRES = NOW + 10 * 60_000;

test('our CRC equals the SDK CRC on ASCII and Khmer text', () => {
  for (const s of ['123456789', '00020101021129190015john_smith@devb6304', 'ហាងកាហ្វេ ភ្នំពេញ', 'x']) {
    assert.equal(crc16(s), sdkCrc16(s), s);
  }
});

test('bank-style amount spellings from other generators parse to the same cents', () => {
  // Re-sign the SDK's "10.50" QR with "10.5" and "010.50": both must read as 1050 cents, in ours and the SDK.
  const base = buildKhqr({
    accountType: 'individual', bakongAccountId: 'john_smith@devb', merchantName: 'John Smith', currency: 'USD', amountMinor: 1050,
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  });
  for (const spelling of ['10.5', '010.50', '10.50']) {
    const body = base.slice(0, -4).replace('540510.50', `54${String(spelling.length).padStart(2, '0')}${spelling}`);
    const qr = body + crc16(body);
    assert.equal(parseKhqr(qr).amount, 1050, spelling);
    assert.equal(parseKhqr(qr).amountText, spelling);
    assert.equal(BakongKHQR.verify(qr).isValid, true, spelling);
  }
});

test('the SDK verify() accepts strings our parser rightly rejects (why we do not rely on it)', () => {
  const base = buildKhqr({
    accountType: 'individual', bakongAccountId: 'sokha@aclb', merchantName: 'Sokha', currency: 'KHR', amountMinor: 4000,
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  });
  const resign = (from: string, to: string): string => {
    const body = base.slice(0, -4).replace(from, to);
    assert.notEqual(body, base.slice(0, -4), `pattern ${from} not found`);
    return body + crc16(body);
  };
  const cases: Array<[string, string]> = [
    [resign('54044000', '54074000.50'), 'AMOUNT_KHR_DECIMALS'],
    [resign('54044000', '54044O00'), 'AMOUNT_INVALID'],
    [resign('000201', '000202'), 'PAYLOAD_FORMAT_INVALID'],
  ];
  for (const [qr, code] of cases) {
    assert.equal(BakongKHQR.verify(qr).isValid, true, `SDK accepts ${code}`);
    assert.throws(() => parseKhqr(qr), { code });
  }
});
