// buildKhqr input validation: every bad field throws KhqrError with its code and tag path,
// before anything reaches a customer's banking app.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KhqrError, buildKhqr } from '../../../src/host/khqr/index.ts';
import type { KhqrBuildInput, KhqrErrorCode } from '../../../src/host/khqr/index.ts';

const CREATED = 1_760_000_000_000;
const EXPIRES = CREATED + 600_000;

const okInput: KhqrBuildInput = {
  accountType: 'merchant', bakongAccountId: 'shop@abaa', merchantId: 'M1', acquiringBank: 'ABA', merchantName: 'Shop',
  currency: 'USD', amountMinor: 500, createdAtMs: CREATED, expiresAtMs: EXPIRES,
};

function buildRejects(patch: Partial<KhqrBuildInput>, code: KhqrErrorCode, field?: string): void {
  const input = { ...okInput, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (input as Record<string, unknown>)[k];
  assert.throws(
    () => buildKhqr(input),
    (e: unknown) => e instanceof KhqrError && e.code === code && (field === undefined || e.field === field),
    `${JSON.stringify(patch)} should throw ${code}`,
  );
}

test('buildKhqr validates every field and names it', () => {
  assert.doesNotThrow(() => buildKhqr(okInput));
  buildRejects({ merchantId: undefined }, 'FIELD_MISSING', '30.01');
  buildRejects({ acquiringBank: undefined }, 'FIELD_MISSING', '30.02');
  buildRejects({ accountInfo: '1' }, 'FIELD_INVALID', '30.01');
  buildRejects({ accountType: 'individual' }, 'FIELD_INVALID', '29.01'); // merchantId on an individual
  buildRejects({ bakongAccountId: 'shop' }, 'ACCOUNT_ID_INVALID', '30.00');
  buildRejects({ bakongAccountId: `${'s'.repeat(28)}@abaa` }, 'FIELD_TOO_LONG', '30.00');
  buildRejects({ merchantName: 'n'.repeat(26) }, 'FIELD_TOO_LONG', '59');
  buildRejects({ merchantName: '' }, 'FIELD_EMPTY', '59');
  buildRejects({ merchantCity: 'c'.repeat(16) }, 'FIELD_TOO_LONG', '60');
  buildRejects({ merchantCategoryCode: '59' }, 'MCC_INVALID', '52');
  buildRejects({ amountMinor: 5.5 }, 'AMOUNT_INVALID', '54');
  buildRejects({ amountMinor: 0 }, 'AMOUNT_INVALID', '54');
  buildRejects({ amountMinor: 100_000_000_000_01 }, 'AMOUNT_TOO_LONG', '54');
  buildRejects({ unionPayAccount: '6200' }, 'UNIONPAY_WITH_USD', '15');
  buildRejects({ expiresAtMs: undefined }, 'TIMESTAMP_REQUIRED', '99.01');
  buildRejects({ createdAtMs: undefined }, 'TIMESTAMP_REQUIRED', '99.00');
  buildRejects({ expiresAtMs: Math.floor(EXPIRES / 1000) }, 'TIMESTAMP_INVALID', '99.01');
  buildRejects({ expiresAtMs: CREATED }, 'TIMESTAMP_INVALID', '99.01');
  buildRejects({ amountMinor: undefined }, 'TIMESTAMP_INVALID', '99'); // static with timestamps
  buildRejects({ additionalData: { billNumber: '' } }, 'FIELD_EMPTY', '62.01');
  buildRejects({ additionalData: { storeLabel: 's'.repeat(26) } }, 'FIELD_TOO_LONG', '62.03');
  buildRejects({ alternateLanguage: { merchantName: 'ក'.repeat(26) } }, 'FIELD_TOO_LONG', '64.01');
  buildRejects({ currency: 'EUR' as 'USD' }, 'CURRENCY_UNSUPPORTED', '53');
});

test('buildKhqr refuses a template that would exceed 99 characters instead of writing a 3-digit length', () => {
  const long = 'x'.repeat(20);
  buildRejects(
    { additionalData: { billNumber: long, mobileNumber: long, storeLabel: long, terminalLabel: long, purposeOfTransaction: long } },
    'TLV_VALUE_TOO_LONG',
    '62',
  );
});
