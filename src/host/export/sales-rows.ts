/**
 * The sales an export reads, one row at a time: a read-only SELECT over the `sales` table, walked
 * with better-sqlite3's iterate() so a year of sales is never held in memory. One statement reads
 * the whole range, so the export sees one consistent snapshot of the ledger (WAL) even while the
 * POS keeps selling; its connection is busy until the walk ends, so give the export a connection of
 * its own (the ledger CLI opens one read-only).
 */
import type { Db } from '../ledger/database.ts';
import { foldSales, SALE_ROW_TYPES_SQL, type SaleJournalRow } from '../../shared/reports/sale-fold.ts';
import { exportStatus, paidElsewhere, type ExportSaleRow } from '../../shared/export/sale-row.ts';
import { SHIFT_SALE_ROW_TYPES, saleState } from '../reports/shift-report.ts';
import type { BusinessDateRange } from './business-date.ts';
import { approvedAccountByTime } from '../reports/close-report.ts';
import { dueInBothSql } from '../ledger/sale-rows.ts';

export { paidElsewhere, type ExportSaleRow };

/** The ledger's till code, if it has a till (schema 13 on, after the first start). */
function tillCode(db: Db): string | null {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'till'").get()) return null;
  return (db.prepare('SELECT code FROM till LIMIT 1').get() as { code: string } | undefined)?.code ?? null;
}

/**
 * The epoch of each sale's first journal row, as receipt-data.ts prints it (1 on a ledger without a
 * journal yet), looked up through the journal's per-sale index.
 */
function epochColumn(db: Db): string {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").get()) return '1 AS epoch';
  return `coalesce((SELECT j.epoch FROM journal j INDEXED BY journal_by_sale
                    WHERE j.till_id = (SELECT id FROM till LIMIT 1) AND j.sale_id = sales.id ORDER BY j.seq LIMIT 1), 1) AS epoch`;
}

/**
 * A sale's refunds and void (schema 18; 0 on an older ledger): every refund made, or in an export by Z
 * those journaled up to the shift's last row (`toSeq`), as the Z counts them.
 */
function returnColumns(db: Db, toSeq: number | null): string {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'refunds'").get()) {
    return '0 AS refund_count, 0 AS refunded_cents, 0 AS refunded_riel, 0 AS voided';
  }
  const upTo = toSeq === null ? '' : ` AND r.seq <= ${String(Math.trunc(toSeq))}`;
  return `(SELECT count(*) FROM refunds r WHERE r.sale_id = sales.id${upTo}) AS refund_count,
    (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = sales.id AND r.currency = 'USD'${upTo}) AS refunded_cents,
    (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = sales.id AND r.currency = 'KHR'${upTo}) AS refunded_riel,
    EXISTS (SELECT 1 FROM sale_voids r WHERE r.sale_id = sales.id${upTo}) AS voided`;
}

/**
* The export's columns of a sale: its own, those of its shown tender (sale-rows.ts currentTender:
 * the paid tender that completed it, else its newest) and its tender counts, in one pass over its
 * tenders (tenders_by_sale): grouped by sale, `max()` picks the shown tender and SQLite takes the
 * group's bare columns (x.status, x.pay_to, …) from that row (documented for a lone min/max).
 * `where` selects the sales, `order` orders them; the outer SELECT drops the pick's key.
 */
function exportSelect(db: Db, where: string, order: string, refundsUpTo: number | null): string {
  return `SELECT id, currency, amount_cents, amount_riel, change_usd, change_khr, rounding_exact, khr_per_usd, status, training, merchant_name, bakong_id, pay_to, md5, created_at, paid_at,
      paid_late, failure_code, tenders, overpaid_count, overpaid_cents, till_code, epoch, refund_count, refunded_cents, refunded_riel, voided
    FROM (SELECT sales.id, sales.due_currency AS currency,
      ${DUE.cents} AS amount_cents, ${DUE.riel} AS amount_riel,
      sales.change_usd, sales.change_khr, sales.rounding_exact, sales.khr_per_usd,
      -- shared/export/sale-row.ts exportStatus, in SQL
      CASE WHEN sales.status = 'completed' THEN 'paid' WHEN sales.status = 'voided' THEN 'voided'
           WHEN x.status = 'paid' THEN 'partly_paid' ELSE x.status END AS status, sales.training, sales.merchant_name,
      sales.bakong_id, x.pay_to, x.md5, sales.created_at, sales.completed_at AS paid_at, sales.paid_late, x.failure_code,
      count(*) AS tenders, sum(x.overpaid) AS overpaid_count, sum(x.amount * x.overpaid) AS overpaid_cents,
      max((sales.status = 'completed' AND x.status = 'paid' AND x.overpaid = 0) * ${SHOWN_FIRST} + x.id) AS shown,
      :till AS till_code, ${epochColumn(db)}, ${returnColumns(db, refundsUpTo)}
    FROM sales JOIN tenders x INDEXED BY tenders_by_sale ON x.sale_id = sales.id ${where} GROUP BY sales.id) ORDER BY ${order}`;
}

const DUE = dueInBothSql('sales');

/** Above any tender number: the covering paid tender outranks every other in the pick of the shown one. */
const SHOWN_FIRST = 2 ** 40;

/**
 * The sales whose business date (business-date.ts saleBusinessDate) is in the range: completed in it,
 * or not completed and created in it; in the order they were made (by sale number). The two index ranges give
 * sale numbers only (a set of integers), and the rows are read in rowid order: no sort of whole rows.
 */
export function* saleRows(db: Db, range: Pick<BusinessDateRange, 'start' | 'end'>): Generator<ExportSaleRow, void, undefined> {
  const statement = db.prepare(
    exportSelect(
      db,
      `WHERE sales.id IN (
         SELECT id FROM sales INDEXED BY sales_by_completed WHERE completed_at >= :start AND completed_at < :end
         UNION ALL
         SELECT id FROM sales INDEXED BY sales_by_created WHERE created_at >= :start AND created_at < :end AND completed_at IS NULL)`,
      'id',
      null,
    ),
  );
  const approvedAt = approvedAccountByTime(db);
  for (const row of statement.iterate({ start: range.start, end: range.end, till: tillCode(db) }) as IterableIterator<ExportSaleRow>) {
    row.approved_account = row.paid_at === null ? null : approvedAt(row.paid_at);
    yield row;
  }
}

/** A closed shift's journal range, as its Z report states it. */
export interface ShiftSeqRange {
  tillId: string;
  fromSeq: number;
  toSeq: number;
}

/**
 * The sales of one shift (the export by Z): those with a row journaled in the shift's seq range
 * that counts in the shift (SHIFT_SALE_ROW_TYPES, the rule of the X/Z report), in the order they were
 * made. Each row shows the sale as of the shift's end (saleState of its journal rows up to the
 * shift's last seq, read for a page of sales at once), so a sale paid in the next shift is unresolved here and paid in the next
 * shift's export, as the two Z reports count it.
 */
export function* saleRowsOfShift(db: Db, range: ShiftSeqRange): Generator<ExportSaleRow, void, undefined> {
  const types = SHIFT_SALE_ROW_TYPES.map((type) => `'${type}'`).join(', ');
  // Read a page at a time (keyset on created_at, id): a page keeps memory flat. The page's sale
  // numbers are picked first, so only its 500 sales are read with their tenders.
  const page = db.prepare(
    exportSelect(
      db,
      `WHERE sales.id IN (SELECT id FROM sales
         WHERE id IN (SELECT sale_id FROM journal WHERE till_id = :tillId AND seq >= :fromSeq AND seq <= :toSeq AND sale_id IS NOT NULL AND type IN (${types}))
           AND (created_at > :created OR (created_at = :created AND id > :id))
         ORDER BY created_at, id LIMIT 500)`,
      'created_at, id',
      range.toSeq,
    ),
  );
  const journalOf = db.prepare(`SELECT sale_id, type, version, at, payload FROM journal INDEXED BY journal_by_sale
                                 WHERE till_id = ? AND sale_id IN (SELECT value FROM json_each(?)) AND seq <= ? AND type IN ${SALE_ROW_TYPES_SQL}
                                 ORDER BY sale_id, seq`);
  const till = tillCode(db);
  const approvedAt = approvedAccountByTime(db);
  let after = { created: Number.MIN_SAFE_INTEGER, id: 0 };
  for (;;) {
    const rows = page.all({ till, tillId: range.tillId, fromSeq: range.fromSeq, toSeq: range.toSeq, created: after.created, id: after.id }) as ExportSaleRow[];
    if (rows.length === 0) return;
    const folded = foldSales(journalOf.all(range.tillId, JSON.stringify(rows.map((row) => row.id)), range.toSeq) as Array<SaleJournalRow & { sale_id: number }>);
    for (const row of rows) {
      const sale = folded.get(row.id);
      if (sale) {
        const state = saleState(sale);
        row.status = exportStatus(sale.status, state.status);
        row.paid_at = state.paidAt;
        row.paid_late = state.paidLate ? 1 : 0;
        row.failure_code = state.failureCode;
        row.pay_to = state.payTo;
        row.md5 = state.md5;
        row.tenders = state.tenders;
        row.overpaid_count = state.overpaidCount;
        row.overpaid_cents = state.overpaidCents;
        Object.assign(row, state.settlement);
      }
      row.approved_account = row.paid_at === null ? null : approvedAt(row.paid_at);
      yield row;
    }
    const last = rows[rows.length - 1]!;
    after = { created: last.created_at, id: last.id };
  }
}
