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
import type { CashCount, Currency, ReportRefund, SaleStatus, ShiftMoney, ShiftReport, TenderKind } from '../../shared/contract.ts';
import { centsToRiel } from '../../shared/money.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../ledger/database.ts';
import { canonicalJson } from '../ledger/journal/canonical.ts';
import type { Actor, ShiftClosedV2 } from '../ledger/journal/events.ts';

type ShiftClosedCount = NonNullable<ShiftClosedV2['payload']['count']>;
import {
  applySaleRow, foldSale, pendingTender, SALE_ROW_TYPES_SQL, shownStatus, shownTender, type FoldedSale, type FoldedTender, type SaleJournalRow,
} from '../ledger/journal/sale-fold.ts';
import type { Shift, ShiftOpenReason } from '../ledger/shifts.ts';
import { cashSection, type CashSales } from './cash-report.ts';
import { countSection, reprintSection, shiftAccounts } from './close-report.ts';

export type { ShiftReport };
type Money = ShiftMoney;

type Payload = Record<string, unknown>;


const zero = (): Money => ({ count: 0, cents: 0, riel: 0 });
const count = (): CashCount => ({ count: 0, amount: 0 });
const countIn = (line: CashCount, amount: number): void => {
  line.count += 1;
  line.amount += amount;
};

/**
 * An amount in its currency's minor units as the report's money: USD cents with riel at the sale's
 * own rate (centsToRiel); a riel amount (issue 9's cash) in riel only, its cents left 0 (nothing in
 * the POS converts riel to cents: the rate's direction is cents × rate = riel × 100).
 */
function add(money: Money, currency: Currency, amount: number, khrPerUsd: number): void {
  money.count += 1;
  if (currency === 'USD') {
    money.cents += amount;
    money.riel += centsToRiel(amount, khrPerUsd);
  } else {
    money.riel += amount;
  }
}

const addDue = (money: Money, sale: FoldedSale): void => add(money, sale.due_currency, sale.due_amount, sale.khr_per_usd);
const addTender = (money: Money, sale: FoldedSale, tender: FoldedTender): void => add(money, tender.currency, tender.amount, sale.khr_per_usd);

/**
 * The one membership rule of a shift: the journal row types that count a sale in the shift whose
 * seq range journals them (a sale opened there, or one of its tenders paid, expired, cancelled or
 * failed there; the v1 rows of before schema 17 alike). The X/Z report counts these rows; the export
 * by Z (export/sales-rows.ts) exports the sales that have one.
 */
export const SHIFT_SALE_ROW_TYPES = ['sale.opened', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed',
  'tender.paid', 'tender.expired', 'tender.cancelled', 'tender.failed'] as const;

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
 * The report format this build writes: 2 adds the cash section (reports/cash-report.ts), 3 the
 * takings by tender, overpayments and unpaid sales (sales and tenders, schema 17), 4 the close of
 * issue 9: the blind count, the account check against the approved Bakong ID, per-cashier totals and
 * reprints (close-report.ts).
 * 5 the refunds and voids with their actor and approver, and the cash they gave back (schema 18).
 * 6 the cash tenders and change per currency and the rounding line (cash beside KHQR, schema 19).
 * 7 the environment's overrides in force (issue 9, docs/journal.md).
 */
export const REPORT_FORMAT = 7;

type ReportFormat = ShiftReport['format'];

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

  const report: ShiftReport = {
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
  const tenders = new Map<string, { kind: TenderKind; currency: Currency; count: number; amount: number }>();
  const overpaid: ShiftMoney & { sales: number[] } = { ...zero(), sales: [] };
  const openedHere: number[] = [];
  // Format 4: the account takings must pay (close-report.ts), who rang each sale up, and the takings by receiving account.
  const accounts = format >= 4 ? shiftAccounts(db, till.id, fromSeq, toSeq) : null;
  const openedBy = new Map<number, string>();
  const cashiers = new Map<string, Money>();
  const receiving = new Map<string | null, Money>();
  const otherAccounts: Array<{ sale: number; account: string }> = [];
  const cashSales: CashSales = { USD: { cashTenders: count(), change: count() }, KHR: { cashTenders: count(), change: count() } };
  const rounding = { count: 0, exact: 0 };

  // Sales that may still be unresolved at the end: those the previous Z left unresolved (or, before
  // the first shift, those migrated unresolved) and those opened, or given a new tender, in this range.
  const candidates = new Set<number>();
  if (previous) {
    const stored = db.prepare('SELECT report FROM z_reports WHERE shift = ?').get(previous.shift) as { report: string } | undefined;
    if (stored) for (const u of (JSON.parse(stored.report) as ShiftReport).unresolved) candidates.add(u.sale);
  } else {
    const migrated = db.prepare(`SELECT sale_id FROM journal WHERE till_id = ? AND seq < ? AND type = 'migrated.sale'
                                 AND json_extract(payload, '$.status') IN ('creating', 'awaiting_payment')`).all(till.id, fromSeq) as Array<{ sale_id: number }>;
    for (const m of migrated) candidates.add(m.sale_id);
  }

  // Each sale's state as the range's rows go: a sale opened in the range starts from its own row
  // (the common case, no extra read); one opened before it from its rows before the range, one
  // index lookup each.
  const states = new Map<number, FoldedSale | null>();
  const rows = db.prepare(`SELECT seq, type, version, at, actor, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ?
                           AND type IN ${SALE_ROW_TYPES_SQL} ORDER BY seq`)
    .all(till.id, fromSeq, toSeq) as Array<SaleJournalRow & { seq: number; actor: string }>;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const saleId = p.sale as number;
    if (!states.has(saleId)) states.set(saleId, row.type === 'sale.opened' ? null : saleAt(db, till.id, saleId, fromSeq - 1));
    const sale = applySaleRow(states.get(saleId) ?? null, row);
    states.set(saleId, sale);
    if (!sale) continue; // verifyChain names a row for a sale never opened
    const training = sale.training === 1;
    if (row.type === 'sale.opened') {
      openedBy.set(saleId, row.actor);
      candidates.add(saleId);
      addDue(training ? report.training.opened : report.byStatus.opened, sale);
      report.firstSale ??= { sale: saleId, at: row.at };
      report.lastSale = { sale: saleId, at: row.at };
      if (!training) openedHere.push(saleId);
      continue;
    }
    if (row.type === 'tender.opened') candidates.add(saleId);
    // A completion states the change given and the rounding line (v2, schema 18 on).
    if (row.type === 'sale.completed' && row.version >= 2 && !training) {
      for (const [currency, amount] of [['USD', p.changeUsd], ['KHR', p.changeKhr]] as const) {
        if (typeof amount === 'number' && amount > 0) countIn(cashSales[currency].change, amount);
      }
      if (p.rounding !== 0) {
        rounding.count += 1;
        rounding.exact += p.rounding as number;
      }
      continue;
    }
    // Only the outcome rows count (SHIFT_SALE_ROW_TYPES); the others only move the sale's state.
    const outcome = /^(?:sale|tender)\.(paid|expired|cancelled|failed)$/.exec(row.type)?.[1];
    const tender = outcome === undefined ? undefined : sale.tenders.get((row.type.startsWith('tender.') ? p.tender : p.sale) as number);
    if (!tender) continue;
    switch (outcome) {
      case 'paid': {
        if (training) { addTender(report.training.paid, sale, tender); break; }
        addTender(report.byStatus.paid, sale, tender);
        if (p.late === true) { addTender(report.byStatus.paidLate, sale, tender); report.paidLate.push(saleId); }
        if (p.overpaid === true) { addTender(overpaid, sale, tender); overpaid.sales.push(saleId); }
        // Up to format 3 the sale's own Bakong ID was the test; from 4 the account approved for the
        // shift (a Bakong ID switched for one sale and back made the sale's own ID the thief's).
        const approved = accounts?.approvedAt(row.seq) ?? null;
        const own = approved ?? sale.bakong_id;
        if (tender.pay_to !== null && tender.pay_to !== own) {
          addTender(report.otherAccount, sale, tender);
          report.otherAccount.sales.push(saleId);
          otherAccounts.push({ sale: saleId, account: tender.pay_to });
        } else {
          addTender(report.takings, sale, tender);
          if (accounts) {
            const by = openedBy.get(saleId) ?? saleOpenedBy(db, till.id, saleId);
            openedBy.set(saleId, by);
            addMoney(cashiers, by, sale, tender);
            addMoney(receiving, tender.pay_to, sale, tender);
          }
          if (tender.kind === 'khqr') addTender(report.takings.byTender.khqr, sale, tender);
          const key = `${tender.kind} ${tender.currency}`;
          const line = tenders.get(key) ?? { kind: tender.kind, currency: tender.currency, count: 0, amount: 0 };
          line.count += 1;
          line.amount += tender.amount;
          tenders.set(key, line);
          if (tender.kind === 'cash') countIn(cashSales[tender.currency].cashTenders, tender.amount);
        }
        break;
      }
      case 'expired':
        addTender(training ? report.training.expired : report.byStatus.expired, sale, tender);
        break;
      case 'cancelled':
        addTender(training ? report.training.cancelled : report.byStatus.cancelled, sale, tender);
        if (!training) report.cancelled.push(saleId);
        break;
      case 'failed':
        addTender(training ? report.training.failed : report.byStatus.failed, sale, tender);
        if (!training) report.failed.push(saleId);
        break;
      default:
        break;
    }
  }
  const stateAtEnd = (sale: number): FoldedSale | null => (states.has(sale) ? states.get(sale)! : saleAt(db, till.id, sale, toSeq));
  for (const sale of [...candidates].sort((a, b) => a - b)) {
    const pending = ((state) => (state ? pendingTender(state) : undefined))(stateAtEnd(sale));
    if (pending) report.unresolved.push({ sale, status: pending.status, amountCents: pending.amount });
  }
  if (format >= 2) report.cash = cashSection(db, till.id, fromSeq, toSeq, format >= 5, format >= 6 ? cashSales : undefined);
  if (format >= 7) report.envOverrides = envOverridesAt(db, till.id, toSeq);
  if (format < 3) return report;
  report.tenders = [...tenders.values()];
  report.overpaid = overpaid;
  report.unpaid = openedHere.filter((sale) => {
    const state = stateAtEnd(sale);
    return state !== null && state.status === 'open' && !pendingTender(state);
  });
  if (!accounts) return report;
  report.otherAccount.accounts = otherAccounts;
  report.count = countSection(db, till.id, fromSeq, toSeq);
  report.receivingAccounts = [...receiving].map(([account, m]) => ({ account, ...m }));
  report.approvedAccount = accounts.atStart;
  report.accountChanges = accounts.changes;
  report.cashiers = [...cashiers].map(([actor, m]) => ({ actor, ...m }));
  report.reprints = reprintSection(db, till.id, fromSeq, toSeq);
  if (format < 5) return report;
  Object.assign(report, returnsSection(db, till.id, fromSeq, toSeq));
  if (format < 6) return report;
  report.change = { USD: cashSales.USD.change, KHR: cashSales.KHR.change };
  report.rounding = { count: rounding.count, exact: rounding.exact };
  return report;
}

/** Adds a tender to the money of `key` in `map` (per cashier, per receiving account). */
function addMoney<K>(map: Map<K, Money>, key: K, sale: FoldedSale, tender: FoldedTender): void {
  let money = map.get(key);
  if (!money) map.set(key, (money = zero()));
  addTender(money, sale, tender);
}

/** Who rang up a sale opened before the range: its first row's actor. */
function saleOpenedBy(db: Db, till: string, sale: number): string {
  const actor = db.prepare(`SELECT actor FROM journal INDEXED BY journal_by_sale WHERE till_id = ? AND sale_id = ? ORDER BY seq LIMIT 1`)
    .pluck().get(till, sale) as string | undefined;
  return actor ?? 'system';

}

/**
 * Format 5: the refunds and voids journaled in the range (`refund.made`, `sale.voided`), each listed
 * with its actor and approver; real ones counted and totalled per currency (minor units, nothing
 * converted), training ones listed only.
 */
function returnsSection(db: Db, till: string, fromSeq: number, toSeq: number): Pick<ShiftReport, 'refunds' | 'voids'> {
  const refunds: NonNullable<ShiftReport['refunds']> = { count: 0, USD: 0, KHR: 0, cash: { USD: 0, KHR: 0 }, list: [] };
  const voids: NonNullable<ShiftReport['voids']> = { count: 0, USD: 0, KHR: 0, list: [] };
  const rows = db.prepare(`SELECT actor, at, type, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type IN ('refund.made', 'sale.voided') ORDER BY seq`)
    .all(till, fromSeq, toSeq) as Array<{ actor: string; at: number; type: string; payload: string }>;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const training = p.training === true;
    const who = { actor: row.actor, approver: p.approver as string, at: row.at, training };
    if (row.type === 'refund.made') {
      const currency = p.currency as Currency;
      const amount = p.amount as number;
      refunds.list.push({ refund: p.refund as number, sale: p.sale as number, currency, amount, method: p.method as ReportRefund['method'], ...who });
      if (training) continue;
      refunds.count += 1;
      refunds[currency] += amount;
      if (p.method === 'cash') refunds.cash[currency] += amount;
    } else {
      const returnedUsd = p.returnedUsd as number;
      const returnedKhr = p.returnedKhr as number;
      voids.list.push({ void: p.void as number, sale: p.sale as number, returnedUsd, returnedKhr, ...who });
      if (training) continue;
      voids.count += 1;
      voids.USD += returnedUsd;
      voids.KHR += returnedKhr;
    }
  }
  return { refunds, voids };
}

/** The environment's overrides in force at row `toSeq`: the last `settings.envOverrides` row up to it, or null when it fixed nothing. */
function envOverridesAt(db: Db, till: string, toSeq: number): { keys: string[]; apiKeyFromEnv: boolean } | null {
  const row = db.prepare(`SELECT payload FROM journal WHERE till_id = ? AND seq <= ? AND type = 'settings.envOverrides' ORDER BY seq DESC LIMIT 1`)
    .pluck().get(till, toSeq) as string | undefined;
  if (row === undefined) return null;
  const p = JSON.parse(row) as { overrides: Record<string, unknown>; apiKeyFromEnv: boolean };
  const keys = Object.keys(p.overrides).sort();
  return keys.length === 0 && !p.apiKeyFromEnv ? null : { keys, apiKeyFromEnv: p.apiKeyFromEnv === true };
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
    return format === 1 || format === 2 || format === 3 || format === 4 || format === 5 || format === 6 ? format : REPORT_FORMAT;
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
