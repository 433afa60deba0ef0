/**
 * Verify before display, check by check, including clocks: 99.00/99.01 come from the API's clock,
 * so a till whose clock is a few minutes off must still work, and a QR is judged by its own lifetime.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { QrVerificationError, verifyCreatedQr } from '../../../src/host/payments/verify-qr.ts';

const NOW = Date.UTC(2026, 10, 24, 7, 0);
const EXPECTED = { amountCents: 1050, merchantName: 'My Store', bakongId: 'shop@aclb', allowedAccounts: ['relay@aclb'] };

function qr(overrides: Partial<Parameters<typeof buildKhqr>[0]> = {}) {
  const khqrString = buildKhqr({
    accountType: 'individual', bakongAccountId: 'shop@aclb', merchantName: 'My Store', currency: 'USD', amountMinor: 1050,
    createdAtMs: NOW, expiresAtMs: NOW + 15 * 60_000, ...overrides,
  });
  return { khqrString, md5: khqrMd5(khqrString), bakongQr: null };
}

function refusedBy(response: ReturnType<typeof qr>, expected = EXPECTED, now = NOW): string {
  try {
    verifyCreatedQr(response, expected, now);
  } catch (error) {
    assert.ok(error instanceof QrVerificationError);
    return `${error.check}: ${error.message}`;
  }
  return 'accepted';
}

test('an honest QR is accepted and expires at its 99.01', () => {
  assert.deepEqual(verifyCreatedQr(qr(), EXPECTED, NOW), { expiresAt: NOW + 15 * 60_000, payTo: 'shop@aclb' });
});

test('a relay account the owner allowed is accepted; any other account is refused naming it', () => {
  assert.equal(refusedBy(qr({ bakongAccountId: 'relay@aclb' })), 'accepted');
  assert.match(refusedBy(qr({ bakongAccountId: 'other@wing' })), /^account: The QR pays account other@wing, not this shop's account shop@aclb/);
});

test('each field check names what is wrong', () => {
  assert.match(refusedBy(qr({ amountMinor: 1049 })), /^amount: .*\$10\.49, not \$10\.50/);
  assert.match(refusedBy(qr({ merchantName: 'Other' })), /^merchant_name: /);
  assert.match(refusedBy(qr({ currency: 'KHR', amountMinor: 1050 })), /^currency: /);
  assert.match(refusedBy({ ...qr(), md5: '0'.repeat(32) }), /^md5: /);
});

test('a till clock a few minutes off still works; the expiry is moved onto the till clock', () => {
  const tillAhead = NOW + 4 * 60_000;
  assert.deepEqual(verifyCreatedQr(qr(), EXPECTED, tillAhead), { expiresAt: tillAhead + 15 * 60_000, payTo: 'shop@aclb' });
  const tillBehind = NOW - 7 * 60_000;
  assert.deepEqual(verifyCreatedQr(qr(), EXPECTED, tillBehind), { expiresAt: tillBehind + 15 * 60_000, payTo: 'shop@aclb' });
});

test('a clock far off, a stale QR, or an odd lifetime is refused with the reason', () => {
  assert.match(refusedBy(qr(), EXPECTED, NOW + 20 * 60_000), /^expiry: .*20 minutes before this computer's clock/);
  assert.match(refusedBy(qr({ createdAtMs: NOW - 30_000, expiresAtMs: NOW - 1_000 })), /^expiry: .*already expired/);
  assert.match(refusedBy(qr({ expiresAtMs: NOW + 2 * 60 * 60_000 })), /^expiry: .*more than an hour/);
});
