// Seeded random inputs through our builder and the official SDK (dev-only oracle): the strings
// must be byte-identical, the SDK must verify ours, and our decode of the SDK's string and the
// SDK's decode of ours must both give back the input values (amounts in minor units).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKhqr, parseKhqr } from '../../../src/host/khqr/index.ts';
import type { KhqrBuildInput, KhqrCurrency } from '../../../src/host/khqr/index.ts';
import { seededRandom } from '../../../src/sandbox/faults.ts';
import { BakongKHQR, sdkBuild } from '../../support/khqr-sdk.ts';

function randomInputs(count: number, seed: number, now: number): KhqrBuildInput[] {
  // Seeded PRNG (mulberry32, the sandbox's) so a failing case can be reproduced.
  const r = seededRandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = (alphabet: string, lo: number, hi: number): string => {
    const chars = Array.from(alphabet);
    return Array.from({ length: int(lo, hi) }, () => chars[int(0, chars.length - 1)]).join('');
  };
  const lower = 'abcdefghijklmnopqrstuvwxyz_';
  const text = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 &.-';
  const khmer = 'កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអាិីឹឺុូួើឿៀេែៃោៅំះ្';
  const maybe = <T>(p: number, make: () => T): T | undefined => (r() < p ? make() : undefined);
  const out: KhqrBuildInput[] = [];
  for (let i = 0; i < count; i++) {
    const merchant = r() < 0.5;
    const currency: KhqrCurrency = r() < 0.5 ? 'USD' : 'KHR';
    const dynamic = r() < 0.7;
    const createdAtMs = now - int(0, 60_000);
    const input: KhqrBuildInput = {
      accountType: merchant ? 'merchant' : 'individual',
      bakongAccountId: `${pick(lower, 1, 14)}@${pick(lower, 2, 6)}`,
      merchantName: pick(text, 1, 25),
      currency,
    };
    if (merchant) {
      input.merchantId = pick(text, 1, 12);
      input.acquiringBank = pick(text, 1, 12);
    } else {
      input.accountInfo = maybe(0.4, () => pick('0123456789', 1, 12));
      input.acquiringBank = maybe(0.4, () => pick(text, 1, 12));
    }
    if (currency === 'KHR') input.unionPayAccount = maybe(0.3, () => pick('0123456789', 5, 19));
    input.merchantCity = maybe(0.6, () => pick(text, 1, 15));
    input.merchantCategoryCode = maybe(0.3, () => pick('0123456789', 4, 4));
    if (dynamic) {
      input.amountMinor = currency === 'USD' ? int(1, 10 ** int(1, 12)) : int(1, 10 ** int(2, 12));
      if (currency === 'USD' && r() < 0.3) input.amountMinor = int(1, 10 ** int(1, 9)) * 100; // whole dollars
      input.createdAtMs = createdAtMs;
      input.expiresAtMs = createdAtMs + int(120_000, 15 * 60_000);
    }
    const extra = {
      billNumber: maybe(0.4, () => pick(text, 1, 15)),
      mobileNumber: maybe(0.3, () => `855${pick('0123456789', 8, 9)}`),
      storeLabel: maybe(0.3, () => pick(text, 1, 15)),
      terminalLabel: maybe(0.3, () => pick(text, 1, 15)),
      purposeOfTransaction: maybe(0.3, () => pick(text, 1, 15)),
    };
    const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length > 0) input.additionalData = defined;
    const altCity = maybe(0.5, () => pick(khmer, 1, 15));
    if (r() < 0.5) input.alternateLanguage = altCity === undefined ? { merchantName: pick(khmer, 1, 25) } : { merchantName: pick(khmer, 1, 25), merchantCity: altCity };
    // Drop undefined keys so the input looks like what a caller would write.
    out.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as KhqrBuildInput);
  }
  return out;
}

const NOW = Date.now();
const RANDOM = randomInputs(80, 20240601, NOW);

function checkAgainstSdk(input: KhqrBuildInput): void {
  const ours = buildKhqr(input);
  const sdk = sdkBuild(input);
  assert.equal(sdk.status.code, 0, `SDK refused the input: ${sdk.status.message}`);
  assert.equal(ours, sdk.data?.qr, 'byte-identical to the SDK');
  assert.equal(BakongKHQR.verify(ours).isValid, true, 'SDK verifies our QR');

  const d = parseKhqr(sdk.data?.qr ?? '');
  const s: Record<string, string | null> = BakongKHQR.decode(ours).data;
  const num = (v: string | null | undefined): number | null => (v == null ? null : Number(v));
  const x = input.additionalData ?? {};
  const alt = input.alternateLanguage;
  // field: [ours, expected from the input, SDK]
  const fields: Record<string, [unknown, unknown, unknown]> = {
    type: [d.account.type, input.accountType, s.merchantType === '30' ? 'merchant' : 'individual'],
    bakongAccountId: [d.account.bakongAccountId, input.bakongAccountId, s.bakongAccountID],
    merchantId: [d.account.merchantId, input.merchantId ?? null, s.merchantID],
    accountInfo: [d.account.accountInfo, input.accountInfo ?? null, s.accountInformation],
    acquiringBank: [d.account.acquiringBank, input.acquiringBank ?? null, s.acquiringBank],
    unionPay: [d.unionPayAccount, input.unionPayAccount ?? null, s.unionPayMerchant],
    mcc: [d.mcc, input.merchantCategoryCode ?? '5999', s.merchantCategoryCode],
    currency: [d.currency, input.currency, s.transactionCurrency === '840' ? 'USD' : 'KHR'],
    amount: [d.amount, input.amountMinor ?? null, s.transactionAmount == null ? null : Math.round(Number(s.transactionAmount) * (input.currency === 'USD' ? 100 : 1))],
    merchantName: [d.merchantName, input.merchantName, s.merchantName],
    merchantCity: [d.merchantCity, input.merchantCity ?? 'Phnom Penh', s.merchantCity],
    billNumber: [d.additionalData?.billNumber ?? null, x.billNumber ?? null, s.billNumber],
    mobileNumber: [d.additionalData?.mobileNumber ?? null, x.mobileNumber ?? null, s.mobileNumber],
    storeLabel: [d.additionalData?.storeLabel ?? null, x.storeLabel ?? null, s.storeLabel],
    terminalLabel: [d.additionalData?.terminalLabel ?? null, x.terminalLabel ?? null, s.terminalLabel],
    purpose: [d.additionalData?.purposeOfTransaction ?? null, x.purposeOfTransaction ?? null, s.purposeOfTransaction],
    altName: [d.alternateLanguage?.merchantName ?? null, alt?.merchantName ?? null, s.merchantNameAlternateLanguage],
    altCity: [d.alternateLanguage?.merchantCity ?? null, alt?.merchantCity ?? null, s.merchantCityAlternateLanguage],
    createdAtMs: [d.createdAtMs, input.createdAtMs ?? null, num(s.creationTimestamp)],
    expiresAtMs: [d.expiresAtMs, input.expiresAtMs ?? null, num(s.expirationTimestamp)],
  };
  for (const [name, [ourValue, expected, sdkValue]] of Object.entries(fields)) {
    assert.deepEqual({ ours: ourValue, sdk: sdkValue }, { ours: expected, sdk: expected }, name);
  }
}

test(`SDK oracle: ${RANDOM.length} seeded random inputs`, () => {
  RANDOM.forEach((input, i) => {
    try {
      checkAgainstSdk(input);
    } catch (error) {
      throw new Error(`random #${i} failed for ${JSON.stringify(input)}`, { cause: error });
    }
  });
});

test('random inputs cover both account types, both currencies, static and dynamic', () => {
  for (const t of ['individual', 'merchant']) assert.ok(RANDOM.some((i) => i.accountType === t));
  for (const c of ['USD', 'KHR']) assert.ok(RANDOM.some((i) => i.currency === c));
  assert.ok(RANDOM.some((i) => i.amountMinor === undefined));
  assert.ok(RANDOM.some((i) => i.currency === 'USD' && i.amountMinor !== undefined && i.amountMinor % 100 !== 0));
  assert.ok(RANDOM.some((i) => i.currency === 'USD' && i.amountMinor !== undefined && i.amountMinor % 100 === 0));
  assert.ok(RANDOM.some((i) => i.alternateLanguage !== undefined && i.additionalData !== undefined));
  assert.ok(RANDOM.some((i) => i.unionPayAccount !== undefined));
});
