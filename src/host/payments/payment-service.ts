/**
 * The payment flow behind the cashier's buttons: charge (record → ask the API → verify → record the
 * QR → show), cancel, check now, move on, and resuming unresolved sales at start. Each step commits
 * to the ledger first and only then calls onChange, which is what puts anything on a screen.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessage, type HostMessageCode } from '../../shared/messages/index.ts';
import type { MessageParams } from '../../shared/messages/types.ts';
import { assertChargeCents, formatRiel, formatUsd } from '../../shared/money.ts';
import type { BakongApi } from '../api/bakong-client.ts';
import { assertMoney, type ChangeChoice, type Money } from '../../shared/cash/index.ts';
import { AttemptReused, TransitionRefused, type CashTenderInput, type RecordedCashTender, type SalesLedger, type StoredSale, type StoredTender } from '../ledger/sales.ts';
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

/** A cash tender as the `cash.tender` command gives it: on the sale on screen or a new sale for `due`, with the cash screen's attempt id. */
export type CashTenderCommand = ({ saleId: number; tender: Money; change?: ChangeChoice } | { due: Money; tender: Money; change?: ChangeChoice }) & { attempt?: string };

export class PaymentService {
  readonly #deps: PaymentServiceDeps;
  readonly watcher: PaymentWatcher;
  /** The sale on the screens; cleared when the cashier moves on. */
  #currentId: number | null = null;
  /** Tenders whose create call is running now. */
  readonly #creating = new Set<number>();

  constructor(deps: PaymentServiceDeps) {
    this.#deps = deps;
    this.watcher = new PaymentWatcher({
      ledger: deps.ledger,
      apiFor: (tender) => deps.api(tender.apiBaseUrl),
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
   * At start: a tender left `creating` never had a QR on screen, so no one can have paid it: it is
   * recorded failed. Tenders awaiting payment (or in their grace period) are watched again, and the
   * sale of the newest unresolved one is put back on the screens.
   */
  resume(): void {
    const { ledger } = this.#deps;
    for (const tender of ledger.unresolved()) {
      if (tender.status === 'creating') {
        ledger.markFailed(tender.id, hostMessage('payment.interrupted'), 'system');
      } else {
        this.watcher.watch(tender.id);
        this.#currentId = tender.saleId;
      }
    }
    for (const tender of ledger.endedAwaitingFinalCheck(this.#deps.now() - MAX_LATE_CHECK_MS)) this.watcher.watch(tender.id);
    // A sale left partly paid (cash taken, the rest not) comes back too: no new sale starts before it ends.
    if (this.#currentId === null) this.#currentId = ledger.partlyPaid()?.id ?? null;
  }

  /**
   * Opens a sale for the amount and its first KHQR tender for all of it. `due`: a sale keyed in riel
   * (or dollars); its QR asks the USD-only API for the cents, rounded half up (docs/cash.md).
   */
  async charge(amountCents: unknown, due?: Money): Promise<StoredSale> {
    if (due === undefined) assertChargeCents(amountCents);
    else assertMoney(due);
    const context = this.#ready();
    this.#assertNoneLeftPartlyPaid();
    // Write before show: the sale exists in the ledger before the API is asked or a screen changes.
    const tender = this.#deps.ledger.create({
      amountCents: due === undefined ? (amountCents as number) : 0,
      due,
      khrPerUsd: context.khrPerUsd,
      training: context.training,
      merchantName: context.merchantName,
      bakongId: context.bakongId,
      apiBaseUrl: context.apiBaseUrl,
    });
    return this.#issue(tender, context);
  }

  /**
   * A cash tender on the sale on the screens (`saleId`, open: its first tender was cash, or a QR of
   * it ended) or on a new sale for `due`. Refused while a QR is pending, and a new sale while another
   * is partly paid. The ledger write (with the receipt owed when it completes the sale) is `record`,
   * given by the host; the screens change only after it committed.
   *
   * A repeat of an `attempt` already recorded (the cash screen's reply was lost and Enter pressed
   * again) is answered before any of that: the sale as it stands, `repeated`, nothing written.
   */
  tenderCash(input: CashTenderCommand, record: (input: CashTenderInput) => RecordedCashTender): RecordedCashTender {
    const ledgerInput = this.#ledgerInput(input);
    const repeated = this.#repeatOf(ledgerInput);
    if (repeated) return repeated;
    this.#assertNonePending();
    if ('saleId' in input) this.#mustGet(input.saleId);
    else this.#assertNoneLeftPartlyPaid();
    let recorded: RecordedCashTender;
    try {
      recorded = record(ledgerInput);
    } catch (error) {
      if (error instanceof TransitionRefused) throw new PaymentError('not_allowed', 'payment.alreadyPaid', { saleId: 'saleId' in input ? input.saleId : 0 });
      if (error instanceof AttemptReused) throw new PaymentError('not_allowed', 'cash.attemptReused');
      throw error;
    }
    if (recorded.repeated) return recorded;
    this.#currentId = recorded.sale.id;
    this.#deps.onChange();
    return recorded;
  }

  /** The earlier recording of this tender's attempt, if it is a repeat (SalesLedger.repeatOf); refused (cash.attemptReused) if it is not the same request. */
  repeatOf(input: CashTenderCommand): RecordedCashTender | null {
    return this.#repeatOf(this.#ledgerInput(input));
  }

  #ledgerInput(input: CashTenderCommand): CashTenderInput {
    const attempt = input.attempt ?? null;
    if ('saleId' in input) return { saleId: input.saleId, tender: input.tender, change: input.change, attempt };
    const context = this.#deps.context();
    return {
      sale: { amountCents: 0, due: input.due, khrPerUsd: context.khrPerUsd, training: context.training, merchantName: context.merchantName, bakongId: context.bakongId },
      tender: input.tender, change: input.change, attempt,
    };
  }

  #repeatOf(input: CashTenderInput): RecordedCashTender | null {
    try {
      return this.#deps.ledger.repeatOf(input);
    } catch (error) {
      if (error instanceof AttemptReused) throw new PaymentError('not_allowed', 'cash.attemptReused');
      throw error;
    }
  }

  /**
   * A new sale is refused while another is partly paid: its cash is in the till and what is left must
   * be taken (or the sale voided) first. Named, and put back on the screens, so the cashier can finish it.
   */
  #assertNoneLeftPartlyPaid(): void {
    const open = this.#deps.ledger.partlyPaid();
    if (!open) return;
    if (this.#currentId !== open.id) {
      this.#currentId = open.id;
      this.#deps.onChange();
    }
    const left = open.settlement.remaining;
    throw new PaymentError('not_allowed', 'payment.partlyPaidOpen', { saleId: open.id, usd: formatUsd(left.usd), khr: formatRiel(left.khr) });
  }

  #assertNonePending(): void {
    const { ledger } = this.#deps;
    for (const stale of ledger.unresolved()) {
      if (stale.status === 'creating' && !this.#creating.has(stale.id)) {
        ledger.markFailed(stale.id, hostMessage('payment.qrNotRecorded'));
      }
    }
    const busy = ledger.unresolved()[0];
    if (busy) {
      throw new PaymentError('payment_in_progress', 'payment.inProgress', { saleId: busy.saleId, amount: formatUsd(busy.amountCents) });
    }
  }

  /**
   * A tender left `creating` by a create that is no longer running (its ledger write failed) never
   * showed a QR: it is recorded failed instead of blocking the till until a restart. Then the till
   * must have no QR pending and a payee configured.
   */
  #ready(): ChargeContext {
    this.#assertNonePending();
    const context = this.#deps.context();
    if (!context.training && !context.bakongId) {
      throw new PaymentError('not_configured', 'payment.notConfigured');
    }
    return context;
  }

  /** Puts the tender's sale on the screens and asks for its QR. */
  async #issue(tender: StoredTender, context: ChargeContext): Promise<StoredSale> {
    this.#currentId = tender.saleId;
    this.#deps.onChange();
    this.#creating.add(tender.id);
    try {
      await this.#create(tender.id, tender.amountCents, context);
      return this.#mustGet(tender.saleId);
    } finally {
      this.#creating.delete(tender.id);
    }
  }

  /** Asks the API for the tender's QR, verifies it, records it, starts watching it. */
  async #create(tenderId: number, amountCents: number, context: ChargeContext): Promise<void> {
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
        // Never reuse a QR for another tender: a payment to it could not be told apart.
        throw new QrVerificationError('md5', 'payment.qr.reused', { saleId: reused.saleId });
      }
    } catch (error) {
      // The API and verification errors carry catalog messages (never the API's words): that is the
      // reason stored and shown. Anything else is a fault of the POS, stored as a generic code.
      const known = error instanceof PosError && (error.code === 'api_error' || error.code === 'verification_failed');
      ledger.markFailed(tenderId, known ? error.text : hostMessage('payment.qrNotRecorded'));
      this.#deps.onChange();
      if (known) throw new PaymentError(error.code as PaymentErrorCode, error.text);
      throw error;
    }
    this.#attach(tenderId, created, expiresAt, payTo);
    this.watcher.watch(tenderId);
    this.#deps.onChange();
  }

  #attach(tenderId: number, created: { md5: string; khqrString: string }, expiresAt: number, payTo: string): void {
    const { ledger } = this.#deps;
    try {
      ledger.attachQr(tenderId, { md5: created.md5, khqrString: created.khqrString, expiresAt, payTo });
    } catch (error) {
      const tender = ledger.getTender(tenderId);
      // Cancelled while the API was answering: the QR was never shown, so there is nothing to watch.
      if (tender?.status === 'cancelled') throw new PaymentError('not_allowed', 'payment.cancelledMeanwhile', { saleId: tender.saleId });
      // Anything else: the tender must not stay `creating` (that would block the till); it failed.
      try {
        ledger.markFailed(tenderId, hostMessage('payment.qrNotRecorded'));
      } finally {
        this.#deps.onChange();
      }
      throw error;
    }
  }

  /** Cancels the sale's pending QR (its tender); the sale stays open, unpaid, for a New QR. */
  cancel(saleId: number): StoredSale {
    const sale = this.#mustGet(saleId);
    const cancelled = this.#deps.ledger.markCancelled(sale.tenderId, 'cancelled by the cashier');
    if (!cancelled) {
      throw new PaymentError('not_allowed', sale.status === 'paid' ? 'payment.alreadyPaid' : 'payment.alreadyEnded', { saleId });
    }
    // Keep watching through the grace period: the customer may have paid just now.
    this.#deps.onChange();
    return this.#mustGet(saleId);
  }

  /**
   * The cashier wants a fresh QR (the old one expired, was cancelled or failed, or the customer's
   * app refused it): a new KHQR tender on the same sale, for what is still due, under the same sale
   * number. A QR still pending is cancelled first; it stays watched through its grace period, so a
   * payment to it is still recorded (an overpayment if the new one is paid too).
   */
  async newQr(saleId: number): Promise<StoredSale> {
    const sale = this.#mustGet(saleId);
    if (sale.saleStatus !== 'open') throw new PaymentError('not_allowed', 'payment.alreadyPaid', { saleId });
    if (sale.status === 'creating' || sale.status === 'awaiting_payment') {
      this.#deps.ledger.markCancelled(sale.tenderId, 'replaced by a new QR');
    }
    const context = this.#ready();
    let tender: StoredTender;
    try {
      tender = this.#deps.ledger.addTender(saleId, context.apiBaseUrl);
    } catch (error) {
      if (error instanceof TransitionRefused) throw new PaymentError('not_allowed', 'payment.alreadyPaid', { saleId });
      throw error;
    }
    return this.#issue(tender, context);
  }

  /**
   * Checks at once. A check that failed (a redirect, an API error, an answer about another account)
   * or whose outcome could not be saved (a full disk) is an error, not ok: the cashier who pressed
   * Check now is told why, not only by the banner that was there already.
   */
  async checkNow(saleId: number): Promise<StoredSale> {
    const { tenderId } = this.#mustGet(saleId);
    const failure = await this.watcher.checkNow(tenderId);
    if (this.watcher.view(tenderId)?.cannotSave) throw new PosError('storage_error', hostMessage('ledger.paymentUnsaved'));
    if (failure) throw failure;
    return this.#mustGet(saleId);
  }

  /** The cashier moves on from a finished sale; an unresolved or partly paid one cannot be dismissed. */
  dismiss(): void {
    const sale = this.current();
    if (sale && (sale.status === 'creating' || sale.status === 'awaiting_payment')) {
      throw new PaymentError('payment_in_progress', 'payment.stillWaiting', { saleId: sale.id });
    }
    this.#assertNoneLeftPartlyPaid();
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
