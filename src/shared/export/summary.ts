/**
 * The export's totals, added up from the very rows written (so the summary and the rows cannot
 * disagree), in integers: USD cents and riel per sale (centsToRiel at each sale's own rate).
 * Takings are real sales completed and paid to the shop's own account, each once at its amount due
 * (as the X/Z counts them from report format 8): never a voided sale, nor the change handed back, nor an
 * overpayment (a tender paid after the sale was covered, owed back: counted apart); sales paid to
 * another account and training sales are counted apart and never in takings.
 */
import type { ShiftMoney, ShiftReport } from '../contract.ts';
import { centsToRiel } from '../money.ts';
import { EXPORT_STATUSES, paidElsewhere, type ExportSaleRow, type ExportStatus } from './sale-row.ts';

export interface Total {
  count: number;
  cents: number;
  riel: number;
}

/** What an export by Z says of its Z report (README, "Export by Z report"). */
export interface ExportZ {
  /** The shift number (what `ledger export --z N` takes). */
  shift: number;
  /** The printed Z number, <till>-Z<n>. */
  zNumber: string;
  /** The Z's anchor: its last seq and the first 16 hex of the chain head (ledger verify --anchor SEQ:HASH). */
  anchor: { seq: number; hash16: string };
  fromSeq: number;
}

export interface ExportSummary {
  from: string;
  to: string;
  /** Set for an export by Z report. */
  z?: ExportZ;
  /** Every row exported, training included. */
  rows: number;
  /** Real (not training) sales by status (a voided sale as `voided`). */
  byStatus: Record<ExportStatus, Total>;
  /** Paid (completed) real sales to the shop's own account at their amounts due: what was sold. */
  takings: Total;
  /** Tenders paid on a sale already covered (count of tenders, their sum): owed back to customers, not takings. */
  overpaid: Total;
  /** Of the takings, those paid after their QR had expired or been cancelled. */
  paidLate: Total;
  /** Paid real sales whose QR paid an account other than the shop's own: not takings. */
  otherAccount: Total;
  /** Training sales, whatever their status: never takings. */
  training: Total;
  /** Training sales marked paid (by the sandbox): never takings. */
  trainingPaid: Total;
}

const zero = (): Total => ({ count: 0, cents: 0, riel: 0 });

export function emptySummary(from: string, to: string): ExportSummary {
  return {
    from,
    to,
    rows: 0,
    byStatus: Object.fromEntries(EXPORT_STATUSES.map((status) => [status, zero()])) as Record<ExportStatus, Total>,
    takings: zero(),
    overpaid: zero(),
    paidLate: zero(),
    otherAccount: zero(),
    training: zero(),
    trainingPaid: zero(),
  };
}

function add(total: Total, cents: number, riel: number): void {
  total.count += 1;
  total.cents += cents;
  total.riel += riel;
}

/** Counts one exported row in the summary. */
export function addToSummary(summary: ExportSummary, row: ExportSaleRow): void {
  const riel = row.amount_riel;
  summary.rows += 1;
  if (row.training === 1) {
    add(summary.training, row.amount_cents, riel);
    if (row.status === 'paid') add(summary.trainingPaid, row.amount_cents, riel);
    return;
  }
  add(summary.byStatus[row.status], row.amount_cents, riel);
  if (row.status !== 'paid') return;
  // As the X/Z: a payment to any account but the approved one is apart; no recorded account counts as the shop's own.
  if (paidElsewhere(row)) {
    add(summary.otherAccount, row.amount_cents, riel);
    return;
  }
  add(summary.takings, row.amount_cents, riel);
  if (row.paid_late === 1) add(summary.paidLate, row.amount_cents, riel);
  // As the X/Z (format 8): an overpaid tender is owed back, counted apart, never in the takings.
  if (row.overpaid_count > 0) {
    summary.overpaid.count += row.overpaid_count;
    summary.overpaid.cents += row.overpaid_cents;
    summary.overpaid.riel += centsToRiel(row.overpaid_cents, row.khr_per_usd);
  }
}

const total = (m: ShiftMoney): Total => ({ count: m.count, cents: m.cents, riel: m.riel });

/**
 * An export by Z states the Z's own totals (README, "Export by Z report"): takings, other account,
 * paid late, training paid, and paid / expired / cancelled / failed counted as the Z counts them (the
 * rows of the shift that paid, expired, cancelled or failed a sale, so a sale expired then paid late
 * counts in both). Sales still unresolved at the shift's end (creating, awaiting payment) keep the
 * rows' count. The rows show each sale as of the shift's end, so their paid rows add up to the same takings.
 */
export function withZTotals(summary: ExportSummary, z: ShiftReport): ExportSummary {
  summary.takings = total(z.takings);
  summary.overpaid = total(z.overpaid ?? { count: 0, cents: 0, riel: 0 });
  summary.otherAccount = total(z.otherAccount);
  summary.paidLate = total(z.byStatus.paidLate);
  summary.trainingPaid = total(z.training.paid);
  summary.byStatus.paid = total(z.byStatus.paid);
  summary.byStatus.expired = total(z.byStatus.expired);
  summary.byStatus.cancelled = total(z.byStatus.cancelled);
  summary.byStatus.failed = total(z.byStatus.failed);
  return summary;
}
