/**
 * Verify before display: a QR from the hosted API is shown to a customer only after it is proven to
 * pay this sale, to this shop, in USD, for exactly this amount, and to expire soon. Anything else
 * could take a customer's money to someone else, so it is refused with the reason in plain words
 * (docs/khqr.md, "Verify before display").
 */
import { formatUsd } from '../../shared/money.ts';
import type { CreateResponse } from '../api/bakong-client.ts';
import { KhqrError, khqrMd5, parseKhqr } from '../khqr/index.ts';

/** Which check failed; stored with the failed sale and shown to the cashier. */
export type QrCheck =
  | 'md5'
  | 'format'
  | 'dynamic'
  | 'currency'
  | 'amount'
  | 'merchant_name'
  | 'account'
  | 'expiry';

export class QrVerificationError extends Error {
  override name = 'QrVerificationError';
  readonly check: QrCheck;
  constructor(check: QrCheck, message: string) {
    super(message);
    this.check = check;
  }
}

export interface ExpectedQr {
  amountCents: number;
  merchantName: string;
  bakongId: string;
  /** Other receiving accounts the owner explicitly allowed in Settings (e.g. a relay's settlement account). */
  allowedAccounts: readonly string[];
}

/** A QR that expires later than this is not one the hosted API (15 minutes) would make. */
export const MAX_QR_LIFETIME_MS = 60 * 60_000;
/** How far the API's clock (in 99.00) and this computer's may disagree before a QR is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Returns the QR's expiry (99.01) and the account it pays (the shop's or an allowed one) when every
 * check passes; throws QrVerificationError otherwise.
 */
export function verifyCreatedQr(response: CreateResponse, expected: ExpectedQr, now: number): { expiresAt: number; payTo: string } {
  const { khqrString, md5 } = response;
  if (khqrMd5(khqrString) !== md5.toLowerCase()) {
    throw new QrVerificationError('md5', 'The QR does not match its md5 (the payment could not be tracked)');
  }
  let qr;
  try {
    qr = parseKhqr(khqrString);
  } catch (error) {
    const detail = error instanceof KhqrError ? error.message : String(error);
    throw new QrVerificationError('format', `The QR is not a valid KHQR: ${detail}`);
  }
  if (qr.pointOfInitiation !== 'dynamic') {
    throw new QrVerificationError('dynamic', 'The QR is a static QR without an amount, not a payment for this sale');
  }
  if (qr.currency !== 'USD') {
    throw new QrVerificationError('currency', `The QR asks for ${qr.currency}, not USD`);
  }
  if (qr.amount !== expected.amountCents) {
    throw new QrVerificationError('amount',
      `The QR asks for ${qr.amount === null ? 'no amount' : formatUsd(qr.amount)}, not ${formatUsd(expected.amountCents)}`);
  }
  if (qr.merchantName !== expected.merchantName) {
    throw new QrVerificationError('merchant_name',
      `The QR names the merchant "${qr.merchantName}", not "${expected.merchantName}"`);
  }
  const account = qr.account.bakongAccountId;
  if (account !== expected.bakongId && !expected.allowedAccounts.includes(account)) {
    throw new QrVerificationError('account',
      `The QR pays account ${account}, not this shop's account ${expected.bakongId}. ` +
        'If that account is really yours, allow it in Settings.');
  }
  if (qr.expiresAtMs === null) {
    throw new QrVerificationError('expiry', 'The QR has no expiry time (tag 99.01)');
  }
  // 99.00/99.01 come from the API's clock, not this computer's: judge the lifetime between them, and
  // the creation time against our clock only loosely, so a till clock a few minutes off still works.
  const createdAt = qr.createdAtMs ?? now;
  const lifetime = qr.expiresAtMs - createdAt;
  if (lifetime <= 0) {
    throw new QrVerificationError('expiry', 'The QR expires before it was created: it has already expired');
  }
  if (lifetime > MAX_QR_LIFETIME_MS) {
    throw new QrVerificationError('expiry', 'The QR stays valid for more than an hour, which the payment service never does');
  }
  const skew = createdAt - now;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    throw new QrVerificationError('expiry',
      `The QR was made ${Math.round(Math.abs(skew) / 60_000)} minutes ${skew > 0 ? 'ahead of' : 'before'} this computer's ` +
        'clock: check the date and time on this computer (or the QR is an old one)');
  }
  const clocksAgree = Math.abs(skew) < 60_000;
  if (clocksAgree && qr.expiresAtMs <= now) {
    throw new QrVerificationError('expiry', 'The QR has already expired');
  }
  // The expiry on this computer's clock: 99.01 itself when the clocks agree, else its lifetime from now.
  return { expiresAt: clocksAgree ? qr.expiresAtMs : now + lifetime, payTo: account };
}
