/**
 * The alerts table, and its only writer: things the cashier must see and acknowledge: a payment
 * that arrived after its QR had expired or been cancelled (paid_late), or on a sale its other tenders
 * had already covered (overpaid: the money is owed back to the customer). An alert is kept until
 * dismissed, across restarts. Raised inside the payment's own transaction (record-payment.ts), so a
 * late payment is never recorded without its alert. Raising and dismissing are journaled with it.
 */
import type { CashierAlert, SaleStatus } from '../../shared/contract.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { formatUsd } from '../../shared/money.ts';
import type { Db } from './database.ts';
import type { AlertKind } from './journal/events.ts';
import { append } from './journal/journal.ts';
import { ledgerWrite } from './write-health.ts';

interface AlertRow {
  id: number;
  kind: AlertKind;
  sale_id: number;
  previous_status: SaleStatus;
  created_at: number;
  /** The paid tender's amount. */
  amount_cents: number;
  /** Its sale's status now: an overpayment on a voided sale says so. */
  sale_status: 'open' | 'completed' | 'voided';
}

/** The alert in the cashier's words: every value in it comes from the ledger. */
function alertMessage(row: AlertRow): HostMessage {
  const params = { sale: row.sale_id, amount: formatUsd(row.amount_cents) };
  if (row.kind === 'overpaid') return hostMessage(row.sale_status === 'voided' ? 'alert.paidAfterVoid' : 'alert.overpaid', params);
  return hostMessage(row.previous_status === 'cancelled' ? 'alert.paidAfterCancel' : 'alert.paidAfterExpiry', params);
}

export class Alerts {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** The sale's tender, which was `previousStatus`, has been paid late, or on a sale already covered. */
  raise(kind: AlertKind, saleId: number, tenderId: number, previousStatus: SaleStatus): void {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const { lastInsertRowid } = this.#db
        .prepare(`INSERT INTO alerts (sale_id, tender_id, kind, previous_status, created_at) VALUES (?, ?, ?, ?, ?)`)
        .run(saleId, tenderId, kind, previousStatus, at);
      append(this.#db, {
        type: 'alert.raised',
        version: 2,
        payload: { alert: Number(lastInsertRowid), sale: saleId, tender: tenderId, kind, previousStatus },
      }, { actor: 'system', at });
    }));
  }

  /** Alerts the cashier has not acknowledged yet, oldest first. */
  open(): CashierAlert[] {
    const rows = this.#db
      .prepare(`SELECT a.id, a.kind, a.sale_id, a.previous_status, a.created_at, t.amount AS amount_cents, s.status AS sale_status
                FROM alerts a JOIN tenders t ON t.id = a.tender_id JOIN sales s ON s.id = a.sale_id WHERE a.dismissed_at IS NULL ORDER BY a.id`)
      .all() as AlertRow[];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      saleId: row.sale_id,
      amountCents: row.amount_cents,
      previousStatus: row.previous_status,
      createdAt: row.created_at,
      message: alertMessage(row),
    }));
  }

  /** Returns false when there is no such open alert. */
  dismiss(id: number): boolean {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const alert = this.#db.prepare('SELECT sale_id FROM alerts WHERE id = ? AND dismissed_at IS NULL').get(id) as { sale_id: number } | undefined;
      if (!alert) return false;
      if (this.#db.prepare('UPDATE alerts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL').run(at, id).changes !== 1) return false;
      append(this.#db, { type: 'alert.dismissed', version: 1, payload: { alert: id, sale: alert.sale_id } }, { actor: 'cashier', at });
      return true;
    }));
  }
}
