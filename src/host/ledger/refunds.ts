/**
 * Refunds, sole writer of the refunds table (migration 018): money given back on a completed sale, in
 * full or in part, each refund one currency, in cash or recorded as returned by bank transfer with
 * the reference the cashier typed (the KHQR API cannot send money back: the shop does it from its own
 * bank app). The refund's row and its `refund.made` journal row commit in one transaction; the sale
 * itself never changes.
 *
 * The cap: what the sale's paid tenders brought in (late and overpaid ones too: an overpayment is what
 * a refund gives back) less the refunds already made, compared in the exact common unit of the cash
 * arithmetic (riel × 100 = cents × rate, the sale's own rate: docs/cash.md), so a refund in riel of a
 * dollar sale, or the other way round, is capped exactly, integers only. The change given on a cash
 * sale (`change_usd`, `change_khr`, migration 019) comes off what was paid: a $10.25 sale paid with a
 * $20 note and given $9.75 back can be refunded $10.25, never $20.
 * docs/journal.md, "Voids and refunds".
 */
import { toExact, type Currency } from '../../shared/cash/index.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { MAX_CASH_CENTS, MAX_CASH_RIEL, RIEL_STEP } from '../../shared/rules/cash.ts';
import { isRefundAmount, isRefundReference, REFUND_REFERENCE_MAX_CHARS, type RefundMethod } from '../../shared/rules/refund.ts';
import type { Db } from './database.ts';
import type { Actor, RefundMade } from './journal/events.ts';
import { append } from './journal/journal.ts';
import { cleanRefundReason, RefundRefused } from './sale-voids.ts';
import { ensureOpenShift } from './shifts.ts';
import { ledgerWrite } from './write-health.ts';

export interface Refund {
  id: number;
  saleId: number;
  shift: number;
  currency: Currency;
  amount: number;
  method: RefundMethod;
  reference: string | null;
  reason: string;
  training: boolean;
  actor: Actor;
  approver: Actor;
  at: number;
  seq: number;
}

export interface NewRefund {
  saleId: number;
  currency: Currency;
  amount: number;
  method: RefundMethod;
  /** A bank transfer's reference as typed; null for cash. */
  reference: string | null;
  reason: string;
}

/** What is left to refund on a sale: exactly (common unit), and as the most that can be given in each currency. */
export interface Refundable {
  exact: number;
  /** Whole cents, rounded down. */
  usd: number;
  /** Whole riel, rounded down. */
  khr: number;
  /** Whole hundreds of riel, rounded down: the most in riel notes. */
  khrCash: number;
}

interface RefundRow {
  id: number; sale_id: number; shift: number; currency: Currency; amount: number; method: RefundMethod; reference: string | null;
  reason: string; training: number; actor: Actor; approver: Actor; at: number; seq: number;
}

const toRefund = (row: RefundRow): Refund => ({
  id: row.id, saleId: row.sale_id, shift: row.shift, currency: row.currency, amount: row.amount, method: row.method, reference: row.reference,
  reason: row.reason, training: row.training === 1, actor: row.actor, approver: row.approver, at: row.at, seq: row.seq,
});

function assertAmount(input: NewRefund): void {
  if (isRefundAmount(input.currency, input.method, input.amount)) return;
  if (input.currency === 'USD') throw new RefundRefused('invalid_amount', hostMessage('refund.amountUsd', { max: formatUsd(MAX_CASH_CENTS) }));
  throw new RefundRefused('invalid_amount', hostMessage(input.method === 'cash' ? 'refund.amountKhrCash' : 'refund.amountKhr', { max: formatRiel(MAX_CASH_RIEL) }));
}

function cleanReference(input: NewRefund): string | null {
  if (input.method === 'cash') return null;
  const text = typeof input.reference === 'string' ? input.reference.trim() : '';
  if (!isRefundReference(text)) throw new RefundRefused('invalid_request', hostMessage('refund.reference', { max: REFUND_REFERENCE_MAX_CHARS }));
  return text;
}

/**
 * The refunds row of a `refund.made` row: written here by the refund, and by the restore's replay of
 * a downloaded row (journal/replay.ts). The actor as journaled (a `cashier` resolved to the user).
 */
export function projectRefundMade(db: Db, row: { seq: number; actor: Actor; at: number }, p: RefundMade['payload']): void {
  db.prepare(`INSERT INTO refunds (id, sale_id, shift, currency, amount, method, reference, reason, training, actor, approver, at, seq)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(p.refund, p.sale, p.shift, p.currency, p.amount, p.method, p.reference, p.reason, p.training ? 1 : 0, row.actor, p.approver, row.at, row.seq);
}

export class Refunds {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** What is left to refund on completed sale `saleId` (null when there is no such sale). */
  refundable(saleId: number): Refundable | null {
    const sale = this.#db.prepare('SELECT khr_per_usd FROM sales WHERE id = ?').get(saleId) as { khr_per_usd: number } | undefined;
    if (!sale) return null;
    const rate = sale.khr_per_usd;
    const exact = this.#paidExact(saleId, rate) - this.forSale(saleId).reduce((sum, r) => sum + toExact(r, rate), 0);
    const khr = Math.floor(exact / 100);
    return { exact, usd: Math.floor(exact / rate), khr, khrCash: khr - (khr % RIEL_STEP) };
  }

  /**
   * Makes a refund of completed sale `saleId`, capped at what is left to refund. `by.training`: the
   * till's mode, which must be the sale's (a training sale is refunded in training, never counted).
   */
  make(input: NewRefund, by: { actor: Actor; approver: Actor; training: boolean }): Refund {
    assertAmount(input);
    const reference = cleanReference(input);
    const reason = cleanRefundReason(input.reason);
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const saleId = input.saleId;
      const sale = this.#db.prepare('SELECT status, training, khr_per_usd FROM sales WHERE id = ?').get(saleId) as { status: string; training: number; khr_per_usd: number } | undefined;
      if (!sale) throw new RefundRefused('not_found', hostMessage('refund.noSuchSale', { saleId }));
      if (sale.status !== 'completed') throw new RefundRefused('not_allowed', hostMessage('refund.notCompleted', { saleId }));
      if ((sale.training === 1) !== by.training) throw new RefundRefused('not_allowed', hostMessage('refund.trainingMismatch', { saleId }));
      const left = this.refundable(saleId)!;
      if (left.exact <= 0) throw new RefundRefused('not_allowed', hostMessage('refund.nothingLeft', { saleId }));
      if (toExact(input, sale.khr_per_usd) > left.exact) {
        throw new RefundRefused('not_allowed', hostMessage('refund.overCap', { saleId, usd: formatUsd(left.usd), khr: formatRiel(input.method === 'cash' ? left.khrCash : left.khr) }));
      }
      const at = this.#now();
      const shift = ensureOpenShift(this.#db, 'explicit', { actor: by.actor, at })!;
      const id = ((this.#db.prepare('SELECT MAX(id) AS id FROM refunds').get() as { id: number | null }).id ?? 0) + 1;
      const training = sale.training === 1;
      const payload = { refund: id, sale: saleId, shift: shift.shift, currency: input.currency, amount: input.amount, method: input.method, reference, reason, training, approver: by.approver };
      const row = append(this.#db, { type: 'refund.made', version: 1, payload }, { actor: by.actor, at });
      projectRefundMade(this.#db, row, payload);
      return this.get(id)!;
    }));
  }

  get(id: number): Refund | null {
    const row = this.#db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;
    return row ? toRefund(row) : null;
  }

  forSale(saleId: number): Refund[] {
    return (this.#db.prepare('SELECT * FROM refunds WHERE sale_id = ? ORDER BY id').all(saleId) as RefundRow[]).map(toRefund);
  }

  /** What the sale's paid tenders brought in less the change given back, in the common unit at its rate. */
  #paidExact(saleId: number, rate: number): number {
    const paid = this.#db.prepare(`SELECT currency, amount FROM tenders WHERE sale_id = ? AND status = 'paid'`).all(saleId) as Array<{ currency: Currency; amount: number }>;
    const change = this.#db.prepare('SELECT change_usd, change_khr FROM sales WHERE id = ?').get(saleId) as { change_usd: number; change_khr: number };
    const given = toExact({ currency: 'USD', amount: change.change_usd }, rate) + toExact({ currency: 'KHR', amount: change.change_khr }, rate);
    return paid.reduce((sum, t) => sum + toExact(t, rate), 0) - given;
  }
}
