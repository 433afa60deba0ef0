/**
 * The X and Z reports of a shift, computed from the JOURNAL rows of the shift's seq range — never
 * from the sales table — so a Z report is the sum of its shift's journal by construction
 * (docs/journal.md, "Shifts and the close"). `ledger verify` recomputes every stored Z this way and
 * compares it with what was stored (verifyZReports below). This file reads the rows from the ledger;
 * the counting is src/shared/reports/shift-tally.ts, which the back office runs on the rows a till
 * pushed.
 *
 * Money counts in the shift in which its row is journaled: a sale opened in shift 1 and paid late in
 * shift 2 is a takings of shift 2. What a row says of its sale (amount, rate, training, the shop's
 * account and the account its QR pays) comes from that sale's `sale.opened`/`sale.qrIssued` (or
 * `migrated.sale`) rows, wherever they are in the journal (the journal_by_sale index).
 * KHR is each sale's cents at its own rate (centsToRiel, shared/money.ts), summed in integers.
 * Training sales are counted apart and never in takings; sales whose QR pays an account other than
 * the shop's own are counted apart and never in takings either.
 */
import type { SaleStatus, ShiftReport } from '../../shared/contract.ts';
import { CASH_ROW_TYPES } from '../../shared/reports/cash-report.ts';
import { ENV_OVERRIDES_ROW_TYPE } from '../../shared/reports/env-overrides.ts';
import { REPORT_FORMAT, SHIFT_SALE_ROW_TYPES, tallyShift, type ReportFormat } from '../../shared/reports/shift-tally.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../ledger/database.ts';
import { canonicalJson } from '../ledger/journal/canonical.ts';
import type { Actor, ShiftClosedV2 } from '../ledger/journal/events.ts';

type ShiftClosedCount = NonNullable<ShiftClosedV2['payload']['count']>;
import { foldSale, SALE_ROW_TYPES_SQL, shownStatus, shownTender, type FoldedSale, type SaleJournalRow } from '../../shared/reports/sale-fold.ts';
import type { Shift, ShiftOpenReason } from '../ledger/shifts.ts';
import { countSection, reprintSection, shiftAccounts } from './close-report.ts';

export type { ShiftReport };

type Payload = Record<string, unknown>;


export { REPORT_FORMAT, SHIFT_SALE_ROW_TYPES };

/**
 * The per-sale statement, prepared once per connection: a report asks it for every sale of the shift
 * opened before it, and preparing it each time cost about as much as running it (an X of a
 * 2,740-sale day: ~500 ms before, ~300 ms after, on the shared 2-core bench machine; tests/bench/year.ts).
 */
const perSale = new WeakMap<Db, Statement>();
function saleRowsStatement(db: Db): Statement {
  let found = perSale.get(db);
  if (!found) {
    found = db.prepare(`SELECT type, version, at, payload FROM journal INDEXED BY journal_by_sale
                        WHERE till_id = ? AND sale_id = ? AND seq <= ? AND type IN ${SALE_ROW_TYPES_SQL} ORDER BY seq`);
    perSale.set(db, found);
  }
  return found;
}

/** The sale as its journal rows up to `toSeq` leave it (sale-fold.ts), or null if none opened it. */
function saleAt(db: Db, till: string, sale: number, toSeq: number): FoldedSale | null {
  return foldSale(saleRowsStatement(db).iterate(till, sale, toSeq) as IterableIterator<SaleJournalRow>);
}

/** A sale as its journal rows up to a seq leave it, as the screens and the export show a sale. */
export interface SaleStateAt {
  /** As its tenders show it (SaleView.status): paid once completed, else its shown tender's. */
  status: SaleStatus;
  /** When it was completed. */
  paidAt: number | null;
  paidLate: boolean;
  /** Of its shown tender (the one that completed it, else its newest). */
  failureCode: string | null;
  payTo: string | null;
  md5: string | null;
  /** Tenders it had then, and those paid after it was covered (how many, their sum in cents). */
  tenders: number;
  overpaidCount: number;
  overpaidCents: number;
  /** Its change and rounding then (0 until it completed). */
  settlement: { change_usd: number; change_khr: number; rounding_exact: number };
}

/**
 * The one fold of a sale's rows up to `toSeq`, as a sale's status, completed time, paid-late flag and
 * shown tender then. The X/Z report asks it for a sale's status at the shift's end; the export by
 * Z (export/sales-rows.ts) shows each sale as of its shift's end with it.
 */
export function saleStateAt(db: Db, till: string, sale: number, toSeq: number): SaleStateAt | null {
  const folded = saleAt(db, till, sale, toSeq);
  return folded ? saleState(folded) : null;
}

/** A folded sale as the screens and the export show it. */
export function saleState(folded: FoldedSale): SaleStateAt {
  const shown = shownTender(folded);
  const tenders = [...folded.tenders.values()];
  return {
    status: shownStatus(folded), paidAt: folded.completed_at, paidLate: folded.paid_late === 1, failureCode: shown?.failure_code ?? null,
    payTo: shown?.pay_to ?? null, md5: shown?.md5 ?? null, tenders: tenders.length,
    overpaidCount: tenders.filter((t) => t.overpaid === 1).length,
    overpaidCents: tenders.filter((t) => t.overpaid === 1 && t.currency === 'USD').reduce((sum, t) => sum + t.amount, 0),
    settlement: { change_usd: folded.change_usd, change_khr: folded.change_khr, rounding_exact: folded.rounding_exact },
  };
}


/**
 * The report of `shift` (null: the rows journaled since the last close, no shift being open) from
 * its first seq to `toSeq` (default: the journal's head). `format`: a stored Z is recomputed in the
 * format it was closed with (1: before cash control, no cash section; 2: before sales and tenders,
 * no `tenders`, `overpaid`, `unpaid`).
 */
export function shiftReport(
  db: Db,
  options: { kind: 'X' | 'Z'; shift?: Shift | null; zNumber?: string | null; closedAt?: number | null; toSeq?: number; format?: ReportFormat },
): ShiftReport {
  const till = db.prepare('SELECT id, code FROM till LIMIT 1').get() as { id: string; code: string } | undefined;
  if (!till) throw new Error('the ledger has no till identity yet');
  const shift = options.shift === undefined ? currentOrNull(db) : options.shift;
  const previous = db.prepare('SELECT shift, closed_seq FROM shifts WHERE closed_seq IS NOT NULL AND shift < ? ORDER BY shift DESC LIMIT 1')
    .get(shift?.shift ?? Number.MAX_SAFE_INTEGER) as { shift: number; closed_seq: number } | undefined;
  const fromSeq = shift ? shift.fromSeq : (previous ? previous.closed_seq + 1 : 1);
  const head = db.prepare('SELECT seq, hash FROM journal WHERE till_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
    .get(till.id, options.toSeq ?? Number.MAX_SAFE_INTEGER) as { seq: number; hash: string } | undefined;
  const toSeq = head?.seq ?? 0;
  const format = options.format ?? REPORT_FORMAT;

  const header = {
    format,
    kind: options.kind,
    till: { id: till.id, code: till.code },
    shift: shift?.shift ?? null,
    zNumber: options.zNumber ?? null,
    businessDate: shift?.businessDate ?? null,
    openedAt: shift?.openedAt ?? null,
    openedBy: shift?.openedBy ?? null,
    openReason: shift?.reason ?? null,
    closedAt: options.closedAt ?? null,
    fromSeq,
    toSeq,
    anchor: { seq: toSeq, hash16: head ? head.hash.slice(0, 16) : '' },
  };

  // Sales that may still be unresolved from before the range: those the previous Z left unresolved
  // (or, before the first shift, those migrated unresolved).
  const carriedOver: number[] = [];
  if (previous) {
    const stored = db.prepare('SELECT report FROM z_reports WHERE shift = ?').get(previous.shift) as { report: string } | undefined;
    if (stored) for (const u of (JSON.parse(stored.report) as ShiftReport).unresolved) carriedOver.push(u.sale);
  } else {
    const migrated = db.prepare(`SELECT sale_id FROM journal WHERE till_id = ? AND seq < ? AND type = 'migrated.sale'
                                 AND json_extract(payload, '$.status') IN ('creating', 'awaiting_payment')`).all(till.id, fromSeq) as Array<{ sale_id: number }>;
    for (const m of migrated) carriedOver.push(m.sale_id);
  }
  const saleRows = db.prepare(`SELECT seq, type, version, at, actor, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ?
                               AND type IN ${SALE_ROW_TYPES_SQL} ORDER BY seq`)
    .all(till.id, fromSeq, toSeq) as Array<SaleJournalRow & { seq: number; actor: string }>;
  // A sale opened before the range is read from its own rows, one index lookup each.
  return tallyShift({
    header, saleRows, carriedOver,
    cashRows: format >= 2 ? cashRowsOf(db, till.id, fromSeq, toSeq) : [],
    saleBefore: (sale) => saleAt(db, till.id, sale, fromSeq - 1),
    saleAtEnd: (sale) => saleAt(db, till.id, sale, toSeq),
    close: format >= 4 ? {
      accounts: shiftAccounts(db, till.id, fromSeq, toSeq, format >= 8), count: countSection(db, till.id, fromSeq, toSeq),
      reprints: reprintSection(db, till.id, fromSeq, toSeq), openedBy: (sale) => saleOpenedBy(db, till.id, sale),
    } : null,
    returnRows: format >= 5
      ? db.prepare(`SELECT actor, at, type, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type IN ('refund.made', 'sale.voided') ORDER BY seq`)
        .all(till.id, fromSeq, toSeq) as Array<{ actor: string; at: number; type: string; payload: string }>
      : null,
    envOverrides: format >= 7
      ? db.prepare(`SELECT payload FROM journal WHERE till_id = ? AND seq <= ? AND type = ? ORDER BY seq DESC LIMIT 1`).pluck().get(till.id, toSeq, ENV_OVERRIDES_ROW_TYPE) as string | undefined
      : undefined,
  });
}

/** The range's rows of the cash section (shared cash-report.ts CASH_ROW_TYPES). */
function cashRowsOf(db: Db, till: string, fromSeq: number, toSeq: number): Array<{ at: number; type: string; payload: string }> {
  return db.prepare(`SELECT at, type, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type IN (${CASH_ROW_TYPES.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(till, fromSeq, toSeq, ...CASH_ROW_TYPES) as Array<{ at: number; type: string; payload: string }>;
}

/** Who rang up a sale opened before the range: its first row's actor. */
function saleOpenedBy(db: Db, till: string, sale: number): string {
  const actor = db.prepare(`SELECT actor FROM journal INDEXED BY journal_by_sale WHERE till_id = ? AND sale_id = ? ORDER BY seq LIMIT 1`)
    .pluck().get(till, sale) as string | undefined;
  return actor ?? 'system';

}

function currentOrNull(db: Db): Shift | null {
  const row = db.prepare('SELECT shift FROM shifts WHERE closed_seq IS NULL LIMIT 1').get() as { shift: number } | undefined;
  if (!row) return null;
  return shiftByNumber(db, row.shift);
}

function shiftByNumber(db: Db, n: number): Shift | null {
  const row = db.prepare('SELECT * FROM shifts WHERE shift = ?').get(n) as {
    shift: number; business_date: string; reason: ShiftOpenReason; opened_by: Actor; opened_at: number; opened_seq: number;
    closed_at: number | null; closed_seq: number | null; z_number: string | null; last_seq: number | null; head_hash16: string | null;
  } | undefined;
  if (!row) return null;
  const prev = n > 1 ? (db.prepare('SELECT closed_seq FROM shifts WHERE shift = ?').get(n - 1) as { closed_seq: number | null } | undefined) : undefined;
  return {
    shift: row.shift, businessDate: row.business_date, reason: row.reason, openedBy: row.opened_by, openedAt: row.opened_at,
    openedSeq: row.opened_seq, fromSeq: prev?.closed_seq != null ? prev.closed_seq + 1 : row.opened_seq,
    closedAt: row.closed_at, closedSeq: row.closed_seq, zNumber: row.z_number, lastSeq: row.last_seq, headHash16: row.head_hash16,
  };
}

/** The count as `shift.closed` v2 journals it: per currency counted, expected, difference; null when not counted. */
export function closedCount(z: ShiftReport): ShiftClosedCount | null {
  const count = z.count ?? null;
  if (count === null) return null;
  const each = (c: ShiftClosedCount['USD']) => ({ counted: c.counted, expected: c.expected, difference: c.difference });
  return { USD: each(count.USD), KHR: each(count.KHR) };
}

/** The format a stored Z was closed with (text that is not a report is compared as the current format, and differs). */
function storedFormat(report: string): ReportFormat {
  try {
    const format = (JSON.parse(report) as { format?: unknown }).format;
    return format === 1 || format === 2 || format === 3 || format === 4 || format === 5 || format === 6 || format === 7 || format === 8 ? format : REPORT_FORMAT;
  } catch {
    return REPORT_FORMAT;
  }
}

export interface ZProblem {
  shift: number;
  text: string;
}

/**
 * Each closed shift against the journal: its projection row against its `shift.opened` /
 * `shift.closed` rows, and its stored Z report against the report recomputed from the journal.
 * Returns the first difference, or null.
 */
export function verifyZReports(db: Db): ZProblem | null {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'z_reports'").get() !== undefined;
  if (!hasTable) return null;
  const till = db.prepare('SELECT id FROM till LIMIT 1').get() as { id: string } | undefined;
  if (!till) return null;
  const journaled = db.prepare(`SELECT seq, at, actor, type, payload FROM journal WHERE till_id = ? AND type IN ('shift.opened', 'shift.closed') ORDER BY seq`)
    .all(till.id) as Array<{ seq: number; at: number; actor: Actor; type: string; payload: string }>;
  const opened = new Map<number, { seq: number; at: number; actor: Actor; businessDate: string; reason: string }>();
  const closed = new Map<number, { seq: number; at: number; zNumber: string; lastSeq: number; headHash16: string; count: unknown }>();
  for (const row of journaled) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'shift.opened') opened.set(p.shift as number, { seq: row.seq, at: row.at, actor: row.actor, businessDate: p.businessDate as string, reason: p.reason as string });
    else closed.set(p.shift as number, { seq: row.seq, at: row.at, zNumber: p.zNumber as string, lastSeq: p.lastSeq as number, headHash16: p.headHash16 as string, count: p.count });
  }
  const shifts = db.prepare('SELECT shift FROM shifts ORDER BY shift').all() as Array<{ shift: number }>;
  for (const { shift: n } of shifts) {
    const s = shiftByNumber(db, n)!;
    const o = opened.get(n);
    if (!o) return { shift: n, text: `shift ${n} is in the shifts table but no journal row opened it` };
    opened.delete(n);
    if (o.seq !== s.openedSeq || o.at !== s.openedAt || o.businessDate !== s.businessDate || o.reason !== s.reason || o.actor !== s.openedBy) {
      return { shift: n, text: `shift ${n} was opened at seq ${o.seq} on ${o.businessDate} (${o.reason}) by the journal, the shifts table says seq ${s.openedSeq} on ${s.businessDate} (${s.reason})` };
    }
    const c = closed.get(n);
    closed.delete(n);
    if (!c) {
      if (s.closedSeq !== null) return { shift: n, text: `shift ${n} is closed in the shifts table but no journal row closed it` };
      continue;
    }
    if (c.seq !== s.closedSeq || c.zNumber !== s.zNumber || c.lastSeq !== s.lastSeq || c.headHash16 !== s.headHash16 || c.at !== s.closedAt) {
      return { shift: n, text: `shift ${n}'s close in the shifts table differs from its shift.closed row (seq ${c.seq}, ${c.zNumber}, anchor ${c.lastSeq}:${c.headHash16})` };
    }
    const stored = db.prepare('SELECT z_number, last_seq, head_hash16, closed_at, report FROM z_reports WHERE shift = ?').get(n) as
      { z_number: string; last_seq: number; head_hash16: string; closed_at: number; report: string } | undefined;
    if (!stored) return { shift: n, text: `shift ${n} was closed as ${c.zNumber} but its Z report is missing` };
    // In the format it was closed with: a Z closed before cash control has no cash section, one
    // closed before sales and tenders no tender lines.
    const format = storedFormat(stored.report);
    const recomputed = canonicalJson(shiftReport(db, { kind: 'Z', shift: s, zNumber: c.zNumber, closedAt: c.at, toSeq: c.lastSeq, format }));
    if (stored.report !== recomputed || stored.z_number !== c.zNumber || stored.last_seq !== c.lastSeq || stored.head_hash16 !== c.headHash16 || stored.closed_at !== c.at) {
      return { shift: n, text: `Z report ${c.zNumber} differs from the sum of shift ${n}'s journal rows` };
    }
    // shift.closed v2 repeats the count the close used: it must be the stored Z's.
    if (c.count !== undefined && canonicalJson(c.count) !== canonicalJson(closedCount(JSON.parse(stored.report) as ShiftReport))) {
      return { shift: n, text: `shift ${n}'s shift.closed row names another drawer count than Z report ${c.zNumber}` };
    }
  }
  const [missing] = opened;
  if (missing) return { shift: missing[0], text: `shift ${missing[0]} is in the journal but missing from the shifts table` };
  const orphanZ = db.prepare('SELECT shift FROM z_reports WHERE shift NOT IN (SELECT shift FROM shifts WHERE closed_seq IS NOT NULL) LIMIT 1').get() as { shift: number } | undefined;
  if (orphanZ) return { shift: orphanZ.shift, text: `a Z report for shift ${orphanZ.shift} is stored but the shift was never closed` };
  return null;
}
