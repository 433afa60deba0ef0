/**
 * The sales ledger, sole writer of the sales and sale_events tables: every sale and every change of
 * its status, each committed in one transaction together with its line in sale_events and its row in
 * the journal (journal/journal.ts; the sales table is the journal's projection, docs/journal.md). Status changes are conditional updates (`WHERE status IN
 * (...)`), so two parts of the host racing to record the same outcome cannot both win: a sale is
 * recorded paid once, and a paid sale never changes again (the schema's triggers back this up).
 */
import { businessDay } from '../export/business-date.ts';
import type { DayTotals, SaleStatus, SaleView } from '../../shared/contract.ts';
import { hostMessage, isHostMessageCode, type HostMessage, type MessageParams } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import type { Actor, JournalEvent } from './journal/events.ts';
import { append } from './journal/journal.ts';
import { ensureOpenShift } from './shifts.ts';
import { ledgerWrite } from './write-health.ts';

/** A row of the `sales` table as SQLite returns it (the journal's verifier and upgrade read the same columns). */
export interface SaleRow {
  id: number;
  amount_cents: number;
  currency: 'USD';
  khr_per_usd: number;
  status: SaleStatus;
  training: number;
  merchant_name: string;
  bakong_id: string;
  api_base_url: string;
  md5: string | null;
  khqr_string: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  paid_at: number | null;
  paid_late: number;
  /** English text written by versions before 8 (it could quote the API): kept as written, never shown. */
  failure_reason: string | null;
  failure_code: string | null;
  /** JSON of the message's params (values the POS produced). */
  failure_params: string | null;
  final_check_at: number | null;
  pay_to: string | null;
}

export interface NewSale {
  amountCents: number;
  khrPerUsd: number;
  training: boolean;
  merchantName: string;
  bakongId: string;
  apiBaseUrl: string;
}

export interface StoredSale extends SaleView {
  apiBaseUrl: string;
  /** When an ended QR was last confirmed unpaid after its grace period (the watcher then stops). */
  finalCheckAt: number | null;
}

function toSale(row: SaleRow): StoredSale {
  return {
    id: row.id,
    amountCents: row.amount_cents,
    currency: row.currency,
    khrPerUsd: row.khr_per_usd,
    status: row.status,
    training: row.training === 1,
    merchantName: row.merchant_name,
    bakongId: row.bakong_id,
    receivingAccount: row.pay_to,
    apiBaseUrl: row.api_base_url,
    finalCheckAt: row.final_check_at,
    khqrString: row.khqr_string,
    md5: row.md5,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    paidLate: row.paid_late === 1,
    failureReason: failureMessage(row),
  };
}

/** The business day containing `at` (Asia/Phnom_Penh, whatever the machine's zone): the export's and the shifts' day too. */
export const localDay = businessDay;

export class SalesLedger {
  readonly #db: Db;
  readonly #now: () => number;
  #uncountedChanges = 0;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Records a new sale as `creating`, before the API is asked for its QR. */
  create(sale: NewSale, actor: Actor = 'cashier'): StoredSale {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name,
             bakong_id, api_base_url, created_at, updated_at)
           VALUES (?, 'USD', ?, 'creating', ?, ?, ?, ?, ?, ?)`,
        )
        .run(sale.amountCents, sale.khrPerUsd, sale.training ? 1 : 0, sale.merchantName, sale.bakongId,
          sale.apiBaseUrl, at, at);
      const id = Number(lastInsertRowid);
      this.#event(id, null, 'creating', null, at);
      // The first sale while no shift is open opens one, journaled just before the sale (shifts.ts).
      ensureOpenShift(this.#db, 'first_sale', { actor, at });
      append(this.#db, {
        type: 'sale.opened',
        version: 1,
        payload: { sale: id, amountCents: sale.amountCents, currency: 'USD', khrPerUsd: sale.khrPerUsd, training: sale.training,
          merchantName: sale.merchantName, bakongId: sale.bakongId, apiBaseUrl: sale.apiBaseUrl },
      }, { actor, at });
      return this.#mustGet(id);
    }));
  }

  /** Stores the checked QR (and the account it pays) and moves the sale to awaiting payment. */
  attachQr(id: number, qr: { md5: string; khqrString: string; expiresAt: number; payTo: string }, actor: Actor = 'cashier'): StoredSale {
    const journal = (before: StoredSale): JournalEvent => ({
      type: 'sale.qrIssued',
      version: 1,
      payload: { sale: id, md5: qr.md5, amountCents: before.amountCents, payTo: qr.payTo, expiresAt: qr.expiresAt, khqrString: qr.khqrString },
    });
    return this.#transition(id, ['creating'], 'awaiting_payment', null, journal, actor, (at) =>
      this.#db
        .prepare(
          `UPDATE sales SET status = 'awaiting_payment', md5 = ?, khqr_string = ?, expires_at = ?, pay_to = ?, updated_at = ?
           WHERE id = ? AND status = 'creating'`,
        )
        .run(qr.md5, qr.khqrString, qr.expiresAt, qr.payTo, at, id).changes,
    );
  }

  /**
   * Records the payment. Returns null when nothing was recorded (already paid, or not payable), so
   * the caller never announces a second payment. A sale paid after it had expired or been
   * cancelled is marked paid_late. What a payment owes besides (its receipt, an alert when late) is
   * written by those tables' own modules in the same transaction: see record-payment.ts.
   */
  markPaid(id: number, detail: string, allowedFrom: readonly SaleStatus[] = ['awaiting_payment'], actor: Actor = 'system'): StoredSale | null {
    const from: readonly SaleStatus[] = allowedFrom.filter((status) => status !== 'paid');
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const before = this.get(id);
      if (!before || !from.includes(before.status)) return null;
      const at = this.#now();
      const late = before.status === 'expired' || before.status === 'cancelled';
      const { changes } = this.#db
        .prepare(`UPDATE sales SET status = 'paid', paid_at = ?, paid_late = ?, updated_at = ? WHERE id = ? AND status = ?`)
        .run(at, late ? 1 : 0, at, id, before.status);
      if (changes !== 1) return null;
      this.#event(id, before.status, 'paid', detail, at);
      // Money counts in the shift in which it is journaled: paid after a close, it opens the next one.
      ensureOpenShift(this.#db, 'late_payment', { actor: 'system', at });
      append(this.#db, { type: 'sale.paid', version: 1, payload: { sale: id, from: before.status, late } }, { actor, at });
      return this.get(id);
    }));
  }

  markExpired(id: number, detail: string, actor: Actor = 'system'): StoredSale | null {
    return this.#tryEnd(id, 'expired', detail, null, actor);
  }

  markCancelled(id: number, detail: string, actor: Actor = 'cashier'): StoredSale | null {
    return this.#tryEnd(id, 'cancelled', detail, null, actor);
  }

  /**
   * The reason is a catalog message: its code goes in the history and the journal, code and values
   * on the sale. `system` when the POS itself gives up on a sale (at start), else the cashier's charge.
   */
  markFailed(id: number, reason: HostMessage, actor: Actor = 'cashier'): StoredSale | null {
    return this.#tryEnd(id, 'failed', reason.code, reason, actor);
  }

  findByMd5(md5: string): StoredSale | null {
    const row = this.#db.prepare('SELECT * FROM sales WHERE md5 = ?').get(md5) as SaleRow | undefined;
    return row ? toSale(row) : null;
  }

  get(id: number): StoredSale | null {
    const row = this.#db.prepare('SELECT * FROM sales WHERE id = ?').get(id) as SaleRow | undefined;
    return row ? toSale(row) : null;
  }

  /** Sales whose outcome is not known yet, oldest first. */
  unresolved(): StoredSale[] {
    const rows = this.#db
      .prepare(`SELECT * FROM sales WHERE status IN ('creating', 'awaiting_payment') ORDER BY id`)
      .all() as SaleRow[];
    return rows.map(toSale);
  }

  /**
   * Expired or cancelled sales not yet confirmed unpaid after their grace period, whose QR expired
   * after `at`: they are still worth checking for a payment made before expiry.
   */
  endedAwaitingFinalCheck(at: number): StoredSale[] {
    const rows = this.#db
      .prepare(`SELECT * FROM sales WHERE status IN ('expired', 'cancelled') AND md5 IS NOT NULL
                AND final_check_at IS NULL AND expires_at > ? ORDER BY id`)
      .all(at) as SaleRow[];
    return rows.map(toSale);
  }

  /**
   * The payment service answered about the sale's QR. Written after every answer, so a ledger that
   * cannot be written is found while the QR waits, not when its payment arrives.
   */
  markChecked(id: number): void {
    this.#uncountedChanges += ledgerWrite(this.#db, () =>
      this.#db.prepare('UPDATE sales SET checked_at = ? WHERE id = ?').run(this.#now(), id).changes);
  }

  /**
   * Rows written that change nothing a screen lists (markChecked): the host takes them out of the
   * sales revision, so a QR that merely waits does not make the screens fetch the list again.
   */
  uncountedChanges(): number {
    return this.#uncountedChanges;
  }

  /** The watcher confirmed an ended QR still unpaid after its grace period: it stops checking it. */
  markFinalCheck(id: number): void {
    ledgerWrite(this.#db, () => this.#db
      .prepare(`UPDATE sales SET final_check_at = ? WHERE id = ? AND status IN ('expired', 'cancelled') AND final_check_at IS NULL`)
      .run(this.#now(), id));
  }

  /**
   * One page of the sales created or paid during the business day containing `at`, newest first (by
   * sale number, so sales made in the same millisecond still page in one fixed order): at most
   * `limit` sales numbered below `before` (all when null). `nextBefore` is what to pass for the
   * next page, null when this page reaches the day's oldest sale.
   */
  dayPage(at: number, before: number | null, limit: number): { sales: StoredSale[]; nextBefore: number | null } {
    const { start, end } = localDay(at);
    // One row more than asked says whether another page exists. The day's sale numbers come from
    // two index ranges (sales_by_created, sales_by_paid), so a page never scans older days: left to
    // itself SQLite walks the table backwards from `before` through the whole ledger's history.
    const rows = this.#db
      .prepare(`SELECT * FROM sales WHERE id IN (
                  SELECT id FROM sales INDEXED BY sales_by_created WHERE created_at >= :start AND created_at < :end AND id < :before
                  UNION ALL
                  SELECT id FROM sales INDEXED BY sales_by_paid WHERE paid_at >= :start AND paid_at < :end AND id < :before)
                ORDER BY id DESC LIMIT :limit`)
      .all({ start, end, before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 }) as SaleRow[];
    const sales = rows.slice(0, limit).map(toSale);
    return { sales, nextBefore: rows.length > limit ? sales[sales.length - 1]!.id : null };
  }

  /**
   * Real money taken during the business day (Asia/Phnom_Penh, export/business-date.ts): sales paid that day (by when the payment was recorded,
   * so one paid after midnight counts on the new day), each in riel at its own rate. Training
   * sales are never counted. Only money paid to the shop's own Bakong ID is takings; sales paid to
   * another (allowed) account are counted apart, so a QR that sends money elsewhere cannot hide in
   * the day's total.
   * Summed by SQLite over the day's paid sales (sales_by_paid), so the cost does not depend on
   * loading them; the riel sum is centsToRiel (shared/money.ts) per sale, in the same integer arithmetic.
   */
  totals(at: number): DayTotals {
    const { day, start, end } = localDay(at);
    // Grouped by whether the QR paid another account than the shop's own (paidElsewhere, below).
    const rows = this.#db
      .prepare(`SELECT (pay_to IS NOT NULL AND pay_to != bakong_id) AS elsewhere, COUNT(*) AS count,
                  SUM(amount_cents) AS cents, SUM(((amount_cents * khr_per_usd + 5000) / 10000) * 100) AS riel
                FROM sales INDEXED BY sales_by_paid WHERE paid_at >= ? AND paid_at < ? AND status = 'paid' AND training = 0
                GROUP BY elsewhere`)
      .all(start, end) as Array<{ elsewhere: 0 | 1; count: number; cents: number; riel: number }>;
    const own = rows.find((row) => row.elsewhere === 0);
    const other = rows.find((row) => row.elsewhere === 1);
    return {
      day,
      paidCount: own?.count ?? 0,
      paidCents: own?.cents ?? 0,
      paidRiel: own?.riel ?? 0,
      otherAccountCount: other?.count ?? 0,
      otherAccountCents: other?.cents ?? 0,
    };
  }

  /**
   * The sale's history as it may be shown. A failure's line holds its catalog code; versions before
   * 8 wrote an English reason there (which could quote the API): it stays in the ledger as written,
   * history being append-only, and reads as `payment.failedEarlier`.
   */
  history(id: number): Array<{ at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }> {
    const rows = this.#db
      .prepare('SELECT at, from_status AS "from", to_status AS "to", detail FROM sale_events WHERE sale_id = ? ORDER BY id')
      .all(id) as Array<{ at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }>;
    return rows.map((row) =>
      row.to === 'failed' && row.detail !== null && !isHostMessageCode(row.detail) ? { ...row, detail: 'payment.failedEarlier' } : row,
    );
  }

  #tryEnd(id: number, to: 'expired' | 'cancelled' | 'failed', detail: string, reason: HostMessage | null, actor: Actor): StoredSale | null {
    const from: SaleStatus[] = ['creating', 'awaiting_payment'];
    const params = reason?.params ? JSON.stringify(reason.params) : null;
    const journal = (before: StoredSale): JournalEvent => to === 'failed'
      ? { type: 'sale.failed', version: 1, payload: { sale: id, from: before.status, code: reason?.code ?? 'payment.failedEarlier' } }
      : { type: to === 'expired' ? 'sale.expired' : 'sale.cancelled', version: 1, payload: { sale: id, from: before.status } };
    try {
      return this.#transition(id, from, to, detail, journal, actor, (at) =>
        this.#db
          .prepare(`UPDATE sales SET status = ?, failure_code = COALESCE(?, failure_code),
                      failure_params = CASE WHEN ? IS NULL THEN failure_params ELSE ? END, updated_at = ?
                    WHERE id = ? AND status IN (${marks(from)})`)
          .run(to, reason?.code ?? null, reason?.code ?? null, params, at, id, ...from).changes,
      );
    } catch (error) {
      if (error instanceof TransitionRefused) return null;
      throw error;
    }
  }

  #transition(
    id: number,
    from: readonly SaleStatus[],
    to: SaleStatus,
    detail: string | null,
    journal: (before: StoredSale) => JournalEvent,
    actor: Actor,
    update: (at: number) => number,
  ): StoredSale {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const before = this.#mustGet(id);
      const at = this.#now();
      if (!from.includes(before.status) || update(at) !== 1) {
        throw new TransitionRefused(`sale ${id} is ${before.status}; cannot become ${to}`);
      }
      this.#event(id, before.status, to, detail, at);
      append(this.#db, journal(before), { actor, at });
      return this.#mustGet(id);
    }));
  }

  #event(id: number, from: SaleStatus | null, to: SaleStatus, detail: string | null, at: number): void {
    this.#db
      .prepare('INSERT INTO sale_events (sale_id, at, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?)')
      .run(id, at, from, to, detail);
  }

  #mustGet(id: number): StoredSale {
    const sale = this.get(id);
    if (!sale) throw new TransitionRefused(`sale ${id} does not exist`);
    return sale;
  }
}

export class TransitionRefused extends Error {
  override name = 'TransitionRefused';
}

/** The sale's QR pays an account other than the shop's own Bakong ID (as it was when the sale was made). */
export function paidElsewhere(sale: Pick<SaleView, 'bakongId' | 'receivingAccount'>): boolean {
  return sale.receivingAccount !== null && sale.receivingAccount !== sale.bakongId;
}

/**
 * A stored failure reason back as the message it was. What is not a catalog code — the English
 * text of a version before 8, or a code this build does not know — reads as
 * `payment.failedEarlier`: only the POS's own catalog ever reaches a screen.
 */
function failureMessage(row: Pick<SaleRow, 'failure_code' | 'failure_params' | 'failure_reason'>): HostMessage | null {
  if (row.failure_code === null) return row.failure_reason === null ? null : hostMessage('payment.failedEarlier');
  if (!isHostMessageCode(row.failure_code)) return hostMessage('payment.failedEarlier');
  let values: MessageParams | undefined;
  try {
    const parsed: unknown = row.failure_params === null ? undefined : JSON.parse(row.failure_params);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) values = parsed as MessageParams;
  } catch {
    values = undefined;
  }
  return hostMessage(row.failure_code, values);
}

function marks(list: readonly unknown[]): string {
  return list.map(() => '?').join(', ');
}
