/**
 * The payment flow behind the cashier's buttons: charge (record → ask the API → verify → record the
 * QR → show), cancel, check now, move on, and resuming unresolved sales at start. Each step commits
 * to the ledger first and only then calls onChange, which is what puts anything on a screen.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessage, type HostMessageCode } from '../../shared/messages/index.ts';
import type { MessageParams } from '../../shared/messages/types.ts';
import { assertChargeCents, formatUsd } from '../../shared/money.ts';
import type { BakongApi } from '../api/bakong-client.ts';
import type { SalesLedger, StoredSale } from '../ledger/sales.ts';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './poll-policy.ts';
import { QrVerificationError, verifyCreatedQr } from './verify-qr.ts';
import { MAX_LATE_CHECK_MS, PaymentWatcher, type WatcherDeps } from './watcher.ts';

export type PaymentErrorCode =
  | 'payment_in_progress'
  | 'not_found'
  | 'not_allowed'
  | 'not_configured'
  | 'api_error'
  | 'verification_failed';

/** A payment command refused or failed; its text is a payment.* (or api.*) catalog message. */
export class PaymentError extends PosError {
  override name = 'PaymentError';
  declare readonly code: PaymentErrorCode;
  constructor(code: PaymentErrorCode, message: HostMessageCode | HostMessage, params?: MessageParams) {
    super(code, typeof message === 'string' ? hostMessage(message, params) : message);
  }
}

/** Who receives the money and how the API is reached, as in force when a charge starts. */
export interface ChargeContext {
  training: boolean;
  merchantName: string;
  bakongId: string;
  khrPerUsd: number;
  allowedAccounts: readonly string[];
  /** '' for the embedded training sandbox. */
  apiBaseUrl: string;
}

export interface PaymentServiceDeps {
  ledger: SalesLedger;
  context(): ChargeContext;
  /** The API at a base URL ('' = the embedded sandbox). */
  api(baseUrl: string): BakongApi;
  now(): number;
  onChange(): void;
  /** See WatcherDeps.recordPayment. */
  recordPayment: WatcherDeps['recordPayment'];
  policy?: PollPolicy;
}

export class PaymentService {
  readonly #deps: PaymentServiceDeps;
  readonly watcher: PaymentWatcher;
  /** The sale on the screens; cleared when the cashier moves on. */
  #currentId: number | null = null;
  /** Sales whose create call is running now. */
  readonly #creating = new Set<number>();

  constructor(deps: PaymentServiceDeps) {
    this.#deps = deps;
    this.watcher = new PaymentWatcher({
      ledger: deps.ledger,
      apiFor: (sale) => deps.api(sale.apiBaseUrl),
      policy: deps.policy ?? DEFAULT_POLL_POLICY,
      now: deps.now,
      onChange: deps.onChange,
      recordPayment: deps.recordPayment,
    });
  }

  current(): StoredSale | null {
    return this.#currentId === null ? null : this.#deps.ledger.get(this.#currentId);
  }

  /**
   * At start: a sale left `creating` never had a QR on screen, so no one can have paid it: it is
   * recorded failed. Sales awaiting payment (or in their grace period) are watched again, and the
   * newest unresolved one is put back on the screens.
   */
  resume(): void {
    const { ledger } = this.#deps;
    for (const sale of ledger.unresolved()) {
      if (sale.status === 'creating') {
        ledger.markFailed(sale.id, hostMessage('payment.interrupted'), 'system');
      } else {
        this.watcher.watch(sale.id);
        this.#currentId = sale.id;
      }
    }
    for (const sale of ledger.endedAwaitingFinalCheck(this.#deps.now() - MAX_LATE_CHECK_MS)) this.watcher.watch(sale.id);
  }

  async charge(amountCents: unknown): Promise<StoredSale> {
    assertChargeCents(amountCents);
    const { ledger } = this.#deps;
    // A sale left `creating` by a create that is no longer running (its ledger write failed) never
    // showed a QR: record it failed instead of blocking the till until a restart.
    for (const stale of ledger.unresolved()) {
      if (stale.status === 'creating' && !this.#creating.has(stale.id)) {
        ledger.markFailed(stale.id, hostMessage('payment.qrNotRecorded'));
      }
    }
    const busy = ledger.unresolved()[0];
    if (busy) {
      throw new PaymentError('payment_in_progress', 'payment.inProgress', { saleId: busy.id, amount: formatUsd(busy.amountCents) });
    }
    const context = this.#deps.context();
    if (!context.training && !context.bakongId) {
      throw new PaymentError('not_configured', 'payment.notConfigured');
    }
    // Write before show: the sale exists in the ledger before the API is asked or a screen changes.
    const sale = ledger.create({
      amountCents,
      khrPerUsd: context.khrPerUsd,
      training: context.training,
      merchantName: context.merchantName,
      bakongId: context.bakongId,
      apiBaseUrl: context.apiBaseUrl,
    });
    this.#currentId = sale.id;
    this.#deps.onChange();
    this.#creating.add(sale.id);
    try {
      return await this.#create(sale.id, amountCents, context);
    } finally {
      this.#creating.delete(sale.id);
    }
  }

  /** Asks the API for the sale's QR, verifies it, records it, starts watching it. */
  async #create(saleId: number, amountCents: number, context: ChargeContext): Promise<StoredSale> {
    const { ledger } = this.#deps;
    let expiresAt: number;
    let payTo: string;
    let created;
    try {
      created = await this.#deps.api(context.apiBaseUrl).create({
        bakongId: context.bakongId,
        merchantName: context.merchantName,
        amountCents,
      });
      ({ expiresAt, payTo } = verifyCreatedQr(created, {
        amountCents, merchantName: context.merchantName, bakongId: context.bakongId, allowedAccounts: context.allowedAccounts,
        // The shop sets no alternate-language name today, so any 64.01 in a QR is refused.
        alternateMerchantNames: [],
        minLifeLeftMs: this.#deps.policy?.minLifeLeftMs,
      }, this.#deps.now()));
      const reused = ledger.findByMd5(created.md5.toLowerCase());
      if (reused) {
        // Never reuse a QR for another sale: a payment to it could not be told apart.
        throw new QrVerificationError('md5', 'payment.qr.reused', { saleId: reused.id });
      }
    } catch (error) {
      // The API and verification errors carry catalog messages (never the API's words): that is the
      // reason stored and shown. Anything else is a fault of the POS, stored as a generic code.
      const known = error instanceof PosError && (error.code === 'api_error' || error.code === 'verification_failed');
      ledger.markFailed(saleId, known ? error.text : hostMessage('payment.qrNotRecorded'));
      this.#deps.onChange();
      if (known) throw new PaymentError(error.code as PaymentErrorCode, error.text);
      throw error;
    }
    const withQr = this.#attach(saleId, created, expiresAt, payTo);
    this.watcher.watch(saleId);
    this.#deps.onChange();
    return withQr;
  }

  #attach(saleId: number, created: { md5: string; khqrString: string }, expiresAt: number, payTo: string): StoredSale {
    const { ledger } = this.#deps;
    try {
      return ledger.attachQr(saleId, { md5: created.md5, khqrString: created.khqrString, expiresAt, payTo });
    } catch (error) {
      // Cancelled while the API was answering: the QR was never shown, so there is nothing to watch.
      if (ledger.get(saleId)?.status === 'cancelled') throw new PaymentError('not_allowed', 'payment.cancelledMeanwhile', { saleId });
      // Anything else: the sale must not stay `creating` (that would block the till); it failed.
      try {
        ledger.markFailed(saleId, hostMessage('payment.qrNotRecorded'));
      } finally {
        this.#deps.onChange();
      }
      throw error;
    }
  }

  cancel(saleId: number): StoredSale {
    const sale = this.#mustGet(saleId);
    const cancelled = this.#deps.ledger.markCancelled(saleId, 'cancelled by the cashier');
    if (!cancelled) {
      throw new PaymentError('not_allowed', sale.status === 'paid' ? 'payment.alreadyPaid' : 'payment.alreadyEnded', { saleId });
    }
    // Keep watching through the grace period: the customer may have paid just now.
    this.#deps.onChange();
    return cancelled;
  }

  /** The cashier wants a fresh QR for the same amount (e.g. the customer's app refused the old one). */
  async newQr(saleId: number): Promise<StoredSale> {
    const sale = this.#mustGet(saleId);
    if (sale.status === 'paid') throw new PaymentError('not_allowed', 'payment.alreadyPaid', { saleId });
    if (sale.status === 'creating' || sale.status === 'awaiting_payment') {
      // The old QR stays watched through its grace period, so a payment to it is still recorded.
      this.#deps.ledger.markCancelled(saleId, 'replaced by a new QR');
    }
    return this.charge(sale.amountCents);
  }

  /**
   * Checks at once. A check that failed (a redirect, an API error, an answer about another account)
   * or whose outcome could not be saved (a full disk) is an error, not ok: the cashier who pressed
   * Check now is told why, not only by the banner that was there already.
   */
  async checkNow(saleId: number): Promise<StoredSale> {
    this.#mustGet(saleId);
    const failure = await this.watcher.checkNow(saleId);
    if (this.watcher.view(saleId)?.cannotSave) throw new PosError('storage_error', hostMessage('ledger.paymentUnsaved'));
    if (failure) throw failure;
    return this.#mustGet(saleId);
  }

  /** The cashier moves on from a finished sale; an unresolved one cannot be dismissed. */
  dismiss(): void {
    const sale = this.current();
    if (sale && (sale.status === 'creating' || sale.status === 'awaiting_payment')) {
      throw new PaymentError('payment_in_progress', 'payment.stillWaiting', { saleId: sale.id });
    }
    this.#currentId = null;
    this.#deps.onChange();
  }

  stop(): Promise<void> {
    return this.watcher.stopAll();
  }

  #mustGet(saleId: number): StoredSale {
    const sale = this.#deps.ledger.get(saleId);
    if (!sale) throw new PaymentError('not_found', 'payment.noSale', { saleId });
    return sale;
  }
}
