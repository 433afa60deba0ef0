/**
 * Voids, sole writer of the sale_voids table (migration 018): a sale abandoned after cash was
 * tendered. The void's row, the sale's move `open → voided` (sales.ts markSaleVoided) and the
 * `sale.voided` journal row commit in one transaction. What goes back to the customer is the cash
 * tendered on the sale, per currency — computed from its paid cash tenders, never typed.
 *
 * Refused in catalog words: a sale that is not open (a paid one is refunded), one with no cash paid
 * (cancel it: no PIN), one with a KHQR payment (finish it and refund it: the KHQR money cannot be given
 * back in cash here without a record of it), one whose QR still waits. The approver is checked by the
 * caller (host.ts, the PIN approval) and recorded with the actor. docs/journal.md, "Voids and refunds".
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { isRefundReason, REFUND_REASON_MAX_CHARS } from '../../shared/rules/refund.ts';
import type { Db } from './database.ts';
import type { Actor, SaleVoided as SaleVoidedEvent } from './journal/events.ts';
import { append } from './journal/journal.ts';
import type { TenderRow } from './sale-rows.ts';
import { markSaleVoided } from './sales.ts';
import { ensureOpenShift } from './shifts.ts';
import { ledgerWrite } from './write-health.ts';

export interface SaleVoid {
  id: number;
  saleId: number;
  shift: number;
  returnedUsd: number;
  returnedKhr: number;
  reason: string;
  training: boolean;
  actor: Actor;
  approver: Actor;
  at: number;
  seq: number;
}

interface SaleVoidRow {
  id: number; sale_id: number; shift: number; returned_usd: number; returned_khr: number; reason: string;
  training: number; actor: Actor; approver: Actor; at: number; seq: number;
}

/** A void or refund the POS refuses, in words (shared/messages/refunds.ts). */
export class RefundRefused extends PosError {
  override name = 'RefundRefused';
}

/** A reason as typed, trimmed and checked (the text itself is never repeated in the refusal). */
export function cleanRefundReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!isRefundReason(text)) throw new RefundRefused('invalid_request', hostMessage('refund.reason', { max: REFUND_REASON_MAX_CHARS }));
  return text;
}

const toVoid = (row: SaleVoidRow): SaleVoid => ({
  id: row.id, saleId: row.sale_id, shift: row.shift, returnedUsd: row.returned_usd, returnedKhr: row.returned_khr, reason: row.reason,
  training: row.training === 1, actor: row.actor, approver: row.approver, at: row.at, seq: row.seq,
});

/**
 * The sale_voids row of a `sale.voided` row (the sale's own move to voided is its fold's: sales.ts):
 * written here by the void, and by the restore's replay of a downloaded row (journal/replay.ts). The
 * actor as journaled (a `cashier` resolved to the user).
 */
export function projectSaleVoided(db: Db, row: { seq: number; actor: Actor; at: number }, p: SaleVoidedEvent['payload']): void {
  db.prepare(`INSERT INTO sale_voids (id, sale_id, shift, returned_usd, returned_khr, reason, training, actor, approver, at, seq)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(p.void, p.sale, p.shift, p.returnedUsd, p.returnedKhr, p.reason, p.training ? 1 : 0, row.actor, p.approver, row.at, row.seq);
}

export class SaleVoids {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Voids open sale `saleId`, giving back the cash tendered on it. */
  void(input: { saleId: number; reason: string }, by: { actor: Actor; approver: Actor }): SaleVoid {
    const reason = cleanRefundReason(input.reason);
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const saleId = input.saleId;
      const sale = this.#db.prepare('SELECT status, training FROM sales WHERE id = ?').get(saleId) as { status: string; training: number } | undefined;
      if (!sale) throw new RefundRefused('not_found', hostMessage('void.noSuchSale', { saleId }));
      if (sale.status !== 'open') throw new RefundRefused('not_allowed', hostMessage('void.notOpen', { saleId }));
      const tenders = this.#db.prepare('SELECT * FROM tenders WHERE sale_id = ? ORDER BY id').all(saleId) as TenderRow[];
      if (tenders.some((t) => t.status === 'creating' || t.status === 'awaiting_payment')) throw new RefundRefused('not_allowed', hostMessage('void.qrPending', { saleId }));
      const paid = tenders.filter((t) => t.status === 'paid');
      if (paid.some((t) => t.kind !== 'cash')) throw new RefundRefused('not_allowed', hostMessage('void.khqrPaid', { saleId }));
      if (paid.length === 0) throw new RefundRefused('not_allowed', hostMessage('void.noCash', { saleId }));
      const returned = (currency: string): number => paid.filter((t) => t.currency === currency).reduce((sum, t) => sum + t.amount, 0);
      const at = this.#now();
      const shift = ensureOpenShift(this.#db, 'explicit', { actor: by.actor, at })!;
      const id = ((this.#db.prepare('SELECT MAX(id) AS id FROM sale_voids').get() as { id: number | null }).id ?? 0) + 1;
      const training = sale.training === 1;
      const payload = { sale: saleId, void: id, shift: shift.shift, returnedUsd: returned('USD'), returnedKhr: returned('KHR'), reason, training, approver: by.approver };
      if (!markSaleVoided(this.#db, saleId, at)) throw new RefundRefused('not_allowed', hostMessage('void.notOpen', { saleId }));
      const row = append(this.#db, { type: 'sale.voided', version: 1, payload }, { actor: by.actor, at });
      projectSaleVoided(this.#db, row, payload);
      return this.get(id)!;
    }));
  }

  get(id: number): SaleVoid | null {
    const row = this.#db.prepare('SELECT * FROM sale_voids WHERE id = ?').get(id) as SaleVoidRow | undefined;
    return row ? toVoid(row) : null;
  }

  forSale(saleId: number): SaleVoid | null {
    const row = this.#db.prepare('SELECT * FROM sale_voids WHERE sale_id = ?').get(saleId) as SaleVoidRow | undefined;
    return row ? toVoid(row) : null;
  }
}
