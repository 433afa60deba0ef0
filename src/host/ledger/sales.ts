/**
 * The sales ledger, sole writer of the sales, tenders and tender_events tables (schema 17): a sale is
 * the document the customer owes; each attempt to pay it is a tender (a KHQR QR today), whose every
 * status change is a line of tender_events. Each change commits in one transaction with its journal
 * row (journal/journal.ts; these tables are the journal's projection, docs/journal.md). Status
 * changes are conditional updates (`WHERE status IN (...)`), so two parts of the host racing to
 * record the same outcome cannot both win: a tender is recorded paid once, and a paid tender never
 * changes again (the schema's triggers back this up). A sale completes, once, when its paid tenders
 * cover what is due; a tender paid after that is an overpayment, kept and raised to the cashier.
 */
import { businessDay } from '../export/business-date.ts';
import type { DayTotals, SaleStatus, SaleView } from '../../shared/contract.ts';
import { isHostMessageCode, type HostMessage } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import type { Actor, JournalEvent } from './journal/events.ts';
import { append } from './journal/journal.ts';
import { assertMoney, khqrCents, settle, usd, type ChangeChoice, type Money, type Sale as CashSale } from '../../shared/cash/index.ts';
import { countedTenders, dueInBothSql, toSale, toTender, type SaleRow, type StoredSale, type StoredTender, type TenderRow } from './sale-rows.ts';
import { ensureOpenShift } from './shifts.ts';
import { ledgerWrite } from './write-health.ts';

export type { SaleRow, StoredSale, StoredTender, TenderRow };

export interface NewSale {
  /** A dollar sale's amount; `due` instead for a sale keyed in riel. */
  amountCents: number;
  /** What is due, in the currency it was keyed in (defaults to `amountCents` in USD). */
  due?: Money;
  khrPerUsd: number;
  training: boolean;
  merchantName: string;
  bakongId: string;
  apiBaseUrl: string;
}

/** What recording a payment did: the tender paid, its sale after it, and whether that payment completed the sale or came after it was covered. */
export interface RecordedPayment {
  tender: StoredTender;
  sale: StoredSale;
  /** The tender's status when the payment arrived. */
  previousStatus: SaleStatus;
  /** This payment covered what was due: the sale is completed by it (and owes its receipt). */
  completed: boolean;
  /** The sale was already covered: the money is kept and counted, and the cashier is alerted. */
  overpaid: boolean;
}

/** What a cash tender did: the tender, its sale after it, and whether it completed the sale. */
export interface RecordedCashTender {
  tender: StoredTender;
  sale: StoredSale;
  completed: boolean;
  /** The attempt was recorded before (its reply was lost): nothing was written now; `sale` is as it stands. */
  repeated: boolean;
}

/** A cash tender's input: on an open sale (`saleId`) or a new one (`sale`), with the cash screen's attempt id (null: none, as in tests of the arithmetic). */
export type CashTenderInput = (
  | { saleId: number; tender: Money; change?: ChangeChoice }
  | { sale: Omit<NewSale, 'apiBaseUrl'>; tender: Money; change?: ChangeChoice }
) & { attempt?: string | null };

const PENDING: readonly SaleStatus[] = ['creating', 'awaiting_payment'];

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

  /**
   * Opens a sale for the amount due and its first KHQR tender for all of it, `creating`, before the
   * API is asked for its QR. Returns the tender (its sale is `saleId`).
   */
  create(sale: NewSale, actor: Actor = 'cashier'): StoredTender {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const id = this.#openSale(sale, at, actor);
      const due = sale.due ?? usd(sale.amountCents);
      // The USD-only API is asked for the cents, rounded half up for a riel sale (docs/cash.md).
      return this.#openTender(id, khqrCents({ due, khrPerUsd: sale.khrPerUsd }, []), sale.apiBaseUrl, at, actor);
    }));
  }

  /**
   * A cash tender, in dollars or riel, on an open sale (`saleId`) or on a new one (`sale`, opened in
   * the same transaction): written paid at once (`tender.opened` then `tender.paid`). When the paid
   * tenders now cover what is due the sale completes with its change, given as `change` chooses (the
   * default: whole dollars, the rest in riel), and its rounding line (`sale.completed` v2). Refused
   * (AmountError, a catalog message) when the sale is covered already, or the change is over the
   * keying-error limit or does not add up; refused (TransitionRefused) while a QR is pending on the
   * sale or when it is not open. Nothing is written when it is refused.
   *
   * `attempt`: the cash screen's id for this press of Take cash, stored with the tender (unique). A
   * repeat of an attempt already recorded writes nothing and answers with that sale as it stands
   * (`repeated`); the same attempt on another sale or for another amount is refused (AttemptReused).
   */
  tenderCash(input: CashTenderInput, actor: Actor = 'cashier'): RecordedCashTender {
    assertMoney(input.tender);
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const earlier = this.repeatOf(input);
      if (earlier) return earlier;
      const at = this.#now();
      const saleId = 'saleId' in input ? input.saleId : this.#openSale(input.sale, at, actor);
      const sale = this.#saleRow(saleId);
      if (!sale || sale.status !== 'open') throw new TransitionRefused(`sale ${saleId} is not open`);
      const tenders = this.#tenderRows(saleId);
      if (tenders.some((t) => PENDING.includes(t.status))) throw new TransitionRefused(`sale ${saleId} has a tender pending`);
      // Checked before anything is written: a tender after cover, change over the limit, change that
      // does not add up, or change asked for while something is still due is refused.
      settle(dueOf(sale), [...countedTenders(tenders), input.tender], input.change);
      const attempt = input.attempt ?? null;
      const { lastInsertRowid } = this.#db
        .prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, attempt) VALUES (?, 'cash', ?, ?, 'creating', ?, ?, ?)`)
        .run(saleId, input.tender.currency, input.tender.amount, at, at, attempt);
      const id = Number(lastInsertRowid);
      this.#event(id, null, 'creating', null, at);
      append(this.#db, {
        type: 'tender.opened', version: 2,
        payload: { sale: saleId, tender: id, kind: 'cash', currency: input.tender.currency, amount: input.tender.amount, apiBaseUrl: null, attempt },
      }, { actor, at });
      this.#db.prepare(`UPDATE tenders SET status = 'paid', paid_at = ?, updated_at = ? WHERE id = ? AND status = 'creating'`).run(at, at, id);
      this.#event(id, 'creating', 'paid', 'cash', at);
      // Money counts in the shift in which it is journaled (a sale carried over a close opens the next one).
      ensureOpenShift(this.#db, 'late_payment', { actor, at });
      append(this.#db, { type: 'tender.paid', version: 1, payload: { sale: saleId, tender: id, from: 'creating', late: false, overpaid: false } }, { actor, at });
      const completed = this.#completeIfCovered(saleId, { at, late: false, actor, change: input.change });
      return { tender: this.#mustGetTender(id), sale: this.get(saleId)!, completed, repeated: false };
    }));
  }

  /**
   * The cash tender already recorded for this input's attempt, with its sale as it stands now
   * (`repeated`), or null when the attempt is new (or there is none). Throws AttemptReused when the
   * attempt was recorded for another sale, or with another amount or currency: that is not a repeat.
   */
  repeatOf(input: CashTenderInput): RecordedCashTender | null {
    if (input.attempt === undefined || input.attempt === null) return null;
    const row = this.#db.prepare('SELECT * FROM tenders WHERE attempt = ?').get(input.attempt) as TenderRow | undefined;
    if (!row) return null;
    const sale = this.#saleRow(row.sale_id)!;
    const sameMoney = row.currency === input.tender.currency && row.amount === input.tender.amount;
    const sameSale = 'saleId' in input
      ? row.sale_id === input.saleId
      // A new sale's attempt opened it: its first tender, for the same amount due.
      : this.#tenderRows(sale.id)[0]?.id === row.id && sameDue(sale, input.sale.due ?? usd(input.sale.amountCents));
    if (!sameMoney || !sameSale) throw new AttemptReused(`attempt ${input.attempt} was recorded as tender ${row.id} of sale ${row.sale_id}`);
    return { tender: this.#withSale(row), sale: this.get(sale.id)!, completed: false, repeated: true };
  }

  /**
   * The oldest open sale that is partly paid (a counted tender on it, not yet covered): it must be
   * finished or voided before another sale starts, so it is never left behind with cash in the drawer.
   */
  partlyPaid(): StoredSale | null {
    const row = this.#db
      .prepare(`SELECT s.id FROM sales s INDEXED BY sales_by_status WHERE s.status = 'open'
                AND EXISTS (SELECT 1 FROM tenders t WHERE t.sale_id = s.id AND t.status = 'paid' AND t.overpaid = 0) ORDER BY s.id LIMIT 1`)
      .get() as { id: number } | undefined;
    return row ? this.get(row.id) : null;
  }

  /** Inserts an open sale (no tender yet) and journals it, opening a shift first when none is open. */
  #openSale(sale: Omit<NewSale, 'apiBaseUrl'>, at: number, actor: Actor): number {
    const due = sale.due ?? usd(sale.amountCents);
    // The due amount's own rules (positive, within its currency's limit, at least 100 ៛ in riel).
    settle({ due, khrPerUsd: sale.khrPerUsd }, []);
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO sales (due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id, created_at, updated_at)
         VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      )
      .run(due.currency, due.amount, sale.khrPerUsd, sale.training ? 1 : 0, sale.merchantName, sale.bakongId, at, at);
    const id = Number(lastInsertRowid);
    // The first sale while no shift is open opens one, journaled just before the sale (shifts.ts).
    ensureOpenShift(this.#db, 'first_sale', { actor, at });
    append(this.#db, {
      type: 'sale.opened',
      version: 2,
      payload: { sale: id, dueCurrency: due.currency, dueAmount: due.amount, khrPerUsd: sale.khrPerUsd, training: sale.training,
        merchantName: sale.merchantName, bakongId: sale.bakongId },
    }, { actor, at });
    return id;
  }

  /**
   * Completes the sale when its counted tenders cover what is due: its change (as `change` chooses;
   * a KHQR payment asked for Exact leaves none) and its rounding line, in one update and one
   * `sale.completed` v2 row. Any tender still pending on it is cancelled (its QR is no longer needed;
   * the watcher keeps checking it through its grace period).
   */
  #completeIfCovered(saleId: number, how: { at: number; late: boolean; actor: Actor; change?: ChangeChoice }): boolean {
    const sale = this.#saleRow(saleId)!;
    const tenders = this.#tenderRows(saleId);
    const settled = settle(dueOf(sale), countedTenders(tenders), undefined);
    if (!settled.covered) return false;
    const { change, rounding } = how.change === undefined ? settled : settle(dueOf(sale), countedTenders(tenders), how.change);
    this.#db.prepare(`UPDATE sales SET status = 'completed', completed_at = ?, paid_late = ?, change_usd = ?, change_khr = ?, rounding_exact = ?,
                        updated_at = ? WHERE id = ? AND status = 'open'`)
      .run(how.at, how.late ? 1 : 0, change.usd, change.khr, rounding, how.at, saleId);
    append(this.#db, {
      type: 'sale.completed', version: 2,
      payload: { sale: saleId, paidLate: how.late, changeUsd: change.usd, changeKhr: change.khr, rounding },
    }, { actor: how.actor, at: how.at });
    for (const other of tenders.filter((t) => PENDING.includes(t.status))) {
      this.#tryEnd(other.id, 'cancelled', 'the sale was covered by another tender', null, 'system');
    }
    return true;
  }

  /**
   * A new KHQR tender on an open sale for what its paid tenders do not cover yet (New QR after a
   * QR expired, was cancelled or failed): same sale, same number. Refused while one is pending.
   */
  addTender(saleId: number, apiBaseUrl: string, actor: Actor = 'cashier'): StoredTender {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const sale = this.#saleRow(saleId);
      if (!sale || sale.status !== 'open') throw new TransitionRefused(`sale ${saleId} is not open`);
      const tenders = this.#tenderRows(saleId);
      if (tenders.some((t) => PENDING.includes(t.status))) throw new TransitionRefused(`sale ${saleId} has a tender pending`);
      if (settle(dueOf(sale), countedTenders(tenders)).covered) throw new TransitionRefused(`sale ${saleId} is covered`);
      return this.#openTender(saleId, khqrCents(dueOf(sale), countedTenders(tenders)), apiBaseUrl, this.#now(), actor);
    }));
  }

  /** Stores the checked QR (and the account it pays) and moves the tender to awaiting payment. */
  attachQr(tenderId: number, qr: { md5: string; khqrString: string; expiresAt: number; payTo: string }, actor: Actor = 'cashier'): StoredTender {
    const journal = (before: StoredTender): JournalEvent => ({
      type: 'tender.qrIssued',
      version: 1,
      payload: { sale: before.saleId, tender: tenderId, md5: qr.md5, amount: before.amountCents, payTo: qr.payTo, expiresAt: qr.expiresAt, khqrString: qr.khqrString },
    });
    return this.#transition(tenderId, ['creating'], 'awaiting_payment', null, journal, actor, (at) =>
      this.#db
        .prepare(
          `UPDATE tenders SET status = 'awaiting_payment', md5 = ?, khqr_string = ?, expires_at = ?, pay_to = ?, updated_at = ?
           WHERE id = ? AND status = 'creating'`,
        )
        .run(qr.md5, qr.khqrString, qr.expiresAt, qr.payTo, at, tenderId).changes,
    );
  }

  /**
   * Records a tender's payment. Returns null when nothing was recorded (already paid, or not payable
   * from its status), so the caller never announces a second payment. A tender paid after its QR
   * had expired or been cancelled is paid_late. When the sale's paid tenders now cover what is due
   * the sale completes (`sale.completed`), and any tender still pending on it is cancelled (its QR
   * is no longer needed; the watcher keeps checking it through its grace period). A payment on a
   * sale already covered is recorded all the same, as an overpayment. What a payment owes besides
   * (its receipt, an alert) is written by those tables' own modules in the same transaction:
   * see record-payment.ts.
   */
  markPaid(tenderId: number, detail: string, allowedFrom: readonly SaleStatus[] = ['awaiting_payment'], actor: Actor = 'system'): RecordedPayment | null {
    const from: readonly SaleStatus[] = allowedFrom.filter((status) => status !== 'paid');
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const before = this.#tenderRow(tenderId);
      if (!before || !from.includes(before.status)) return null;
      const sale = this.#saleRow(before.sale_id)!;
      const at = this.#now();
      const late = before.status === 'expired' || before.status === 'cancelled';
      const overpaid = sale.status !== 'open';
      const { changes } = this.#db
        .prepare(`UPDATE tenders SET status = 'paid', paid_at = ?, paid_late = ?, overpaid = ?, updated_at = ? WHERE id = ? AND status = ?`)
        .run(at, late ? 1 : 0, overpaid ? 1 : 0, at, tenderId, before.status);
      if (changes !== 1) return null;
      this.#event(tenderId, before.status, 'paid', detail, at);
      // Money counts in the shift in which it is journaled: paid after a close, it opens the next one.
      ensureOpenShift(this.#db, 'late_payment', { actor: 'system', at });
      append(this.#db, { type: 'tender.paid', version: 1, payload: { sale: sale.id, tender: tenderId, from: before.status, late, overpaid } }, { actor, at });
      const completed = !overpaid && this.#completeIfCovered(sale.id, { at, late, actor });
      return { tender: this.#mustGetTender(tenderId), sale: this.get(sale.id)!, previousStatus: before.status, completed, overpaid };
    }));
  }

  markExpired(tenderId: number, detail: string, actor: Actor = 'system'): StoredTender | null {
    return this.#tryEnd(tenderId, 'expired', detail, null, actor);
  }

  markCancelled(tenderId: number, detail: string, actor: Actor = 'cashier'): StoredTender | null {
    return this.#tryEnd(tenderId, 'cancelled', detail, null, actor);
  }

  /**
   * The reason is a catalog message: its code goes in the history and the journal, code and values
   * on the tender. `system` when the POS itself gives up on a tender (at start), else the cashier's charge.
   */
  markFailed(tenderId: number, reason: HostMessage, actor: Actor = 'cashier'): StoredTender | null {
    return this.#tryEnd(tenderId, 'failed', reason.code, reason, actor);
  }

  findByMd5(md5: string): StoredTender | null {
    const row = this.#db.prepare('SELECT * FROM tenders WHERE md5 = ?').get(md5) as TenderRow | undefined;
    return row ? this.#withSale(row) : null;
  }

  /** The sale with its tenders, as the screens see it. */
  get(saleId: number): StoredSale | null {
    const row = this.#saleRow(saleId);
    return row ? toSale(row, this.#tenderRows(saleId)) : null;
  }

  getTender(tenderId: number): StoredTender | null {
    const row = this.#tenderRow(tenderId);
    return row ? this.#withSale(row) : null;
  }

  /** Tenders whose outcome is not known yet (creating or awaiting payment), oldest first. */
  unresolved(): StoredTender[] {
    const rows = this.#db
      .prepare(`SELECT * FROM tenders WHERE status IN ('creating', 'awaiting_payment') ORDER BY id`)
      .all() as TenderRow[];
    return rows.map((row) => this.#withSale(row));
  }

  /**
   * Expired or cancelled KHQR tenders not yet confirmed unpaid after their grace period, whose QR
   * expired after `at`: they are still worth checking for a payment made before expiry.
   */
  endedAwaitingFinalCheck(at: number): StoredTender[] {
    const rows = this.#db
      .prepare(`SELECT * FROM tenders WHERE status IN ('expired', 'cancelled') AND md5 IS NOT NULL
                AND final_check_at IS NULL AND expires_at > ? ORDER BY id`)
      .all(at) as TenderRow[];
    return rows.map((row) => this.#withSale(row));
  }

  /**
   * The payment service answered about the tender's QR. Written after every answer, so a ledger that
   * cannot be written is found while the QR waits, not when its payment arrives.
   */
  markChecked(tenderId: number): void {
    this.#uncountedChanges += ledgerWrite(this.#db, () =>
      this.#db.prepare('UPDATE tenders SET checked_at = ? WHERE id = ?').run(this.#now(), tenderId).changes);
  }

  /**
   * Rows written that change nothing a screen lists (markChecked): the host takes them out of the
   * sales revision, so a QR that merely waits does not make the screens fetch the list again.
   */
  uncountedChanges(): number {
    return this.#uncountedChanges;
  }

  /** The watcher confirmed an ended QR still unpaid after its grace period: it stops checking it. */
  markFinalCheck(tenderId: number): void {
    ledgerWrite(this.#db, () => this.#db
      .prepare(`UPDATE tenders SET final_check_at = ? WHERE id = ? AND status IN ('expired', 'cancelled') AND final_check_at IS NULL`)
      .run(this.#now(), tenderId));
  }

  /**
   * One page of the sales created or completed during the business day containing `at`, newest first
   * (by sale number, so sales made in the same millisecond still page in one fixed order): at most
   * `limit` sales numbered below `before` (all when null). `nextBefore` is what to pass for the
   * next page, null when this page reaches the day's oldest sale.
   */
  dayPage(at: number, before: number | null, limit: number): { sales: StoredSale[]; nextBefore: number | null } {
    const { start, end } = localDay(at);
    // One row more than asked says whether another page exists. The day's sale numbers come from
    // two index ranges (sales_by_created, sales_by_completed), so a page never scans older days:
    // left to itself SQLite walks the table backwards from `before` through the whole ledger's history.
    const rows = this.#db
      .prepare(`SELECT * FROM sales WHERE id IN (
                  SELECT id FROM sales INDEXED BY sales_by_created WHERE created_at >= :start AND created_at < :end AND id < :before
                  UNION ALL
                  SELECT id FROM sales INDEXED BY sales_by_completed WHERE completed_at >= :start AND completed_at < :end AND id < :before)
                ORDER BY id DESC LIMIT :limit`)
      .all({ start, end, before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 }) as SaleRow[];
    const sales = rows.slice(0, limit).map((row) => toSale(row, this.#tenderRows(row.id)));
    return { sales, nextBefore: rows.length > limit ? sales[sales.length - 1]!.id : null };
  }

  /**
   * The takings of the business day (Asia/Phnom_Penh, export/business-date.ts), as the X/Z counts
   * them (report format 8): the real sales completed that day (by when they completed, so one paid
   * after midnight counts on the new day), each once at its amount due in both currencies at its own
   * rate (dueInBothSql) — not the notes handed over, so change is never takings, and a sale still
   * open or voided never is. A sale any of whose covering tenders paid an account other than its
   * Bakong ID is counted apart, so a QR that sends money elsewhere cannot hide in the day's total.
   * An overpayment (a tender paid on a sale already covered, owed back) is counted apart, not in the sums.
   * Summed by SQLite over the day's completed sales (sales_by_completed) in integer arithmetic.
   */
  totals(at: number): DayTotals {
    const { day, start, end } = localDay(at);
    const due = dueInBothSql('s');
    const elsewhere = `EXISTS (SELECT 1 FROM tenders t WHERE t.sale_id = s.id AND t.status = 'paid' AND t.overpaid = 0
                                AND t.pay_to IS NOT NULL AND t.pay_to != s.bakong_id)`;
    const rows = this.#db
      .prepare(`SELECT ${elsewhere} AS elsewhere, COUNT(*) AS count, SUM(${due.cents}) AS cents, SUM(${due.riel}) AS riel
                FROM sales s INDEXED BY sales_by_completed
                WHERE s.completed_at >= ? AND s.completed_at < ? AND s.status = 'completed' AND s.training = 0
                GROUP BY elsewhere`)
      .all(start, end) as Array<{ elsewhere: 0 | 1; count: number; cents: number; riel: number }>;
    const overpaid = this.#db
      .prepare(`SELECT COUNT(*) AS count, coalesce(SUM(CASE WHEN t.currency = 'USD' THEN t.amount ELSE 0 END), 0) AS cents
                FROM tenders t INDEXED BY tenders_by_paid JOIN sales s ON s.id = t.sale_id
                WHERE t.paid_at >= ? AND t.paid_at < ? AND t.status = 'paid' AND t.overpaid = 1 AND s.training = 0`)
      .get(start, end) as { count: number; cents: number };
    const own = rows.find((row) => row.elsewhere === 0);
    const other = rows.find((row) => row.elsewhere === 1);
    return {
      day,
      paidCount: own?.count ?? 0,
      paidCents: own?.cents ?? 0,
      paidRiel: own?.riel ?? 0,
      overpaidCount: overpaid.count,
      overpaidCents: overpaid.cents,
      otherAccountCount: other?.count ?? 0,
      otherAccountCents: other?.cents ?? 0,
    };
  }

  /**
   * A tender's history as it may be shown. A failure's line holds its catalog code; versions before
   * 8 wrote an English reason there (which could quote the API): it stays in the ledger as written,
   * history being append-only, and reads as `payment.failedEarlier`.
   */
  history(tenderId: number): Array<{ at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }> {
    const rows = this.#db
      .prepare('SELECT at, from_status AS "from", to_status AS "to", detail FROM tender_events WHERE tender_id = ? ORDER BY id')
      .all(tenderId) as Array<{ at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }>;
    return rows.map((row) =>
      row.to === 'failed' && row.detail !== null && !isHostMessageCode(row.detail) ? { ...row, detail: 'payment.failedEarlier' } : row,
    );
  }

  #openTender(saleId: number, amountCents: number, apiBaseUrl: string, at: number, actor: Actor): StoredTender {
    const { lastInsertRowid } = this.#db
      .prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, api_base_url, created_at, updated_at)
                VALUES (?, 'khqr', 'USD', ?, 'creating', ?, ?, ?)`)
      .run(saleId, amountCents, apiBaseUrl, at, at);
    const id = Number(lastInsertRowid);
    this.#event(id, null, 'creating', null, at);
    append(this.#db, {
      type: 'tender.opened',
      version: 2,
      payload: { sale: saleId, tender: id, kind: 'khqr', currency: 'USD', amount: amountCents, apiBaseUrl, attempt: null },
    }, { actor, at });
    return this.#mustGetTender(id);
  }

  #tryEnd(tenderId: number, to: 'expired' | 'cancelled' | 'failed', detail: string, reason: HostMessage | null, actor: Actor): StoredTender | null {
    const params = reason?.params ? JSON.stringify(reason.params) : null;
    const journal = (before: StoredTender): JournalEvent => to === 'failed'
      ? { type: 'tender.failed', version: 1, payload: { sale: before.saleId, tender: tenderId, from: before.status, code: reason?.code ?? 'payment.failedEarlier' } }
      : { type: to === 'expired' ? 'tender.expired' : 'tender.cancelled', version: 1, payload: { sale: before.saleId, tender: tenderId, from: before.status } };
    try {
      return this.#transition(tenderId, PENDING, to, detail, journal, actor, (at) =>
        this.#db
          .prepare(`UPDATE tenders SET status = ?, failure_code = COALESCE(?, failure_code),
                      failure_params = CASE WHEN ? IS NULL THEN failure_params ELSE ? END, updated_at = ?
                    WHERE id = ? AND status IN (${marks(PENDING)})`)
          .run(to, reason?.code ?? null, reason?.code ?? null, params, at, tenderId, ...PENDING).changes,
      );
    } catch (error) {
      if (error instanceof TransitionRefused) return null;
      throw error;
    }
  }

  #transition(
    tenderId: number,
    from: readonly SaleStatus[],
    to: SaleStatus,
    detail: string | null,
    journal: (before: StoredTender) => JournalEvent,
    actor: Actor,
    update: (at: number) => number,
  ): StoredTender {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const before = this.#mustGetTender(tenderId);
      const at = this.#now();
      if (!from.includes(before.status) || update(at) !== 1) {
        throw new TransitionRefused(`tender ${tenderId} is ${before.status}; cannot become ${to}`);
      }
      this.#event(tenderId, before.status, to, detail, at);
      append(this.#db, journal(before), { actor, at });
      return this.#mustGetTender(tenderId);
    }));
  }

  #event(tenderId: number, from: SaleStatus | null, to: SaleStatus, detail: string | null, at: number): void {
    this.#db
      .prepare('INSERT INTO tender_events (tender_id, at, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?)')
      .run(tenderId, at, from, to, detail);
  }

  #saleRow(saleId: number): SaleRow | undefined {
    return this.#db.prepare('SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined;
  }

  #tenderRow(tenderId: number): TenderRow | undefined {
    return this.#db.prepare('SELECT * FROM tenders WHERE id = ?').get(tenderId) as TenderRow | undefined;
  }

  #tenderRows(saleId: number): TenderRow[] {
    return this.#db.prepare('SELECT * FROM tenders WHERE sale_id = ? ORDER BY id').all(saleId) as TenderRow[];
  }

  #withSale(row: TenderRow): StoredTender {
    return toTender(row, this.#saleRow(row.sale_id)!);
  }

  #mustGetTender(tenderId: number): StoredTender {
    const tender = this.getTender(tenderId);
    if (!tender) throw new TransitionRefused(`tender ${tenderId} does not exist`);
    return tender;
  }
}

/** What a sale asks for, as the cash arithmetic takes it (shared/cash settle()). */
function dueOf(sale: SaleRow): CashSale {
  return { due: { currency: sale.due_currency, amount: sale.due_amount }, khrPerUsd: sale.khr_per_usd };
}

/**
 * Moves an open sale to `voided`, inside the caller's transaction (sale-voids.ts, which writes the
 * void's row and its journal row beside it): the one place outside SalesLedger that changes a sale,
 * kept here so this module stays the only writer of the sales table. False when the sale was not open.
 */
export function markSaleVoided(db: Db, saleId: number, at: number): boolean {
  return db.prepare(`UPDATE sales SET status = 'voided', updated_at = ? WHERE id = ? AND status = 'open'`).run(at, saleId).changes === 1;
}

export class TransitionRefused extends Error {
  override name = 'TransitionRefused';
}

/** A cash screen's attempt id sent again for another sale or amount (a repeat is the same request). */
export class AttemptReused extends Error {
  override name = 'AttemptReused';
}

function sameDue(sale: SaleRow, due: Money): boolean {
  return sale.due_currency === due.currency && sale.due_amount === due.amount;
}

/** The sale's QR pays an account other than the shop's own Bakong ID (as it was when the sale was made). */
export function paidElsewhere(sale: Pick<SaleView, 'bakongId' | 'receivingAccount'>): boolean {
  return sale.receivingAccount !== null && sale.receivingAccount !== sale.bakongId;
}

function marks(list: readonly unknown[]): string {
  return list.map(() => '?').join(', ');
}
