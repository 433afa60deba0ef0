/**
 * One till's journal folded into its shifts and their X/Z reports, and its sales, from the rows
 * alone: the back office recomputes every Z it shows with this, from the rows the till pushed
 * (docs/backoffice.md, "Z reports recomputed"). The counting is the till's own (shift-tally.ts, the
 * sales sale-fold.ts); this file only finds the shifts' ranges in the rows and says how each sale
 * stood before a range — what the till reads from its ledger's tables and indexes.
 * tests/shared/reports/journal-fold.test.ts holds each recomputed Z equal to the Z a real till stored.
 *
 * Every event type and version of docs/journal.md is listed in READ_EVENTS; a row of a type or
 * version not listed is kept in `unknownRows` (the page shows it), never silently skipped. A test
 * compares the list with the till's KNOWN_EVENTS, so a new event type fails it until it is read here.
 */
import { inBothCurrencies } from '../cash/index.ts';
import type { ShiftReport } from '../contract.ts';
import { exportStatus, type ExportSaleRow } from '../export/sale-row.ts';
import { CASH_ROW_TYPES } from './cash-report.ts';
import { APPROVED_ACCOUNT_ROW_TYPES, approvedAccountByTime, countSection, ownerMadeFrom, reprintSection, shiftAccounts, USER_ROLE_ROW_TYPES } from './close-report.ts';
import { ENV_OVERRIDES_ROW_TYPE } from './env-overrides.ts';
import { foldSale, SALE_ROW_TYPES, shownStatus, shownTender, type FoldedSale } from './sale-fold.ts';
import { REPORT_FORMAT, tallyShift, type ReportFormat } from './shift-tally.ts';

/** A journal row as stored (the back office's journal_rows, the till's journal): payload as its canonical text. */
export interface FoldRow {
  epoch: number;
  seq: number;
  at: number;
  actor: string;
  type: string;
  version: number;
  payload: string;
  hash: string;
}

/** What the till's `shift.closed` row says of its Z: its number and anchor. */
export interface ClosedBy {
  seq: number;
  at: number;
  zNumber: string;
  lastSeq: number;
  headHash16: string;
}

/** A difference between what the till's close row states and what its rows give. */
export type ShiftProblem =
  | { kind: 'anchorSeq'; stated: number; expected: number }
  | { kind: 'anchorHash'; stated: string; expected: string }
  | { kind: 'zNumber'; stated: string; expected: string };

export interface FoldedShift {
  shift: number;
  /** The epoch of its `shift.opened` row (a Z number carries it above 1). */
  epoch: number;
  /** Z when closed, else X: the rows so far. */
  report: ShiftReport;
  closed: ClosedBy | null;
  problems: ShiftProblem[];
}

export interface TillFold {
  till: { id: string; code: string } | null;
  shifts: FoldedShift[];
  /** Rows of a type or version this build does not read: shown, never ignored. */
  unknownRows: Array<{ seq: number; type: string; version: number }>;
  /** The merchant name of the last sale opened (as the till's settings had it then), or null. */
  merchantName: string | null;
  /** Every sale as its rows leave it, by number: the till's export columns. */
  sales: ExportSaleRow[];
  /** Each user's name by their journal actor (`user:<uuid>`), from `user.created`: who the per-cashier lines are. */
  userNames: Map<string, string>;
}

/**
 * Every event type/version of docs/journal.md this build reads. The sale and tender rows are counted
 * by shift-tally.ts, the cash rows by cash-report.ts, the count, settings and reprint rows by
 * close-report.ts, the refund and void rows by returns-report.ts (and the cash section), the shift rows
 * make the ranges, the `user.*` rows say who was the owner when (close-report.ts ownerMadeFrom) and
 * name the cashiers, the environment's overrides are format 7's (env-overrides.ts); the others move
 * no money (alerts, integrity, restores, backups, PIN resets).
 */
export const READ_EVENTS: readonly string[] = [
  'till.created/1', 'settings.snapshot/1', 'settings.changed/1', 'migrated.sale/1', 'migrated.alert/1',
  'sale.opened/1', 'sale.opened/2', 'sale.qrIssued/1', 'sale.paid/1', 'sale.expired/1', 'sale.cancelled/1', 'sale.failed/1', 'sale.completed/1',
  'tender.opened/1', 'tender.opened/2', 'tender.qrIssued/1', 'tender.paid/1', 'tender.expired/1', 'tender.cancelled/1', 'tender.failed/1',
  'alert.raised/1', 'alert.raised/2', 'alert.dismissed/1', 'receipt.printed/1', 'shift.opened/1', 'shift.closed/1', 'shift.closed/2',
  'shift.counted/1', 'z.reprinted/1', 'refund.made/1', 'sale.voided/1', 'sale.completed/2',
  'ledger.restored/1', 'integrity.failed/1', 'integrity.acknowledged/1', 'backup.failed/1', 'cash.moved/1', 'drawer.opened/1',
  'user.created/1', 'user.roleChanged/1', 'user.deactivated/1', 'user.pinReset/1', 'settings.envOverrides/1',
];

type Payload = Record<string, unknown>;

const SALE_TYPES = new Set<string>(SALE_ROW_TYPES);
const CASH_TYPES = new Set<string>(CASH_ROW_TYPES);
const USER_ROLE_TYPES = new Set<string>(USER_ROLE_ROW_TYPES);

/**
 * Folds one branch of one till's journal, rows in seq order (the back office picks the branch:
 * src/backoffice/ui/till-rows.ts). Closed shifts get their Z report, the open one (if any) its X so far,
 * in `format` (default the current one: the journal does not say which format the till's build
 * stored a Z in; given the format it closed with, the report is that Z byte for byte).
 */
export function foldJournal(input: Iterable<FoldRow>, format: ReportFormat = REPORT_FORMAT): TillFold {
  const rows = [...input];
  const read = new Set(READ_EVENTS);
  const unknownRows = rows.filter((r) => !read.has(`${r.type}/${r.version}`)).map((r) => ({ seq: r.seq, type: r.type, version: r.version }));
  const known = rows.filter((r) => read.has(`${r.type}/${r.version}`));
  const payloads = new Map<FoldRow, Payload>(known.map((r) => [r, JSON.parse(r.payload) as Payload]));
  const hashAt = new Map(rows.map((r) => [r.seq, r.hash]));
  const last = rows.at(-1);

  let till: TillFold['till'] = null;
  let merchantName: string | null = null;
  const saleRows = new Map<number, FoldRow[]>();
  const ranges: Array<{ opened: FoldRow; closed: FoldRow | null; fromSeq: number }> = [];
  let afterClose: number | null = null;
  for (const row of known) {
    const p = payloads.get(row)!;
    if (row.type === 'till.created') till = { id: p.till as string, code: p.code as string };
    if (row.type === 'sale.opened') merchantName = p.merchantName as string;
    if (SALE_TYPES.has(row.type)) {
      const list = saleRows.get(p.sale as number) ?? [];
      list.push(row);
      saleRows.set(p.sale as number, list);
    }
    if (row.type === 'shift.opened') ranges.push({ opened: row, closed: null, fromSeq: afterClose ?? row.seq });
    if (row.type === 'shift.closed') {
      const open = ranges.at(-1);
      if (open && !open.closed && payloads.get(open.opened)!.shift === p.shift) open.closed = row;
      afterClose = row.seq + 1;
    }
  }

  const ownerMade = ownerMadeFrom(known.filter((r) => USER_ROLE_TYPES.has(r.type)));
  const userNames = new Map(known.filter((r) => r.type === 'user.created').map((r) => [`user:${payloads.get(r)!.user as string}`, payloads.get(r)!.name as string]));
  const envOverrides = known.filter((r) => r.type === ENV_OVERRIDES_ROW_TYPE);
  const saleUpTo = (sale: number, seq: number): FoldedSale | null => foldSale((saleRows.get(sale) ?? []).filter((r) => r.seq <= seq));
  const shifts: FoldedShift[] = [];
  let previous: ShiftReport | null = null;
  for (const { opened, closed, fromSeq } of ranges) {
    const o = payloads.get(opened)!;
    const c = closed ? payloads.get(closed)! : null;
    const toSeq = closed ? closed.seq - 1 : last!.seq;
    const inRange = known.filter((r) => r.seq >= fromSeq && r.seq <= toSeq);
    const carriedOver = previous
      ? previous.unresolved.map((u) => u.sale)
      : known.filter((r) => r.type === 'migrated.sale' && r.seq < fromSeq && ['creating', 'awaiting_payment'].includes(payloads.get(r)!.status as string))
        .map((r) => payloads.get(r)!.sale as number);
    const report = tallyShift({
      header: {
        format, kind: closed ? 'Z' : 'X', till: till ?? { id: '', code: '' }, shift: o.shift as number,
        zNumber: c ? (c.zNumber as string) : null, businessDate: o.businessDate as string, openedAt: opened.at,
        openedBy: opened.actor as ShiftReport['openedBy'], openReason: o.reason as ShiftReport['openReason'], closedAt: closed ? closed.at : null,
        fromSeq, toSeq, anchor: { seq: toSeq, hash16: (hashAt.get(toSeq) ?? '').slice(0, 16) },
      },
      saleRows: inRange.filter((r) => SALE_TYPES.has(r.type)),
      cashRows: format >= 2 ? inRange.filter((r) => CASH_TYPES.has(r.type)) : [],
      carriedOver,
      saleBefore: (sale) => saleUpTo(sale, fromSeq - 1),
      saleAtEnd: (sale) => saleUpTo(sale, toSeq),
      close: format >= 4 ? {
        accounts: shiftAccounts(
          known.filter((r) => r.type === 'settings.snapshot' && r.seq < fromSeq).at(-1)?.payload,
          known.filter((r) => r.type === 'settings.changed' && r.seq <= toSeq), fromSeq, ownerMade,
          format >= 8 ? envOverrides.filter((r) => r.seq <= toSeq) : undefined,
        ),
        count: countSection(inRange.filter((r) => r.type === 'shift.counted')),
        reprints: reprintSection(inRange.filter((r) => r.type === 'receipt.printed' || r.type === 'z.reprinted')),
        openedBy: (sale) => saleRows.get(sale)?.[0]?.actor ?? 'system',
      } : null,
      returnRows: format >= 5 ? inRange.filter((r) => r.type === 'refund.made' || r.type === 'sale.voided') : null,
      envOverrides: envOverrides.filter((r) => r.seq <= toSeq).at(-1)?.payload,
    });
    const shift: FoldedShift = { shift: o.shift as number, epoch: opened.epoch, report, closed: null, problems: [] };
    if (closed && c) {
      shift.closed = { seq: closed.seq, at: closed.at, zNumber: c.zNumber as string, lastSeq: c.lastSeq as number, headHash16: c.headHash16 as string };
      shift.problems = closeProblems(shift, till?.code ?? '', report.anchor);
      previous = report;
    }
    shifts.push(shift);
  }

  // Each sale's refunds and void (the export's columns), from their own rows.
  const returns = new Map<number, { count: number; USD: number; KHR: number; voided: boolean }>();
  for (const row of known) {
    if (row.type !== 'refund.made' && row.type !== 'sale.voided') continue;
    const p = payloads.get(row)!;
    const line = returns.get(p.sale as number) ?? { count: 0, USD: 0, KHR: 0, voided: false };
    if (row.type === 'sale.voided') line.voided = true;
    else {
      line.count += 1;
      line[p.currency as 'USD' | 'KHR'] += p.amount as number;
    }
    returns.set(p.sale as number, line);
  }
  const approvedAt = approvedAccountByTime(known.filter((r) => (APPROVED_ACCOUNT_ROW_TYPES as readonly string[]).includes(r.type)), ownerMade);
  const sales = [...saleRows].sort(([a], [b]) => a - b).flatMap(([id, list]): ExportSaleRow[] => {
    const sale = foldSale(list);
    if (!sale) return [];
    const shown = shownTender(sale);
    const tenders = [...sale.tenders.values()];
    const overpaid = tenders.filter((t) => t.overpaid === 1);
    return [{
      id, currency: sale.due_currency, ...amounts(sale), change_usd: sale.change_usd, change_khr: sale.change_khr, rounding_exact: sale.rounding_exact,
      khr_per_usd: sale.khr_per_usd, status: exportStatus(sale.status, shownStatus(sale)), training: sale.training === 1 ? 1 : 0,
      merchant_name: sale.merchant_name, bakong_id: sale.bakong_id, pay_to: shown?.pay_to ?? null, md5: shown?.md5 ?? null,
      created_at: sale.created_at, paid_at: sale.completed_at, paid_late: sale.paid_late === 1 ? 1 : 0, failure_code: shown?.failure_code ?? null,
      tenders: tenders.length, overpaid_count: overpaid.length, overpaid_cents: overpaid.reduce((sum, t) => sum + t.amount, 0),
      till_code: till?.code ?? null, epoch: list[0]!.epoch, approved_account: sale.completed_at === null ? null : approvedAt(sale.completed_at),
      refund_count: returns.get(id)?.count ?? 0, refunded_cents: returns.get(id)?.USD ?? 0, refunded_riel: returns.get(id)?.KHR ?? 0,
      voided: returns.get(id)?.voided ? 1 : 0,
    }];
  });
  return { till, shifts, unknownRows, merchantName, sales, userNames };
}

/** The amount due in both currencies, as the till's export states it (shared/cash inBothCurrencies). */
function amounts(sale: FoldedSale): { amount_cents: number; amount_riel: number } {
  const both = inBothCurrencies({ currency: sale.due_currency, amount: sale.due_amount }, sale.khr_per_usd);
  return { amount_cents: both.usd, amount_riel: both.khr };
}

/** What the till's close row states (its anchor and Z number) against what its rows give. */
function closeProblems(shift: FoldedShift, code: string, anchor: { seq: number; hash16: string }): ShiftProblem[] {
  const closed = shift.closed!;
  const problems: ShiftProblem[] = [];
  const expectedZ = shift.epoch > 1 ? `${code}-${shift.epoch}-Z${shift.shift}` : `${code}-Z${shift.shift}`;
  if (closed.lastSeq !== anchor.seq) problems.push({ kind: 'anchorSeq', stated: closed.lastSeq, expected: anchor.seq });
  if (closed.headHash16 !== anchor.hash16) problems.push({ kind: 'anchorHash', stated: closed.headHash16, expected: anchor.hash16 });
  if (closed.zNumber !== expectedZ) problems.push({ kind: 'zNumber', stated: closed.zNumber, expected: expectedZ });
  return problems;
}
