/**
 * The payment watcher: polls the API's check endpoint for each KHQR tender's QR until it reaches an
 * outcome, and records that outcome in the ledger before anyone is told (write before show). Watches
 * are keyed by tender (a sale's New QR is a second tender, watched on its own).
 *
 * States (persisted in the ledger as the tender's status):
 *
 *   awaiting_payment ──PAID──────────────▶ paid
 *        │  ├──EXPIRED / lifetime over──▶ expired ─┐ still checked until an answer after
 *        │  └──cashier cancels──────────▶ cancelled ┤ expiry + grace confirms it unpaid (≤ 1 day):
 *        │                                          └─PAID──▶ paid (late; the cashier is alerted)
 *        └── checks failing: "API unreachable" (a live condition, not a status; polling goes on)
 *
 * An answer that cannot be trusted (unknown status, another account or amount, not JSON, HTTP
 * errors, timeouts) is an error, never a payment. A tender is recorded paid at most once: the ledger's
 * conditional update decides, not this loop.
 */
import type { SaleStatus, WatchView } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { formatUsd } from '../../shared/money.ts';
import { BakongApiError, type BakongApi, type CheckResponse } from '../api/bakong-client.ts';
import type { RecordedPayment, SalesLedger, StoredTender } from '../ledger/sales.ts';
import type { PollPolicy } from './poll-policy.ts';

/** Shown while the ledger cannot be written. */
const UNSAVED = hostMessage('ledger.paymentUnsaved');

/** How long after its expiry an ended QR is still checked while no answer has confirmed it unpaid. */
export const MAX_LATE_CHECK_MS = 24 * 60 * 60_000;
/** No single wait is longer than this, whatever the clock does. */
const MAX_DELAY_MS = 10 * 60_000;

export interface WatcherDeps {
  ledger: SalesLedger;
  /** The API a tender was created with (settings may change while it is being watched). */
  apiFor(tender: StoredTender): BakongApi;
  policy: PollPolicy;
  now(): number;
  /** Something changed that the screens should show; the ledger already holds it. */
  onChange(): void;
  /**
   * Records a payment with everything it owes (receipt, late-payment alert) in one transaction,
   * then announces it; null when nothing was recorded (already paid, or not payable from its status).
   */
  recordPayment(tenderId: number, detail: string, allowedFrom: readonly SaleStatus[]): RecordedPayment | null;
}

interface Watch {
  tenderId: number;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  failures: number;
  retryAt: number;
  view: WatchView;
  /** Why the last check failed (null after one that worked): what Check now answers with. */
  failure: PosError | null;
}

export class PaymentWatcher {
  readonly #deps: WatcherDeps;
  readonly #watches = new Map<number, Watch>();
  #stopped = false;

  constructor(deps: WatcherDeps) {
    this.#deps = deps;
  }

  /** Starts (or keeps) watching a tender; the first check happens after the policy's first delay. */
  watch(tenderId: number): void {
    if (this.#stopped || this.#watches.has(tenderId)) return;
    const watch: Watch = {
      tenderId, timer: null, inFlight: null, failures: 0, retryAt: 0, failure: null,
      view: { apiUnreachable: false, lastError: null, lastCheckedAt: null, cannotSave: false },
    };
    this.#watches.set(tenderId, watch);
    this.#schedule(watch);
  }

  isWatching(tenderId: number): boolean {
    return this.#watches.has(tenderId);
  }

  view(tenderId: number): WatchView | null {
    return this.#watches.get(tenderId)?.view ?? null;
  }

  /**
   * Checks at once (the cashier pressed Check now), unless the API asked us to wait. Resolves with
   * why that check failed (a redirect, an HTTP error, an answer about another account…), or with the
   * failure that made the API ask us to wait; null when it worked or the tender is no longer watched.
   */
  async checkNow(tenderId: number): Promise<PosError | null> {
    const watch = this.#watches.get(tenderId);
    if (!watch) return null;
    if (watch.inFlight) await watch.inFlight;
    else if (this.#deps.now() >= watch.retryAt) {
      if (watch.timer) clearTimeout(watch.timer);
      watch.timer = null;
      await this.#run(watch);
    }
    return watch.failure;
  }

  /** Stops every watch (shutdown). Checks already in flight finish and record what they learnt. */
  async stopAll(): Promise<void> {
    this.#stopped = true;
    const inFlight = [...this.#watches.values()].map((w) => w.inFlight).filter((p) => p !== null);
    for (const watch of this.#watches.values()) if (watch.timer) clearTimeout(watch.timer);
    this.#watches.clear();
    await Promise.allSettled(inFlight);
  }

  #run(watch: Watch): Promise<void> {
    watch.inFlight = this.#check(watch)
      .catch((error: unknown) => {
        // Never let one bad turn (e.g. the ledger unreadable for a moment) end the watch.
        console.warn(`[watcher] tender #${watch.tenderId}: the payment check failed:`, describeError(error));
        watch.failure = new PosError('internal', hostMessage('payment.checkFailed'));
        watch.view = { ...watch.view, lastError: watch.failure.text };
      })
      .finally(() => {
        watch.inFlight = null;
        if (this.#watches.get(watch.tenderId) === watch) this.#schedule(watch);
      });
    return watch.inFlight;
  }

  #schedule(watch: Watch): void {
    if (this.#stopped || watch.timer || watch.inFlight) return;
    let delay: number;
    try {
      delay = this.#nextDelay(watch);
    } catch (error) {
      console.warn(`[watcher] tender #${watch.tenderId}: cannot plan the next check:`, describeError(error));
      watch.view = { ...watch.view, lastError: hostMessage('payment.checkFailed') };
      delay = 5_000;
    }
    if (delay < 0) {
      this.#watches.delete(watch.tenderId);
      this.#deps.onChange(); // e.g. the customer display stops saying "still checking"
      return;
    }
    watch.timer = setTimeout(() => {
      watch.timer = null;
      void this.#run(watch);
    }, delay);
    watch.timer.unref();
  }

  /** Milliseconds until the next check, or -1 when the tender no longer needs watching. */
  #nextDelay(watch: Watch): number {
    const tender = this.#deps.ledger.getTender(watch.tenderId);
    if (!tender || !this.#shouldWatch(tender)) return -1;
    const now = this.#deps.now();
    const age = now - tender.createdAt;
    let delay = watch.failures > 0 ? this.#deps.policy.errorDelayMs(watch.failures, age) : this.#deps.policy.delayMs(age);
    if (watch.retryAt > now) delay = Math.max(delay, watch.retryAt - now); // the API asked us to wait
    // Wake at the QR's expiry so the screens say Expired on time (without asking the API if it asked us to wait).
    if (tender.status === 'awaiting_payment' && tender.expiresAt !== null) delay = Math.min(delay, Math.max(0, tender.expiresAt - now));
    // Waits are relative: a wall clock jumping back must not park the watch for hours.
    return Math.min(Math.max(delay, 0), MAX_DELAY_MS);
  }

  #shouldWatch(tender: StoredTender): boolean {
    if (tender.status === 'awaiting_payment') return true;
    if (tender.status !== 'expired' && tender.status !== 'cancelled') return false;
    // A QR stays scannable until its expiry, and banks may report a payment made just before it late:
    // keep checking until an answer after the grace period says it is still unpaid (at most a day).
    return tender.md5 !== null && tender.finalCheckAt === null &&
      this.#deps.now() <= (tender.expiresAt ?? tender.createdAt) + MAX_LATE_CHECK_MS;
  }

  async #check(watch: Watch): Promise<void> {
    const { ledger } = this.#deps;
    const tender = ledger.getTender(watch.tenderId);
    if (!tender || !tender.md5 || !this.#shouldWatch(tender)) return;
    let answer: CheckResponse | null = null;
    if (this.#deps.now() < watch.retryAt) {
      // Woken at expiry while the API asked us to wait: record the expiry without asking.
    } else {
      try {
        // Asked about the account the QR actually pays: an allowed account's payment is only known under it.
        answer = await this.#deps.apiFor(tender).check({ md5: tender.md5, bakongId: payee(tender) });
        assertAnswerMatches(answer, tender);
        watch.failure = null;
        watch.failures = 0;
        watch.retryAt = 0;
        watch.view = {
          apiUnreachable: false, lastError: watch.view.cannotSave ? UNSAVED : null, lastCheckedAt: this.#deps.now(),
          cannotSave: watch.view.cannotSave,
        };
      } catch (error) {
        answer = null;
        watch.failures += 1;
        const retryAfter = error instanceof BakongApiError ? error.retryAfterMs : null;
        watch.retryAt = retryAfter ? this.#deps.now() + retryAfter : 0;
        // Only catalog messages reach the screen; anything else is a fault of the POS, told in general words.
        if (!(error instanceof PosError)) console.warn(`[watcher] tender #${tender.id}: check failed:`, describeError(error));
        watch.failure = error instanceof PosError ? error : new PosError('internal', hostMessage('payment.checkFailed'));
        watch.view = {
          apiUnreachable: true, lastError: watch.failure.text,
          lastCheckedAt: this.#deps.now(), cannotSave: watch.view.cannotSave,
        };
      }
    }
    // Recorded even while shutting down: the ledger stays open until every check has finished.
    try {
      if (this.#record(tender, answer) && watch.view.cannotSave) {
        watch.view = { ...watch.view, cannotSave: false, lastError: watch.view.apiUnreachable ? watch.view.lastError : null };
      }
    } catch (error) {
      // The ledger could not be written (disk full?): keep the API's answer for the next check, and
      // tell the cashier until a write succeeds: a payment may arrive but cannot be saved.
      console.warn(`[watcher] tender #${tender.id}: cannot write the ledger:`, describeError(error));
      watch.view = { ...watch.view, cannotSave: true, lastError: watch.view.apiUnreachable ? watch.view.lastError : UNSAVED };
    }
    this.#deps.onChange();
  }

  /**
   * Turns a trusted answer (or none) into a ledger transition. True when something was written: an
   * answer is always recorded (markChecked), so a ledger that cannot be written shows up at once.
   */
  #record(asked: StoredTender, answer: CheckResponse | null): boolean {
    const { ledger } = this.#deps;
    // Read again: the cashier may have cancelled while the check was on the wire.
    const tender = ledger.getTender(asked.id);
    if (!tender) return false;
    const written = this.#transition(tender, answer);
    if (written || !answer) return written;
    ledger.markChecked(tender.id);
    return true;
  }

  #transition(tender: StoredTender, answer: CheckResponse | null): boolean {
    const { ledger } = this.#deps;
    if (answer?.status === 'PAID') {
      const late = tender.status !== 'awaiting_payment';
      this.#deps.recordPayment(tender.id, late ? `paid after the QR was ${tender.status}` : 'payment confirmed by the API',
        ['awaiting_payment', 'expired', 'cancelled']);
      return true;
    }
    if (tender.status !== 'awaiting_payment') {
      // An ended QR confirmed unpaid after its grace period needs no more checks.
      const graceOver = this.#deps.now() > (tender.expiresAt ?? tender.createdAt) + this.#deps.policy.graceMs;
      if (answer && graceOver) {
        ledger.markFinalCheck(tender.id);
        return true;
      }
      return false;
    }
    if (answer?.status === 'EXPIRED') {
      ledger.markExpired(tender.id, 'the API reported the QR expired');
      return true;
    }
    if (tender.expiresAt !== null && this.#deps.now() >= tender.expiresAt) {
      ledger.markExpired(tender.id, 'the QR lifetime ended without payment');
      return true;
    }
    return false;
  }
}

/** The account the tender's QR pays (recorded at verification; the shop's own for sales made before it was recorded). */
function payee(tender: StoredTender): string {
  return tender.receivingAccount ?? tender.bakongId;
}

/** An answer about another account or another amount is not about this tender: never a payment. */
function assertAnswerMatches(answer: CheckResponse, tender: StoredTender): void {
  const paid = answer.status === 'PAID';
  const expected = payee(tender);
  if (answer.bakongId !== null ? answer.bakongId !== expected : paid) {
    throw answer.bakongId === null
      ? new BakongApiError('bad_response', 'api.paidWithoutAccount')
      : new BakongApiError('bad_response', 'api.otherAccount', { account: answer.bakongId, expected });
  }
  if (answer.amountCents !== null ? answer.amountCents !== tender.amountCents : paid) {
    throw answer.amountCents === null
      ? new BakongApiError('bad_response', 'api.paidWithoutAmount')
      : new BakongApiError('bad_response', 'api.otherAmount',
        { reported: formatUsd(answer.amountCents), expected: formatUsd(tender.amountCents) });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
