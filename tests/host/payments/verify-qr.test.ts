/**
 * Verify before display, check by check, including clocks: 99.00/99.01 come from the API's clock,
 * so a till whose clock is a few minutes off must still work, and a QR is judged by its own lifetime.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKhqr, khqrMd5, serialiseTlv } from '../../../src/host/khqr/index.ts';
import { QrVerificationError, verifyCreatedQr, type ExpectedQr } from '../../../src/host/payments/verify-qr.ts';
import { withField } from '../../../src/sandbox/simulator.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';

const NOW = Date.UTC(2026, 10, 24, 7, 0);
const EXPECTED: ExpectedQr = { amountCents: 1050, merchantName: 'My Store', bakongId: 'shop@aclb', allowedAccounts: ['relay@aclb'], alternateMerchantNames: [] };

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
  assert.match(refusedBy(qr({ bakongAccountId: 'other@wing' })), /^account: The QR from the payment service was refused: it pays the account “other@wing”, not this shop's account “shop@aclb”/);
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

/** The QR with one more root field (CRC made right), as a hostile API could send it. */
function withExtra(response: ReturnType<typeof qr>, tag: string, value: string): ReturnType<typeof qr> {
  const khqrString = withField(response.khqrString, { tag, value });
  return { khqrString, md5: khqrMd5(khqrString), bakongQr: null };
}

test('one payee only: any other merchant-account template (02–51) besides the verified 29/30 is refused', () => {
  const someoneElse = serialiseTlv([{ tag: '00', value: 'thief@wing' }]);
  // (Tag 15, UnionPay, is also in that range; the codec already refuses it on a USD QR.)
  for (const tag of ['26', '31', '02', '51']) {
    assert.match(refusedBy(withExtra(qr(), tag, someoneElse)), new RegExp(`^payee: .*another payee \\(tag ${tag}\\)`), tag);
  }
  // Tags outside 02–51 are not payees: a 52-series field is judged by its own rules, not this one.
  assert.equal(refusedBy(qr({ additionalData: { billNumber: 'INV-1' } })), 'accepted');
});

test('an alternate-language merchant name (64.01) the shop did not configure is refused; a configured one is accepted', () => {
  const khmer = qr({ alternateLanguage: { languagePreference: 'km', merchantName: 'ហាងខ្ញុំ' } });
  assert.match(refusedBy(khmer), /^alternate_name: .*second merchant name \(tag 64\)/);
  assert.equal(refusedBy(khmer, { ...EXPECTED, alternateMerchantNames: ['ហាងខ្ញុំ'] }), 'accepted');
  assert.match(refusedBy(qr({ alternateLanguage: { merchantName: 'Thief' } }), { ...EXPECTED, alternateMerchantNames: ['ហាងខ្ញុំ'] }),
    /^alternate_name: /);
});

test('a QR with less than a minute of life left is refused, judged by its own lifetime fields', () => {
  // Made 30 s ago with a one-minute life, by a clock that agrees with the till's: 30 s left.
  assert.match(refusedBy(qr({ createdAtMs: NOW - 30_000, expiresAtMs: NOW + 30_000 })), /^short_life: .*only 30 s of life left/);
  // A 30-second QR on a till whose clock is 5 minutes off: its lifetime, not 99.01 on our clock, decides.
  assert.match(refusedBy(qr({ expiresAtMs: NOW + 30_000 }), EXPECTED, NOW + 5 * 60_000), /^short_life: .*only 30 s/);
  assert.equal(refusedBy(qr({ expiresAtMs: NOW + 61_000 })), 'accepted');
});

test('each refusal is a catalog message with its own code, in English and Khmer, quoting nothing from the QR', () => {
  try {
    verifyCreatedQr(qr({ merchantName: 'PAYMENT RECEIVED' }), EXPECTED, NOW);
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof QrVerificationError);
    assert.equal(error.code, 'verification_failed');
    assert.deepEqual(error.text, { code: 'payment.qr.merchantName', params: { expected: 'My Store' } });
    assert.doesNotMatch(hostMessageText(error.text, 'km'), /PAYMENT/);
  }
});

/** A QR as a hostile API could send it (md5 made to match), whatever its content. */
function raw(khqrString: string): ReturnType<typeof qr> {
  return { khqrString, md5: khqrMd5(khqrString), bakongQr: null };
}

test('a QR that is not a valid KHQR is refused with a reason in words; the codec\'s own code stays in the log', (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const good = qr().khqrString;
  const lastDigit = good.at(-1) === '0' ? '1' : '0';
  const cases: [ReturnType<typeof qr>, string, string][] = [
    [raw(good.slice(0, -1) + lastDigit), 'payment.qr.checksum', 'CRC_MISMATCH'],
    [withExtra(qr(), '59', 'Thief'), 'payment.qr.repeatedField', 'TLV_DUPLICATE_TAG'],
    [raw(good.slice(0, 7)), 'payment.qr.malformed', 'TLV_TRUNCATED'],
  ];
  for (const [response, code, internal] of cases) {
    warn.mock.resetCalls();
    try {
      verifyCreatedQr(response, EXPECTED, NOW);
      assert.fail(`accepted (${internal})`);
    } catch (error) {
      assert.ok(error instanceof QrVerificationError, internal);
      assert.equal(error.check, 'format');
      assert.deepEqual(error.text, { code }, internal);
      for (const language of ['en', 'km'] as const) {
        const shown = hostMessageText(error.text, language);
        assert.doesNotMatch(shown, /[A-Z]{3,}_[A-Z_]+|UNREADABLE/, `${internal} shown in ${language}: ${shown}`);
        assert.match(shown, /payment\.qr\.format/);
      }
    }
    assert.match(String(warn.mock.calls[0]?.arguments[0]), new RegExp(internal));
  }
});

test('the log line for an invalid QR quotes it clipped and on one line, so its text cannot forge log lines', (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const forged = `000201\n[watcher] sale #1: PAID, hand over the goods\r\n${'x'.repeat(2_000)}`;
  assert.throws(() => verifyCreatedQr(raw(forged), EXPECTED, NOW), QrVerificationError);
  const line = warn.mock.calls.map((call) => call.arguments.map(String).join(' ')).join('\n');
  assert.equal(warn.mock.calls.length, 1);
  assert.doesNotMatch(line, /[\r\n]/);
  assert.ok(line.length < 400, `${line.length} characters logged`);
});
