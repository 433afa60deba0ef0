/**
 * One till's journal folded into its shifts and their X/Z reports, from the rows alone: the back
 * office recomputes every Z it shows with this, from the rows the till pushed (docs/backoffice.md,
 * "Z reports recomputed"). It gives the report the till computes (src/host/reports/shift-report.ts,
 * `ShiftReport` in src/shared/contract.ts) — tests/shared/reports/journal-fold.test.ts holds the two
 * equal on real till ledgers — but reads rows in order instead of querying SQLite, so it runs
 * anywhere (plain data, no Node).
 *
 * Every event type and version of docs/journal.md has one entry in EVENTS below; a row of a type or
 * version not listed is kept in `unknownRows` (the page shows it), never silently skipped. Adding an
 * event type is adding its entry (and a line to the table-driven test).
 *
 * The rules, as the till's: a shift is the range after the previous `shift.closed` row up to its own
 * `shift.closed` row (shift 1 from its `shift.opened`); money counts in the shift in which its row is
 * journaled; what a row says of its sale (amount, rate, training, the shop's account, the account its
 * QR pays) comes from the sale's own earlier rows; training sales and sales paid to another account
 * are counted apart and never in takings; riel is each sale's cents at its own rate, summed in integers.
 */
import type { SaleStatus, ShiftReport } from '../contract.ts';
import type { ExportSaleRow } from '../export/sale-row.ts';
import { cashSection } from './cash-report.ts';
import { addSale, blankShiftReport, countPayment, REPORT_FORMAT, type ReportSaleFacts } from './report-rules.ts';

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
  /** Its `cash.moved` and `drawer.opened` rows, for the report's cash section. */
  cashRows: FoldRow[];
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
  /** Every sale as its rows leave it, by number: the till's sales columns (the exports' rows). */
  sales: ExportSaleRow[];
}

interface SaleFacts extends ReportSaleFacts {
  status: SaleStatus;
  /** The rest of the sale's columns, for the export. */
  merchantName: string;
  md5: string | null;
  createdAt: number;
  paidAt: number | null;
  paidLate: boolean;
  failureCode: string | null;
  /** The epoch of its first row (its receipt number carries it above 1). */
  epoch: number;
}

type Payload = Record<string, unknown>;

const add = addSale;

/** The state of the fold between rows. */
interface State {
  till: { id: string; code: string } | null;
  sales: Map<number, SaleFacts>;
  shifts: FoldedShift[];
  /** The shift rows count in now: the open one, or (between a close and the next open) none. */
  open: FoldedShift | null;
  /** Where the next shift's range starts: after the last `shift.closed` row. */
  nextFromSeq: number | null;
  merchantName: string | null;
  /** Each seq's hash, for the anchors. */
  hashes: Map<number, string>;
  /** Sale rows journaled while no shift was open (between a close and the next open): they count in the next shift. */
  pending: Array<{ row: FoldRow; p: Payload }>;
}

type Handler = (state: State, row: FoldRow, p: Payload) => void;

function emptyReport(state: State, shift: number, p: Payload, row: FoldRow): ShiftReport {
  return blankShiftReport({
    format: REPORT_FORMAT,
    kind: 'X',
    till: state.till ?? { id: '', code: '' },
    shift,
    zNumber: null,
    businessDate: p.businessDate as string,
    openedAt: row.at,
    openedBy: row.actor as ShiftReport['openedBy'],
    openReason: p.reason as ShiftReport['openReason'],
    closedAt: null,
    fromSeq: state.nextFromSeq ?? row.seq,
    toSeq: row.seq,
    anchor: { seq: row.seq, hash16: row.hash.slice(0, 16) },
  });
}

/** A sale row's effect on its sale and, when a shift is open, on that shift's report. */
function saleRow(apply: (sale: SaleFacts, report: ShiftReport | null, row: FoldRow, p: Payload, number: number) => void): Handler {
  return (state, row, p) => {
    const number = p.sale as number;
    const sale = state.sales.get(number);
    if (!sale) return; // the till's verifyChain names a row for a sale never opened
    apply(sale, state.open?.report ?? null, row, p, number);
  };
}

const outcome = (status: 'expired' | 'cancelled' | 'failed'): Handler => saleRow((sale, report, _row, p, number) => {
  sale.status = status;
  if (status === 'failed') sale.failureCode = p.code as string;
  if (!report) return;
  add(sale.training ? report.training[status] : report.byStatus[status], sale);
  if (!sale.training && status !== 'expired') report[status].push(number);
});

const nothing: Handler = () => undefined;

/** A row of the cash section: kept with its shift, folded at the shift's end (cash-report.ts). */
const cashRow: Handler = (state, row) => {
  state.open?.cashRows.push(row);
};

/**
 * Every event type and version of docs/journal.md, and what it does to the fold. Types that move no
 * money and open or close no shift are listed too (as `nothing`), so that only a type this build
 * does not know ends in `unknownRows`.
 */
export const EVENTS: Readonly<Record<string, Handler>> = {
  'till.created/1': (state, _row, p) => {
    state.till = { id: p.till as string, code: p.code as string };
  },
  'settings.snapshot/1': nothing,
  'settings.changed/1': nothing,
  'migrated.sale/1': (state, row, p) => {
    state.sales.set(p.sale as number, {
      amountCents: p.amountCents as number, khrPerUsd: p.khrPerUsd as number, training: p.training as boolean,
      bakongId: p.bakongId as string, payTo: p.payTo as string | null, status: p.status as SaleStatus,
      merchantName: p.merchantName as string, md5: p.md5 as string | null, createdAt: p.createdAt as number, paidAt: p.paidAt as number | null,
      paidLate: p.paidLate === true, failureCode: p.failureCode as string | null, epoch: row.epoch,
    });
  },
  'migrated.alert/1': nothing,
  'shift.opened/1': (state, row, p) => {
    const shift: FoldedShift = { shift: p.shift as number, epoch: row.epoch, report: emptyReport(state, p.shift as number, p, row), cashRows: [], closed: null, problems: [] };
    state.shifts.push(shift);
    state.open = shift;
    // Rows journaled since the last close belong to this shift (docs/journal.md, "Which shift a row belongs to").
    for (const { row: early, p: earlyPayload } of state.pending.splice(0)) EVENTS[`${early.type}/${early.version}`]!(state, early, earlyPayload);
  },
  'shift.closed/1': (state, row, p) => {
    const open = state.open;
    if (!open) return;
    const report = open.report;
    const closed: ClosedBy = { seq: row.seq, at: row.at, zNumber: p.zNumber as string, lastSeq: p.lastSeq as number, headHash16: p.headHash16 as string };
    const lastSeq = row.seq - 1;
    const expectedHash16 = (state.hashes.get(lastSeq) ?? '').slice(0, 16);
    report.kind = 'Z';
    report.zNumber = closed.zNumber;
    report.closedAt = row.at;
    report.toSeq = lastSeq;
    report.anchor = { seq: lastSeq, hash16: expectedHash16 };
    const code = state.till?.code ?? '';
    const expectedZ = open.epoch > 1 ? `${code}-${open.epoch}-Z${open.shift}` : `${code}-Z${open.shift}`;
    if (closed.lastSeq !== lastSeq) open.problems.push({ kind: 'anchorSeq', stated: closed.lastSeq, expected: lastSeq });
    if (closed.headHash16 !== expectedHash16) open.problems.push({ kind: 'anchorHash', stated: closed.headHash16, expected: expectedHash16 });
    if (closed.zNumber !== expectedZ) open.problems.push({ kind: 'zNumber', stated: closed.zNumber, expected: expectedZ });
    open.closed = closed;
    finishReport(state, open);
    state.open = null;
    state.nextFromSeq = row.seq + 1;
  },
  'sale.opened/1': (state, row, p) => {
    const number = p.sale as number;
    const sale: SaleFacts = {
      amountCents: p.amountCents as number, khrPerUsd: p.khrPerUsd as number, training: p.training as boolean,
      bakongId: p.bakongId as string, payTo: null, status: 'creating',
      merchantName: p.merchantName as string, md5: null, createdAt: row.at, paidAt: null, paidLate: false, failureCode: null, epoch: row.epoch,
    };
    state.sales.set(number, sale);
    state.merchantName = p.merchantName as string;
    const report = state.open?.report;
    if (!report) return;
    add(sale.training ? report.training.opened : report.byStatus.opened, sale);
    report.firstSale ??= { sale: number, at: row.at };
    report.lastSale = { sale: number, at: row.at };
  },
  'sale.qrIssued/1': saleRow((sale, _report, _row, p) => {
    sale.status = 'awaiting_payment';
    sale.payTo = p.payTo as string;
    sale.md5 = p.md5 as string;
  }),
  'sale.paid/1': saleRow((sale, report, row, p, number) => {
    sale.status = 'paid';
    sale.paidAt = row.at;
    sale.paidLate ||= p.late === true;
    if (report) countPayment(report, sale, p.late === true, number);
  }),
  'sale.expired/1': outcome('expired'),
  'sale.cancelled/1': outcome('cancelled'),
  'sale.failed/1': outcome('failed'),
  'alert.raised/1': nothing,
  'alert.dismissed/1': nothing,
  'receipt.printed/1': nothing,
  'ledger.restored/1': nothing,
  'integrity.failed/1': nothing,
  'integrity.acknowledged/1': nothing,
  'backup.failed/1': nothing,
  'cash.moved/1': cashRow,
  'drawer.opened/1': cashRow,
};

/** The end of a report's range: the sales still unresolved (creating or awaiting payment), and its cash. */
function finishReport(state: State, shift: FoldedShift): void {
  const report = shift.report;
  if (report.format >= 2) report.cash = cashSection(shift.cashRows);
  report.unresolved = [...state.sales]
    .filter(([, sale]) => sale.status === 'creating' || sale.status === 'awaiting_payment')
    .sort(([a], [b]) => a - b)
    .map(([number, sale]) => ({ sale: number, status: sale.status, amountCents: sale.amountCents }));
}

/** Rows that count in the shift in which they are journaled: held while no shift is open. */
const COUNTED_IN_SHIFT = /^(sale|cash|drawer)\./;

/**
 * Folds one branch of one till's journal, rows in seq order (one epoch's branch: the back office
 * picks it, src/backoffice/ui/till-rows.ts). Closed shifts get their Z report, the open one (if any)
 * its X so far.
 */
export function foldJournal(rows: Iterable<FoldRow>): TillFold {
  const state: State = { till: null, sales: new Map(), shifts: [], open: null, nextFromSeq: null, merchantName: null, hashes: new Map(), pending: [] };
  const unknownRows: TillFold['unknownRows'] = [];
  let lastRow: FoldRow | null = null;
  for (const row of rows) {
    state.hashes.set(row.seq, row.hash);
    lastRow = row;
    const handler = EVENTS[`${row.type}/${row.version}`];
    if (!handler) {
      unknownRows.push({ seq: row.seq, type: row.type, version: row.version });
      continue;
    }
    const p = JSON.parse(row.payload) as Payload;
    // A sale row between a close and the next open counts in the next shift; its sale's own facts
    // (opened, QR) are still taken now, so a later row of the range sees them.
    if (!state.open && state.nextFromSeq !== null && COUNTED_IN_SHIFT.test(row.type) && row.type !== 'sale.qrIssued') {
      state.pending.push({ row, p });
      continue;
    }
    handler(state, row, p);
  }
  // Outcomes journaled since the last close, no shift open yet: they change their sales now, and
  // will count in the next shift when its rows arrive.
  for (const { row, p } of state.pending) EVENTS[`${row.type}/${row.version}`]!(state, row, p);
  if (state.open && lastRow) {
    const report = state.open.report;
    report.toSeq = lastRow.seq;
    report.anchor = { seq: lastRow.seq, hash16: lastRow.hash.slice(0, 16) };
    finishReport(state, state.open);
  }
  const code = state.till?.code ?? null;
  const sales = [...state.sales].sort(([a], [b]) => a - b).map(([id, sale]): ExportSaleRow => ({
    id, amount_cents: sale.amountCents, khr_per_usd: sale.khrPerUsd, status: sale.status, training: sale.training ? 1 : 0,
    merchant_name: sale.merchantName, bakong_id: sale.bakongId, pay_to: sale.payTo, md5: sale.md5, created_at: sale.createdAt,
    paid_at: sale.paidAt, paid_late: sale.paidLate ? 1 : 0, failure_code: sale.failureCode, till_code: code, epoch: sale.epoch,
  }));
  return { till: state.till, shifts: state.shifts, unknownRows, merchantName: state.merchantName, sales };
}
