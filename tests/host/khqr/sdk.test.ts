// Our codec against the official SDK (bakong-khqr 1.0.20, dev-only oracle loaded with require):
// for hand-picked inputs (seeded random ones: khqr-sdk-random.test.ts), our build equals the SDK's output byte for byte,
// the SDK verifies and decodes ours to the same values, and we decode the SDK's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKhqr, khqrMd5, parseKhqr } from '../../../src/host/khqr/index.ts';
import type { KhqrBuildInput, KhqrCurrency, KhqrDecoded } from '../../../src/host/khqr/index.ts';
import { BakongKHQR, sdkBuild } from '../../support/khqr-sdk.ts';

type SdkDecoded = Record<string, string | null>;

// What both decoders must agree on, in one flat comparable shape (amounts in minor units).
interface View {
  poi: string;
  type: string;
  bakongAccountId: string | null;
  merchantId: string | null;
  accountInfo: string | null;
  acquiringBank: string | null;
  unionPay: string | null;
  mcc: string | null;
  currency: KhqrCurrency;
  amount: number | null;
  merchantName: string | null;
  merchantCity: string | null;
  extra: Array<string | null>;
  alt: Array<string | null>;
  createdAtMs: number | null;
  expiresAtMs: number | null;
}

function expectedView(input: KhqrBuildInput): View {
  const x = input.additionalData ?? {};
  const alt = input.alternateLanguage;
  return {
    poi: input.amountMinor === undefined ? '11' : '12',
    type: input.accountType,
    bakongAccountId: input.bakongAccountId,
    merchantId: input.merchantId ?? null,
    accountInfo: input.accountInfo ?? null,
    acquiringBank: input.acquiringBank ?? null,
    unionPay: input.unionPayAccount ?? null,
    mcc: input.merchantCategoryCode ?? '5999',
    currency: input.currency,
    amount: input.amountMinor ?? null,
    merchantName: input.merchantName,
    merchantCity: input.merchantCity ?? 'Phnom Penh',
    extra: [x.billNumber, x.mobileNumber, x.storeLabel, x.terminalLabel, x.purposeOfTransaction].map((v) => v ?? null),
    alt: alt === undefined ? [null, null, null] : [alt.languagePreference ?? 'km', alt.merchantName, alt.merchantCity ?? null],
    createdAtMs: input.createdAtMs ?? null,
    expiresAtMs: input.expiresAtMs ?? null,
  };
}

function ourView(d: KhqrDecoded): View {
  const x = d.additionalData;
  const alt = d.alternateLanguage;
  return {
    poi: d.pointOfInitiation === 'dynamic' ? '12' : '11',
    type: d.account.type,
    bakongAccountId: d.account.bakongAccountId,
    merchantId: d.account.merchantId,
    accountInfo: d.account.accountInfo,
    acquiringBank: d.account.acquiringBank,
    unionPay: d.unionPayAccount,
    mcc: d.mcc,
    currency: d.currency,
    amount: d.amount,
    merchantName: d.merchantName,
    merchantCity: d.merchantCity,
    extra: x === null ? [null, null, null, null, null] : [x.billNumber, x.mobileNumber, x.storeLabel, x.terminalLabel, x.purposeOfTransaction],
    alt: alt === null ? [null, null, null] : [alt.languagePreference, alt.merchantName, alt.merchantCity],
    createdAtMs: d.createdAtMs,
    expiresAtMs: d.expiresAtMs,
  };
}

function sdkView(d: SdkDecoded): View {
  const currency: KhqrCurrency = d.transactionCurrency === '840' ? 'USD' : 'KHR';
  const amountText = d.transactionAmount ?? null;
  return {
    poi: d.pointofInitiationMethod ?? '',
    type: d.merchantType === '30' ? 'merchant' : 'individual',
    bakongAccountId: d.bakongAccountID ?? null,
    merchantId: d.merchantID ?? null,
    accountInfo: d.accountInformation ?? null,
    acquiringBank: d.acquiringBank ?? null,
    unionPay: d.unionPayMerchant ?? null,
    mcc: d.merchantCategoryCode ?? null,
    currency,
    // Test-side conversion only; the values here have at most 2 decimals and 13 characters.
    amount: amountText === null ? null : Math.round(Number(amountText) * (currency === 'USD' ? 100 : 1)),
    merchantName: d.merchantName ?? null,
    merchantCity: d.merchantCity ?? null,
    extra: [d.billNumber, d.mobileNumber, d.storeLabel, d.terminalLabel, d.purposeOfTransaction].map((v) => v ?? null),
    alt: [d.languagePreference, d.merchantNameAlternateLanguage, d.merchantCityAlternateLanguage].map((v) => v ?? null),
    createdAtMs: d.creationTimestamp == null ? null : Number(d.creationTimestamp),
    expiresAtMs: d.expirationTimestamp == null ? null : Number(d.expirationTimestamp),
  };
}

const NOW = Date.now();
const EXPIRES = NOW + 10 * 60_000;

const HAND_PICKED: Array<[string, KhqrBuildInput]> = [
  ['individual USD 10.50 with bill number and Khmer name', {
    accountType: 'individual', bakongAccountId: 'john_smith@devb', merchantName: 'John Smith', currency: 'USD', amountMinor: 1050,
    additionalData: { billNumber: 'INV-2024-001' }, alternateLanguage: { merchantName: 'ហាងកាហ្វេ', merchantCity: 'ភ្នំពេញ' },
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  }],
  ['individual KHR with account info, bank and every additional field', {
    accountType: 'individual', bakongAccountId: 'sokha@aclb', accountInfo: '012345678', acquiringBank: 'ACLEDA Bank',
    merchantName: 'Sokha Mart', merchantCity: 'Battambang', currency: 'KHR', amountMinor: 40_000, merchantCategoryCode: '5411',
    additionalData: { billNumber: 'B1', mobileNumber: '85512345678', storeLabel: 'Main', terminalLabel: 'T2', purposeOfTransaction: 'Groceries' },
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  }],
  ['merchant USD whole dollars', {
    accountType: 'merchant', bakongAccountId: 'coffee@abaa', merchantId: '123456', acquiringBank: 'ABA Bank', merchantName: 'Coffee Corner',
    merchantCity: 'Siem Reap', currency: 'USD', amountMinor: 1000, additionalData: { storeLabel: 'Riverside', terminalLabel: 'Till 1' },
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  }],
  ['merchant USD one cent with purpose', {
    accountType: 'merchant', bakongAccountId: 'coffee@abaa', merchantId: 'M1', acquiringBank: 'ABA', merchantName: 'Coffee Corner',
    currency: 'USD', amountMinor: 1, additionalData: { purposeOfTransaction: 'Test' }, createdAtMs: NOW, expiresAtMs: NOW + 60_000,
  }],
  ['USD 13-character amount', {
    accountType: 'individual', bakongAccountId: 'big@devb', merchantName: 'Big', currency: 'USD', amountMinor: 123_456_789_012,
    createdAtMs: NOW, expiresAtMs: EXPIRES,
  }],
  ['merchant KHR static with UnionPay', {
    accountType: 'merchant', bakongAccountId: 'shop@wing', merchantId: 'W-77', acquiringBank: 'Wing Bank', merchantName: 'Noodle Shop',
    currency: 'KHR', unionPayAccount: '6200123456789012',
  }],
  ['individual USD static, defaults only', {
    accountType: 'individual', bakongAccountId: 'dara@aclb', merchantName: 'Dara', currency: 'USD',
  }],
  ['individual KHR with Khmer name only (no alternate city)', {
    accountType: 'individual', bakongAccountId: 'vanna@cadi', merchantName: 'Vanna', currency: 'KHR', amountMinor: 2500,
    alternateLanguage: { merchantName: 'វណ្ណា' }, createdAtMs: NOW, expiresAtMs: EXPIRES,
  }],
];


function checkAgainstSdk(input: KhqrBuildInput): void {
  const expected = expectedView(input);
  const ours = buildKhqr(input);
  const sdk = sdkBuild(input);
  assert.equal(sdk.status.code, 0, `SDK refused the input: ${sdk.status.message}`);
  const sdkQr = sdk.data?.qr ?? '';

  assert.equal(ours, sdkQr, 'byte-identical to the SDK');
  assert.equal(khqrMd5(ours), sdk.data?.md5);

  assert.equal(BakongKHQR.verify(ours).isValid, true, 'SDK verifies our QR');
  assert.deepEqual(sdkView(BakongKHQR.decode(ours).data), expected, 'SDK decodes our QR');
  assert.deepEqual(ourView(parseKhqr(sdkQr)), expected, 'we decode the SDK QR');
  assert.deepEqual(ourView(parseKhqr(ours)), expected, 'we decode our QR');
}

for (const [name, input] of HAND_PICKED) {
  test(`SDK oracle: ${name}`, () => checkAgainstSdk(input));
}
