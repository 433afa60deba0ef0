/**
 * Voids and refunds as the screens ask for them (docs/journal.md, "Voids and refunds"): the Refund
 * screen's search of completed sales, a refund, a void. Each document and its receipt's print job are
 * committed in one transaction (write before print), then the receipt is printed, and cash given back
 * opens the drawer — never in training, never for a bank transfer (the KHQR API cannot send money
 * back: the shop transfers it from its own bank app, and the cashier records the reference).
 *
 * Approval: an owner's or a manager's PIN, never a cashier's (`APPROVER_ROLES`). The caller checks
 * the PIN (the auth work's `approve`) and passes who approved and their role; a role that may not
 * approve is refused here too, whatever the caller checked.
 */
import type { Currency, DrawerKickResult, RefundSearchPage, RefundView, RefundableSale, ReturnDone } from '../shared/contract.ts';
import { PosError } from '../shared/errors.ts';
import { hostMessage } from '../shared/messages/index.ts';
import { APPROVER_ROLES, type ApproverRole } from '../shared/rules/refund.ts';
import { businessDate, businessDay } from './export/business-date.ts';
import type { Db } from './ledger/database.ts';
import type { Actor } from './ledger/journal/events.ts';
import { saleEpoch } from './ledger/journal/journal.ts';
import type { PrintJobs } from './ledger/print-jobs.ts';
import { Refunds, type NewRefund, type Refund } from './ledger/refunds.ts';
import { RefundRefused, SaleVoids } from './ledger/sale-voids.ts';
import { ledgerWrite } from './ledger/write-health.ts';
import { receiptNumber, returnNumber } from './printing/receipt-data.ts';

/** Who approved: the journal actor of the owner or manager whose PIN was checked, and their role. */
export interface Approval {
  approver: Actor;
  role: ApproverRole | 'cashier';
}

export const SEARCH_PAGE_SIZE = 20;

export interface ReturnsDeps {
  db: Db;
  now: () => number;
  printJobs: PrintJobs;
  tillCode: string;
  /** The till is in training mode now. */
  training: () => boolean;
  /** Kicks the drawer for cash given back (`training`: nothing is sent). */
  kick: (why: string, training: boolean) => Promise<DrawerKickResult>;
  /** The receipt job was committed: print it. */
  printQueued: () => void;
  onChange: () => void;
}

function assertApprover(approval: Approval): void {
  if (!(APPROVER_ROLES as readonly string[]).includes(approval.role)) throw new PosError('not_allowed', hostMessage('approval.notApprover'));
}

const money = (text: string): { currency: Currency; amount: number } | null => {
  const usd = /^\$?\s*(0|[1-9][0-9]{0,6})(?:\.([0-9]{1,2}))?$/.exec(text);
  if (usd && (text.includes('$') || text.includes('.'))) return { currency: 'USD', amount: Number(usd[1]) * 100 + Number((usd[2] ?? '').padEnd(2, '0')) };
  const riel = /^([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)\s*(?:៛|r|riel|khr)$/i.exec(text);
  if (riel) return { currency: 'KHR', amount: Number(riel[1]!.replace(/,/g, '')) };
  return null;
};

export class Returns {
  readonly #deps: ReturnsDeps;
  readonly #refunds: Refunds;
  readonly #voids: SaleVoids;

  constructor(deps: ReturnsDeps) {
    this.#deps = deps;
    this.#refunds = new Refunds(deps.db, deps.now);
    this.#voids = new SaleVoids(deps.db, deps.now);
  }

  /**
   * Completed sales by receipt number (`K7QX2M-12`, or just `12`), business date (`YYYY-MM-DD`) or
   * amount due (`$10.25`, `10.25`, `42,000៛`) on `date` (default today), newest first, a page at a time.
   */
  search(args: { query: string; date?: string; before?: number }): RefundSearchPage {
    const query = args.query.trim();
    const before = args.before ?? Number.MAX_SAFE_INTEGER;
    const refundNumber = /^(?:[0-9A-Z]{4,8}-)?(?:[1-9][0-9]*-)?R([1-9][0-9]*)$/i.exec(query);
    if (refundNumber) throw new RefundRefused('not_allowed', hostMessage('refund.ofRefund', { number: query.toUpperCase() }));
    const receipt = /^(?:([0-9A-Z]{4,8})-)?(?:([1-9][0-9]*)-)?#?([1-9][0-9]{0,14})$/i.exec(query);
    if (receipt) {
      const [, code, epoch, id] = receipt;
      const saleId = Number(id);
      const mine = (code === undefined || code.toUpperCase() === this.#deps.tillCode) && (epoch === undefined || Number(epoch) === saleEpoch(this.#deps.db, saleId));
      const ids = mine ? this.#ids('SELECT id FROM sales WHERE id = ? AND status = ?', saleId, 'completed') : [];
      return { sales: ids.map((sale) => this.#refundable(sale)), nextBefore: null, businessDate: null };
    }
    const day = /^\d{4}-\d{2}-\d{2}$/.test(query) ? query : (args.date ?? businessDate(this.#deps.now()));
    const range = this.#day(day);
    const amount = query === day ? null : money(query);
    if (!range || (query !== day && !amount)) throw new RefundRefused('invalid_request', hostMessage('refund.searchQuery', { example: `${this.#deps.tillCode}-12` }));
    const ids = amount
      ? this.#ids(`SELECT id FROM sales INDEXED BY sales_by_completed WHERE completed_at >= ? AND completed_at < ? AND id < ? AND due_currency = ? AND due_amount = ?
                   ORDER BY id DESC LIMIT ?`, range.start, range.end, before, amount.currency, amount.amount, SEARCH_PAGE_SIZE + 1)
      : this.#ids(`SELECT id FROM sales INDEXED BY sales_by_completed WHERE completed_at >= ? AND completed_at < ? AND id < ? ORDER BY id DESC LIMIT ?`,
        range.start, range.end, before, SEARCH_PAGE_SIZE + 1);
    const page = ids.slice(0, SEARCH_PAGE_SIZE);
    return { sales: page.map((sale) => this.#refundable(sale)), nextBefore: ids.length > SEARCH_PAGE_SIZE ? page.at(-1)! : null, businessDate: day };
  }

  /** A refund, approved; its receipt printed, and the drawer opened for cash. */
  async refund(input: NewRefund, by: { actor: Actor; approval: Approval }): Promise<ReturnDone> {
    assertApprover(by.approval);
    const training = this.#deps.training();
    const { refund, job } = ledgerWrite(this.#deps.db, this.#deps.db.transaction(() => {
      const made = this.#refunds.make(input, { actor: by.actor, approver: by.approval.approver, training });
      return { refund: made, job: this.#deps.printJobs.addReturn('refund', made.id) };
    }));
    this.#deps.printQueued();
    this.#deps.onChange();
    const drawer = refund.method === 'cash' ? await this.#deps.kick(`cash refund ${refund.id} of sale ${refund.saleId}`, refund.training || training) : null;
    return {
      kind: 'refund', number: this.#number('refund', refund.id, refund.seq), saleId: refund.saleId,
      returned: [{ currency: refund.currency, amount: refund.amount }], method: refund.method, printJob: job, drawer,
    };
  }

  /** A void of an open sale after cash was tendered, approved; its receipt printed, and the drawer opened to give the cash back. */
  async void(input: { saleId: number; reason: string }, by: { actor: Actor; approval: Approval }): Promise<ReturnDone> {
    assertApprover(by.approval);
    const { voided, job } = ledgerWrite(this.#deps.db, this.#deps.db.transaction(() => {
      const made = this.#voids.void(input, { actor: by.actor, approver: by.approval.approver });
      return { voided: made, job: this.#deps.printJobs.addReturn('void', made.id) };
    }));
    this.#deps.printQueued();
    this.#deps.onChange();
    const returned = [{ currency: 'USD' as const, amount: voided.returnedUsd }, { currency: 'KHR' as const, amount: voided.returnedKhr }].filter((m) => m.amount > 0);
    // The drawer opens only to give cash back (a void of a sale whose QR ended unpaid gives none).
    const drawer = returned.length > 0 ? await this.#deps.kick(`void ${voided.id} of sale ${voided.saleId}`, voided.training || this.#deps.training()) : null;
    return { kind: 'void', number: this.#number('void', voided.id, voided.seq), saleId: voided.saleId, returned, method: 'cash', printJob: job, drawer };
  }

  #day(day: string): { start: number; end: number } | null {
    const start = Date.parse(`${day}T00:00:00+07:00`);
    if (!Number.isFinite(start) || businessDate(start) !== day) return null;
    const { end } = businessDay(start);
    return { start, end };
  }

  #ids(sql: string, ...params: unknown[]): number[] {
    return (this.#deps.db.prepare(sql).pluck().all(...params) as number[]);
  }

  #number(kind: 'refund' | 'void', id: number, seq: number): string {
    const epoch = (this.#deps.db.prepare('SELECT epoch FROM journal WHERE till_id = (SELECT id FROM till) AND seq = ?').pluck().get(seq) as number | undefined) ?? 1;
    return returnNumber(this.#deps.tillCode, kind, id, epoch);
  }

  #refundable(saleId: number): RefundableSale {
    const db = this.#deps.db;
    const sale = db.prepare('SELECT * FROM sales WHERE id = ?').get(saleId) as { due_currency: Currency; due_amount: number; khr_per_usd: number; training: number; completed_at: number };
    const paid = db.prepare(`SELECT kind, currency, amount FROM tenders WHERE sale_id = ? AND status = 'paid' ORDER BY id`).all(saleId) as RefundableSale['paid'];
    const left = this.#refunds.refundable(saleId)!;
    return {
      saleId, receiptNumber: receiptNumber(this.#deps.tillCode, saleId, saleEpoch(db, saleId)), completedAt: sale.completed_at,
      dueCurrency: sale.due_currency, dueAmount: sale.due_amount, khrPerUsd: sale.khr_per_usd, training: sale.training === 1, paid,
      refunds: this.#refunds.forSale(saleId).map((r) => this.#refundView(r)),
      left: { usd: Math.max(0, left.usd), khr: Math.max(0, left.khr), khrCash: Math.max(0, left.khrCash) },
    };
  }

  #refundView(r: Refund): RefundView {
    return { id: r.id, number: this.#number('refund', r.id, r.seq), saleId: r.saleId, currency: r.currency, amount: r.amount, method: r.method, reference: r.reference, reason: r.reason, training: r.training, at: r.at };
  }
}
