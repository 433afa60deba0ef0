/**
 * Verify before display: a QR from the hosted API is shown to a customer only after it is proven to
 * pay this sale, to this shop (or an account the owner allowed) and nobody else, in USD, for exactly
 * this amount, under the shop's own name, and to stay payable for a while but not long. Anything else
 * could take a customer's money to someone else, so it is refused with the reason as a catalog
 * message (docs/khqr.md, "Verify before display").
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessageCode } from '../../shared/messages/index.ts';
import type { MessageParams } from '../../shared/messages/types.ts';
import { formatUsd } from '../../shared/money.ts';
import { isAccountId } from '../../shared/rules/account-id.ts';
import type { CreateResponse } from '../api/bakong-client.ts';
import { KhqrError, khqrMd5, parseKhqr } from '../khqr/index.ts';
import { clip } from '../log-text.ts';

/** Which check failed. */
export type QrCheck =
  | 'md5'
  | 'format'
  | 'dynamic'
  | 'currency'
  | 'amount'
  | 'merchant_name'
  | 'account'
  | 'payee'
  | 'alternate_name'
  | 'expiry'
  | 'short_life';

/** A QR from the payment service that must not be shown; its text is a payment.qr.* catalog message. */
export class QrVerificationError extends PosError {
  override name = 'QrVerificationError';
  readonly check: QrCheck;
  constructor(check: QrCheck, code: HostMessageCode, params?: MessageParams) {
    super('verification_failed', hostMessage(code, params));
    this.check = check;
  }
}

export interface ExpectedQr {
  amountCents: number;
  merchantName: string;
  bakongId: string;
  /** Other receiving accounts the owner explicitly allowed in Settings (e.g. a relay's settlement account). */
  allowedAccounts: readonly string[];
  /**
   * Alternate-language merchant names (64.01) the shop configured. A banking app may show 64.01 as
   * the payee, so any other is refused. The shop configures none today: every 64.01 is refused.
   */
  alternateMerchantNames: readonly string[];
  /** Least life a QR must have left; MIN_QR_LIFE_LEFT_MS unless a test's policy says otherwise. */
  minLifeLeftMs?: number;
}

/** A QR that expires later than this is not one the hosted API (15 minutes) would make. */
export const MAX_QR_LIFETIME_MS = 60 * 60_000;
/** How far the API's clock (in 99.00) and this computer's may disagree before a QR is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** Less life than this left and the customer could not finish paying: refused rather than shown. */
export const MIN_QR_LIFE_LEFT_MS = 60_000;

/** KHQR root tags 02–51 are merchant-account templates: each names someone a bank may pay. */
const MERCHANT_ACCOUNT_TAGS = /^(0[2-9]|[1-4][0-9]|5[01])$/;

/**
 * Returns the QR's expiry (99.01, on this computer's clock) and the account it pays (the shop's or an
 * allowed one) when every check passes; throws QrVerificationError otherwise.
 */
export function verifyCreatedQr(response: CreateResponse, expected: ExpectedQr, now: number): { expiresAt: number; payTo: string } {
  const { khqrString, md5 } = response;
  if (khqrMd5(khqrString) !== md5.toLowerCase()) throw new QrVerificationError('md5', 'payment.qr.md5');
  let qr;
  try {
    qr = parseKhqr(khqrString);
  } catch (error) {
    // The codec's code (e.g. CRC_MISMATCH) and its text, which quotes the API's QR, go to the log
    // (clipped: a QR holding newlines must not forge log lines); the cashier reads a reason in words.
    const code = error instanceof KhqrError ? error.code : 'UNREADABLE';
    console.warn(`[verify] the QR is not a valid KHQR (${code}): ${clip(error instanceof Error ? error.message : String(error))}`);
    throw new QrVerificationError('format', formatReason(error));
  }
  if (qr.pointOfInitiation !== 'dynamic') throw new QrVerificationError('dynamic', 'payment.qr.static');
  if (qr.currency !== 'USD') throw new QrVerificationError('currency', 'payment.qr.currency', { currency: qr.currency });
  if (qr.amount !== expected.amountCents) {
    throw qr.amount === null
      ? new QrVerificationError('amount', 'payment.qr.noAmount', { expected: formatUsd(expected.amountCents) })
      : new QrVerificationError('amount', 'payment.qr.amount', { asked: formatUsd(qr.amount), expected: formatUsd(expected.amountCents) });
  }
  if (qr.merchantName !== expected.merchantName) {
    throw new QrVerificationError('merchant_name', 'payment.qr.merchantName', { expected: expected.merchantName });
  }
  const account = qr.account.bakongAccountId;
  if (account !== expected.bakongId && !expected.allowedAccounts.includes(account)) {
    throw isAccountId(account)
      ? new QrVerificationError('account', 'payment.qr.account', { account, expected: expected.bakongId })
      : new QrVerificationError('account', 'payment.qr.accountUnreadable', { expected: expected.bakongId });
  }
  // One payee only: the app may pay (or show) any merchant-account template, so none but the one
  // 29/30 account checked above may be there (an extra 26 or 31 could name someone else).
  const accountTag = qr.account.type === 'individual' ? '29' : '30';
  const extra = qr.tlv.find((field) => MERCHANT_ACCOUNT_TAGS.test(field.tag) && field.tag !== accountTag);
  if (extra) throw new QrVerificationError('payee', 'payment.qr.extraPayee', { tag: extra.tag });
  const altName = qr.alternateLanguage?.merchantName;
  if (altName !== undefined && !expected.alternateMerchantNames.includes(altName)) {
    throw new QrVerificationError('alternate_name', 'payment.qr.alternateName');
  }
  if (qr.expiresAtMs === null) throw new QrVerificationError('expiry', 'payment.qr.noExpiry');
  // 99.00/99.01 come from the API's clock, not this computer's: judge the lifetime between them, and
  // the creation time against our clock only loosely, so a till clock a few minutes off still works.
  const createdAt = qr.createdAtMs ?? now;
  const lifetime = qr.expiresAtMs - createdAt;
  if (lifetime <= 0) throw new QrVerificationError('expiry', 'payment.qr.expiresBeforeCreated');
  if (lifetime > MAX_QR_LIFETIME_MS) throw new QrVerificationError('expiry', 'payment.qr.tooLong');
  const skew = createdAt - now;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    throw new QrVerificationError('expiry', skew > 0 ? 'payment.qr.clockAhead' : 'payment.qr.clockBehind', { minutes });
  }
  const clocksAgree = Math.abs(skew) < 60_000;
  if (clocksAgree && qr.expiresAtMs <= now) throw new QrVerificationError('expiry', 'payment.qr.expired');
  // The expiry on this computer's clock: 99.01 itself when the clocks agree, else its lifetime from now.
  const expiresAt = clocksAgree ? qr.expiresAtMs : now + lifetime;
  if (expiresAt - now < (expected.minLifeLeftMs ?? MIN_QR_LIFE_LEFT_MS)) {
    throw new QrVerificationError('short_life', 'payment.qr.shortLife', { seconds: Math.max(0, Math.floor((expiresAt - now) / 1000)) });
  }
  return { expiresAt, payTo: account };
}

/** The codec's reasons, in a few words a cashier can pass on (the codec's own code is logged). */
function formatReason(error: unknown): HostMessageCode {
  if (!(error instanceof KhqrError)) return 'payment.qr.format';
  switch (error.code) {
    case 'CRC_MISSING':
    case 'CRC_NOT_LAST':
    case 'CRC_MALFORMED':
    case 'CRC_MISMATCH':
      return 'payment.qr.checksum';
    case 'TLV_DUPLICATE_TAG':
    case 'ACCOUNT_AMBIGUOUS':
      return 'payment.qr.repeatedField';
    case 'FIELD_MISSING':
    case 'FIELD_EMPTY':
    case 'ACCOUNT_MISSING':
    case 'AMOUNT_REQUIRED':
    case 'TIMESTAMP_REQUIRED':
      return 'payment.qr.missingField';
    case 'TLV_EMPTY':
    case 'TLV_BAD_TAG':
    case 'TLV_BAD_LENGTH':
    case 'TLV_TRUNCATED':
    case 'TLV_VALUE_TOO_LONG':
      return 'payment.qr.malformed';
    default:
      return 'payment.qr.invalidField';
  }
}
