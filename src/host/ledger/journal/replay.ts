/**
 * Replaying this till's own rows, downloaded from the back office, into a ledger restored from an
 * older backup (docs/journal.md, "Epochs" — "Continuing the chain"): each row is appended to the
 * journal as it was written (its uuid, actor, time, bytes and hash: the journal's insert guard checks
 * it continues the chain) and to the table it projects into, in one transaction, so the restored till
 * goes on from the back office's head instead of forking, and `ledger verify` passes on the result.
 *
 * Each table is written by its one writer module's own projection code (shifts.ts, cash-movements.ts,
 * sale-voids.ts, refunds.ts, users.ts, config/settings.ts), called here with the row and its payload,
 * on the restore's copy before the POS opens it. Sales and tenders are not folded a second time:
 * each sale touched is re-read from the journal and folded by sale-fold.ts, the verifier's own fold,
 * and its table rows set to what it says. A close's Z report is computed by the close's own function
 * (shifts.ts closingReport) from the rows replayed before it, and must name the anchor, Z number and
 * drawer count its `shift.closed` row journaled — the row's hash covers them — or the replay stops:
 * the stored Z is the one the till stored.
 *
 * Replayed: every type and version the POS writes after its till is made (REPLAYED_ROWS). Not
 * replayed, and named by `replayProblem` so the restore refuses rather than leave tables that
 * disagree with the journal: the rows written only when a till is made or upgraded (`till.created`,
 * `settings.snapshot`, `migrated.*`: a backup holds them), rows of versions written only below the
 * schema a restore accepts (before schema 17: `sale.opened` v1, `sale.qrIssued`/`paid`/`expired`/
 * `cancelled`/`failed`, `alert.raised` v1), and `shift.closed` v1, whose Z the till stored in a
 * report format of before the blind count that this build does not reproduce byte for byte.
 *
 * Not journaled, so not replayed: the print queue's jobs other than receipts printed (a close's Z
 * print, a Z reprint, a refund's or void's receipt, test prints) — the restored till does not print
 * them again; every Z stays in z_reports and can be reprinted.
 */
import type { Db } from '../database.ts';
import { storeSetting } from '../../config/settings.ts';
import { closedCount } from '../../reports/shift-report.ts';
import { projectCashMoved } from '../cash-movements.ts';
import { projectRefundMade } from '../refunds.ts';
import { projectSaleVoided } from '../sale-voids.ts';
import { closingReport, openShift, projectShiftClosed, projectShiftOpened } from '../shifts.ts';
import { projectUserRow } from '../users.ts';
import { foldSale, type FoldedSale } from '../../../shared/reports/sale-fold.ts';
import { canonicalJson } from './canonical.ts';
import type { CashMoved, RefundMade, SaleVoided, SettingsChanged, ShiftClosedV2, ShiftOpened } from './events.ts';
import type { JournalRow } from './journal.ts';

/** Each replayed type and the versions of it this replay reads. */
export const REPLAYED_ROWS: Readonly<Record<string, readonly number[]>> = {
  'sale.opened': [2], 'tender.opened': [1, 2], 'tender.qrIssued': [1], 'tender.paid': [1], 'tender.expired': [1],
  'tender.cancelled': [1], 'tender.failed': [1], 'sale.completed': [1, 2], 'sale.voided': [1], 'refund.made': [1],
  'receipt.printed': [1], 'alert.raised': [2], 'alert.dismissed': [1], 'shift.opened': [1], 'shift.closed': [2], 'cash.moved': [1],
  'shift.counted': [1], 'drawer.opened': [1], 'z.reprinted': [1], 'integrity.failed': [1], 'integrity.acknowledged': [1], 'backup.failed': [1],
  'settings.changed': [1], 'settings.envOverrides': [1], 'ledger.restored': [1],
  'user.created': [1], 'user.roleChanged': [1], 'user.deactivated': [1], 'user.pinReset': [1],
};

const SALE_ROWS = new Set(['sale.opened', 'tender.opened', 'tender.qrIssued', 'tender.paid', 'tender.expired', 'tender.cancelled', 'tender.failed',
  'sale.completed', 'sale.voided']);

/** The first row that cannot be replayed, or null when all can. */
export function replayProblem(rows: readonly Pick<JournalRow, 'seq' | 'type' | 'version'>[]): { seq: number; type: string; version: number } | null {
  const row = rows.find((r) => !REPLAYED_ROWS[r.type]?.includes(r.version));
  return row ? { seq: row.seq, type: row.type, version: row.version } : null;
}

type Payload = Record<string, unknown>;

/** Sets the sales, tenders and tender_events rows of `sale` to what its journal rows now say. */
function projectSale(db: Db, till: string, saleId: number): void {
  const rows = db.prepare('SELECT type, version, at, payload FROM journal INDEXED BY journal_by_sale WHERE till_id = ? AND sale_id = ? ORDER BY seq')
    .all(till, saleId) as Array<{ type: string; version: number; at: number; payload: string }>;
  const sale = foldSale(rows) as FoldedSale;
  const at = rows.at(-1)!.at;
  const s = { ...sale, updated_at: at };
  if (db.prepare('SELECT 1 FROM sales WHERE id = ?').get(saleId) === undefined) {
    db.prepare(`INSERT INTO sales (id, due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id, created_at, updated_at,
                                   completed_at, paid_late, change_usd, change_khr, rounding_exact)
                VALUES (:id, :due_currency, :due_amount, :khr_per_usd, :status, :training, :merchant_name, :bakong_id, :created_at, :updated_at,
                        :completed_at, :paid_late, :change_usd, :change_khr, :rounding_exact)`).run(withoutTenders(s));
  } else {
    db.prepare(`UPDATE sales SET status = :status, updated_at = :updated_at, completed_at = :completed_at, paid_late = :paid_late,
                change_usd = :change_usd, change_khr = :change_khr, rounding_exact = :rounding_exact WHERE id = :id AND status = 'open'`)
      .run({ id: s.id, status: s.status, updated_at: at, completed_at: s.completed_at, paid_late: s.paid_late, change_usd: s.change_usd, change_khr: s.change_khr, rounding_exact: s.rounding_exact });
  }
  for (const tender of sale.tenders.values()) {
    const { events, ...columns } = tender;
    // A tender changes with its own history lines only (a paid one never again): its last line's time.
    const t = { ...columns, sale_id: saleId, updated_at: events.at(-1)?.at ?? at };
    if (db.prepare('SELECT 1 FROM tenders WHERE id = ?').get(tender.id) === undefined) {
      db.prepare(`INSERT INTO tenders (id, sale_id, kind, currency, amount, status, created_at, updated_at, paid_at, paid_late, overpaid,
                                       api_base_url, md5, khqr_string, pay_to, expires_at, failure_code, attempt)
                  VALUES (:id, :sale_id, :kind, :currency, :amount, :status, :created_at, :updated_at, :paid_at, :paid_late, :overpaid,
                          :api_base_url, :md5, :khqr_string, :pay_to, :expires_at, :failure_code, :attempt)`).run(t);
    } else {
      db.prepare(`UPDATE tenders SET status = :status, updated_at = :updated_at, paid_at = :paid_at, paid_late = :paid_late, overpaid = :overpaid,
                  md5 = :md5, khqr_string = :khqr_string, pay_to = :pay_to, expires_at = :expires_at, failure_code = :failure_code WHERE id = :id`)
        .run({ id: t.id, status: t.status, updated_at: t.updated_at, paid_at: t.paid_at, paid_late: t.paid_late, overpaid: t.overpaid, md5: t.md5,
          khqr_string: t.khqr_string, pay_to: t.pay_to, expires_at: t.expires_at, failure_code: t.failure_code });
    }
    const held = (db.prepare('SELECT count(*) AS n FROM tender_events WHERE tender_id = ?').get(tender.id) as { n: number }).n;
    const insert = db.prepare('INSERT INTO tender_events (tender_id, at, from_status, to_status) VALUES (?, ?, ?, ?)');
    for (const event of events.slice(held)) insert.run(tender.id, event.at, event.from, event.to);
  }
}

function withoutTenders(sale: FoldedSale & { updated_at: number }): Omit<FoldedSale, 'tenders'> & { updated_at: number } {
  const { tenders: _tenders, ...columns } = sale;
  return columns;
}

type Projection = (db: Db, row: JournalRow, p: Payload) => void;

/**
 * The table each row type projects into, written by that table's writer module (sales are projected
 * apart); a type not here projects into no table (a count, a drawer opening, a Z reprint, a PIN reset, …).
 */
const PROJECTIONS: Readonly<Record<string, Projection>> = {
  'shift.opened': (db, row, p) => projectShiftOpened(db, row, p as ShiftOpened['payload']),
  'shift.closed': (db, row, p) => replayClose(db, row, p as ShiftClosedV2['payload']),
  'cash.moved': (db, row, p) => projectCashMoved(db, row, p as CashMoved['payload']),
  'sale.voided': (db, row, p) => projectSaleVoided(db, row, p as SaleVoided['payload']),
  'refund.made': (db, row, p) => projectRefundMade(db, row, p as RefundMade['payload']),
  'settings.changed': (db, row, p) => {
    for (const change of (p as SettingsChanged['payload']).changes) storeSetting(db, change.key, change.to, row.at);
  },
  'user.created': (db, row, p) => projectUserRow(db, row, p as { user: string }),
  'user.roleChanged': (db, row, p) => projectUserRow(db, row, p as { user: string }),
  'user.deactivated': (db, row, p) => projectUserRow(db, row, p as { user: string }),
  'alert.raised': (db, row, p) => {
    db.prepare('INSERT INTO alerts (id, sale_id, tender_id, kind, previous_status, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.alert, p.sale, p.tender, p.kind, p.previousStatus, row.at);
  },
  'alert.dismissed': (db, row, p) => {
    db.prepare('UPDATE alerts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL').run(row.at, p.alert);
  },
  'receipt.printed': (db, row, p) => {
    // The job was queued by the payment on the lost PC (the queue is not journaled); it is here as printed.
    const set = db.prepare(`UPDATE print_jobs SET status = ?, attempts = ?, printed_at = ?, updated_at = ?, error_code = NULL, error_params = NULL WHERE id = ?`)
      .run(p.outcome, p.attempts, row.at, row.at, p.job);
    if (set.changes === 0) {
      db.prepare(`INSERT INTO print_jobs (id, sale_id, kind, status, attempts, next_attempt_at, created_at, updated_at, printed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(p.job, p.sale, p.kind, p.outcome, p.attempts, row.at, row.at, row.at, row.at);
    }
  },
};

/** A downloaded row this build cannot project as the till did: the row, and why. */
export class ReplayRefused extends Error {
  override name = 'ReplayRefused';
  readonly seq: number;
  readonly type: string;

  constructor(row: Pick<JournalRow, 'seq' | 'type'>, detail: string) {
    super(detail);
    this.seq = row.seq;
    this.type = row.type;
  }
}

/**
 * A downloaded close: its Z computed as the close computes it, from the rows up to the one before it,
 * must be the one the row journaled (shift, anchor, drawer count; the Z number is the row's own), then
 * stored by the close's own projection. A difference means this build would store another Z than the
 * till did: the replay stops and nothing is written.
 */
function replayClose(db: Db, row: JournalRow, p: ShiftClosedV2['payload']): void {
  const open = openShift(db);
  if (!open || open.shift !== p.shift) {
    throw new ReplayRefused(row, `row ${row.seq} closes shift ${p.shift}, but the open shift is ${open ? String(open.shift) : 'none'}`);
  }
  const report = closingReport(db, open, p.zNumber, row.at, row.seq - 1);
  if (report.anchor.seq !== p.lastSeq || report.anchor.hash16 !== p.headHash16 || canonicalJson(closedCount(report)) !== canonicalJson(p.count)) {
    throw new ReplayRefused(row, `row ${row.seq} closes shift ${p.shift} as ${p.zNumber} at ${p.lastSeq}:${p.headHash16}, but its Z recomputed here ends at ${report.anchor.seq}:${report.anchor.hash16} with another drawer count`);
  }
  projectShiftClosed(db, row, p, report);
}

/**
 * Appends `rows` (this till's, continuing its journal's head, each checked by the caller: hash, link,
 * epoch) and projects them, in one transaction. Throws when a row cannot be replayed (check
 * `replayProblem` first) or a table's guard refuses it; then nothing is written.
 */
export function replayRows(db: Db, rows: readonly JournalRow[]): void {
  const problem = replayProblem(rows);
  if (problem) throw new ReplayRefused(problem, `row ${problem.seq} (${problem.type} v${problem.version}) cannot be replayed`);
  const insert = db.prepare(`INSERT INTO journal (till_id, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash)
                             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const row of rows) {
      insert.run(row.tillId, row.epoch, row.seq, row.uuid, row.actor, row.at, row.type, row.version, row.payload, row.prevHash, row.hash);
      const p = JSON.parse(row.payload) as Payload;
      // A void is a sale row (the sale goes voided) with a table of its own (sale_voids).
      if (SALE_ROWS.has(row.type)) projectSale(db, row.tillId, p.sale as number);
      PROJECTIONS[row.type]?.(db, row, p);
    }
  })();
}
