/**
 * The X and Z reports of a shift, computed from the JOURNAL rows of the shift's seq range — never
 * from the sales table — so a Z report is the sum of its shift's journal by construction
 * (docs/journal.md, "Shifts and the close"). `ledger verify` recomputes every stored Z this way and
 * compares it with what was stored (verifyZReports below).
 *
 * Money counts in the shift in which its row is journaled: a sale opened in shift 1 and paid late in
 * shift 2 is a takings of shift 2. What a row says of its sale (amount, rate, training, the shop's
 * account and the account its QR pays) comes from that sale's `sale.opened`/`sale.qrIssued` (or
 * `migrated.sale`) rows, wherever they are in the journal (the journal_by_sale index).
 * KHR is each sale's cents at its own rate (centsToRiel, shared/money.ts), summed in integers.
 * Training sales are counted apart and never in takings; sales whose QR pays an account other than
 * the shop's own are counted apart and never in takings either.
 */
import type { SaleStatus, ShiftMoney, ShiftReport } from '../../shared/contract.ts';
import { centsToRiel } from '../../shared/money.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../ledger/database.ts';
import { canonicalJson } from '../ledger/journal/canonical.ts';
import type { Actor } from '../ledger/journal/events.ts';
import type { Shift, ShiftOpenReason } from '../ledger/shifts.ts';
import { cashSection } from './cash-report.ts';

export type { ShiftReport };
type Money = ShiftMoney;

interface SaleFacts {
  amountCents: number;
  khrPerUsd: number;
  training: boolean;
  bakongId: string;
  payTo: string | null;
}

type Payload = Record<string, unknown>;

const zero = (): Money => ({ count: 0, cents: 0, riel: 0 });

function add(money: Money, sale: SaleFacts): void {
  money.count += 1;
  money.cents += sale.amountCents;
  money.riel += centsToRiel(sale.amountCents, sale.khrPerUsd);
}

/**
 * The one membership rule of a shift: the journal row types that count a sale in the shift whose
 * seq range journals them (a sale opened, paid, expired, cancelled or failed there). The X/Z report
 * counts these rows; the export by Z (export/sales-rows.ts) exports the sales that have one.
 */
export const SHIFT_SALE_ROW_TYPES = ['sale.opened', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed'] as const;


const SALE_FACT_TYPES = "('migrated.sale', 'sale.opened', 'sale.qrIssued')";
const STATUS_TYPES = "('migrated.sale', 'sale.opened', 'sale.qrIssued', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed')";

/** A sale's facts from its own journal rows up to `toSeq`. */
/**
 * The two per-sale statements, prepared once per connection: a report asks them for every sale of
 * the shift, and preparing them each time cost about as much as running them (an X of a 2,740-sale
 * day: ~500 ms before, ~300 ms after, on the shared 2-core bench machine; tests/bench/year.ts).
 */
const perSale = new WeakMap<Db, { facts: Statement; status: Statement }>();
function perSaleStatements(db: Db): { facts: Statement; status: Statement } {
  let found = perSale.get(db);
  if (!found) {
    found = {
      facts: db.prepare(`SELECT type, payload FROM journal INDEXED BY journal_by_sale
                         WHERE till_id = ? AND sale_id = ? AND seq <= ? AND type IN ${SALE_FACT_TYPES} ORDER BY seq`),
      status: db.prepare(`SELECT at, type, payload FROM journal INDEXED BY journal_by_sale
                          WHERE till_id = ? AND sale_id = ? AND seq <= ? AND type IN ${STATUS_TYPES} ORDER BY seq`),
    };
    perSale.set(db, found);
  }
  return found;
}

function saleFacts(db: Db, till: string, sale: number, toSeq: number): SaleFacts | null {
  const rows = perSaleStatements(db).facts
    .all(till, sale, toSeq) as Array<{ type: string; payload: string }>;
  let facts: SaleFacts | null = null;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'sale.opened' || row.type === 'migrated.sale') {
      facts = {
        amountCents: p.amountCents as number,
        khrPerUsd: p.khrPerUsd as number,
        training: p.training as boolean,
        bakongId: p.bakongId as string,
        payTo: row.type === 'migrated.sale' ? (p.payTo as string | null) : null,
      };
    } else if (facts) {
      facts.payTo = p.payTo as string;
    }
  }
  return facts;
}

/** A sale as its journal rows up to a seq leave it (the columns the sales projection folds from them). */
export interface SaleStateAt {
  status: SaleStatus;
  paidAt: number | null;
  paidLate: boolean;
  failureCode: string | null;
}

/**
 * The one fold of a sale's status rows up to `toSeq`: its status, paid time, paid-late flag and
 * failure code then. The X/Z report asks it for a sale's status at the shift's end; the export by
 * Z (export/sales-rows.ts) shows each sale as of its shift's end with it.
 */
export function saleStateAt(db: Db, till: string, sale: number, toSeq: number): SaleStateAt | null {
  const rows = perSaleStatements(db).status
    .all(till, sale, toSeq) as Array<{ at: number; type: string; payload: string }>;
  let state: SaleStateAt | null = null;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    switch (row.type) {
      case 'migrated.sale':
        state = { status: p.status as SaleStatus, paidAt: p.paidAt as number | null, paidLate: p.paidLate === true, failureCode: p.failureCode as string | null };
        break;
      case 'sale.opened':
        state = { status: 'creating', paidAt: null, paidLate: false, failureCode: null };
        break;
      case 'sale.qrIssued':
        if (state) state.status = 'awaiting_payment';
        break;
      case 'sale.paid':
        if (state) { state.status = 'paid'; state.paidAt = row.at; state.paidLate ||= p.late === true; }
        break;
      case 'sale.failed':
        if (state) { state.status = 'failed'; state.failureCode = p.code as string; }
        break;
      default:
        if (state) state.status = row.type.slice('sale.'.length) as SaleStatus;
        break;
    }
  }
  return state;
}

function statusAt(db: Db, till: string, sale: number, toSeq: number): SaleStatus | null {
  return saleStateAt(db, till, sale, toSeq)?.status ?? null;
}

/** The report format this build writes: 2 adds the cash section (reports/cash-report.ts). */
export const REPORT_FORMAT = 2;

/**
 * The report of `shift` (null: the rows journaled since the last close, no shift being open) from
 * its first seq to `toSeq` (default: the journal's head). `format`: a stored Z is recomputed in the
 * format it was closed with (1: before cash control, no cash section).
 */
export function shiftReport(
  db: Db,
  options: { kind: 'X' | 'Z'; shift?: Shift | null; zNumber?: string | null; closedAt?: number | null; toSeq?: number; format?: 1 | 2 },
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

  const report: ShiftReport = {
    format: options.format ?? REPORT_FORMAT,
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
    takings: { ...zero(), byTender: { khqr: zero() } },
    byStatus: { opened: zero(), paid: zero(), paidLate: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    otherAccount: { ...zero(), sales: [] },
    training: { opened: zero(), paid: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    firstSale: null,
    lastSale: null,
    unresolved: [],
    paidLate: [],
    cancelled: [],
    failed: [],
  };

  // Sales that may still be unresolved at the end: those the previous Z left unresolved (or, before
  // the first shift, those migrated unresolved) and those opened in this range.
  const candidates = new Set<number>();
  if (previous) {
    const stored = db.prepare('SELECT report FROM z_reports WHERE shift = ?').get(previous.shift) as { report: string } | undefined;
    if (stored) for (const u of (JSON.parse(stored.report) as ShiftReport).unresolved) candidates.add(u.sale);
  } else {
    const migrated = db.prepare(`SELECT sale_id FROM journal WHERE till_id = ? AND seq < ? AND type = 'migrated.sale'
                                 AND json_extract(payload, '$.status') IN ('creating', 'awaiting_payment')`).all(till.id, fromSeq) as Array<{ sale_id: number }>;
    for (const m of migrated) candidates.add(m.sale_id);
  }

  // A sale's facts and status come from the range's own rows when the sale was opened in it (the
  // common case, no extra read); otherwise from its rows before the range, one index lookup each.
  const facts = new Map<number, SaleFacts | null>();
  const statusInRange = new Map<number, SaleStatus>();
  const factsOf = (sale: number): SaleFacts | null => {
    if (!facts.has(sale)) facts.set(sale, saleFacts(db, till.id, sale, toSeq));
    return facts.get(sale) ?? null;
  };
  const rows = db.prepare(`SELECT seq, at, type, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type LIKE 'sale.%' ORDER BY seq`)
    .all(till.id, fromSeq, toSeq) as Array<{ seq: number; at: number; type: string; payload: string }>;
  for (const row of rows) {
    // Only the rows of SHIFT_SALE_ROW_TYPES count (the cases below); sale.qrIssued only tells a sale's facts.
    const p = JSON.parse(row.payload) as Payload;
    const sale = p.sale as number;
    if (row.type === 'sale.opened') {
      facts.set(sale, { amountCents: p.amountCents as number, khrPerUsd: p.khrPerUsd as number, training: p.training as boolean, bakongId: p.bakongId as string, payTo: null });
    }
    const f = factsOf(sale);
    if (!f) continue; // verifyChain names a row for a sale never opened
    const training = f.training;
    switch (row.type) {
      case 'sale.opened':
        statusInRange.set(sale, 'creating');
        candidates.add(sale);
        add(training ? report.training.opened : report.byStatus.opened, f);
        report.firstSale ??= { sale, at: row.at };
        report.lastSale = { sale, at: row.at };
        break;
      case 'sale.qrIssued':
        statusInRange.set(sale, 'awaiting_payment');
        f.payTo = p.payTo as string;
        break;
      case 'sale.paid': {
        statusInRange.set(sale, 'paid');
        if (training) { add(report.training.paid, f); break; }
        add(report.byStatus.paid, f);
        if (p.late === true) { add(report.byStatus.paidLate, f); report.paidLate.push(sale); }
        if (f.payTo !== null && f.payTo !== f.bakongId) {
          add(report.otherAccount, f);
          report.otherAccount.sales.push(sale);
        } else {
          add(report.takings, f);
          add(report.takings.byTender.khqr, f);
        }
        break;
      }
      case 'sale.expired':
        statusInRange.set(sale, 'expired');
        add(training ? report.training.expired : report.byStatus.expired, f);
        break;
      case 'sale.cancelled':
        statusInRange.set(sale, 'cancelled');
        add(training ? report.training.cancelled : report.byStatus.cancelled, f);
        if (!training) report.cancelled.push(sale);
        break;
      case 'sale.failed':
        statusInRange.set(sale, 'failed');
        add(training ? report.training.failed : report.byStatus.failed, f);
        if (!training) report.failed.push(sale);
        break;
      default:
        break;
    }
  }
  for (const sale of [...candidates].sort((a, b) => a - b)) {
    const status = statusInRange.get(sale) ?? statusAt(db, till.id, sale, toSeq);
    if (status === 'creating' || status === 'awaiting_payment') {
      report.unresolved.push({ sale, status, amountCents: factsOf(sale)?.amountCents ?? 0 });
    }
  }
  if (report.format >= 2) report.cash = cashSection(db, till.id, fromSeq, toSeq);
  return report;
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

/** The format a stored Z was closed with (text that is not a report is compared as the current format, and differs). */
function storedFormat(report: string): 1 | 2 {
  try {
    return (JSON.parse(report) as { format?: unknown }).format === 1 ? 1 : REPORT_FORMAT;
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
  const closed = new Map<number, { seq: number; at: number; zNumber: string; lastSeq: number; headHash16: string }>();
  for (const row of journaled) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'shift.opened') opened.set(p.shift as number, { seq: row.seq, at: row.at, actor: row.actor, businessDate: p.businessDate as string, reason: p.reason as string });
    else closed.set(p.shift as number, { seq: row.seq, at: row.at, zNumber: p.zNumber as string, lastSeq: p.lastSeq as number, headHash16: p.headHash16 as string });
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
    // In the format it was closed with: a Z closed before cash control has no cash section.
    const format = storedFormat(stored.report);
    const recomputed = canonicalJson(shiftReport(db, { kind: 'Z', shift: s, zNumber: c.zNumber, closedAt: c.at, toSeq: c.lastSeq, format }));
    if (stored.report !== recomputed || stored.z_number !== c.zNumber || stored.last_seq !== c.lastSeq || stored.head_hash16 !== c.headHash16 || stored.closed_at !== c.at) {
      return { shift: n, text: `Z report ${c.zNumber} differs from the sum of shift ${n}'s journal rows` };
    }
  }
  const [missing] = opened;
  if (missing) return { shift: missing[0], text: `shift ${missing[0]} is in the journal but missing from the shifts table` };
  const orphanZ = db.prepare('SELECT shift FROM z_reports WHERE shift NOT IN (SELECT shift FROM shifts WHERE closed_seq IS NOT NULL) LIMIT 1').get() as { shift: number } | undefined;
  if (orphanZ) return { shift: orphanZ.shift, text: `a Z report for shift ${orphanZ.shift} is stored but the shift was never closed` };
  return null;
}
