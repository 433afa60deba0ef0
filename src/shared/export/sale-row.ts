/**
 * One sale as the exports write it (the till's sales columns, unchanged): read from the till's sales
 * table (src/host/export/sales-rows.ts) or, in the back office, folded from the till's journal rows
 * (src/shared/reports/journal-fold.ts). One shape, so both write the same columns (columns.ts).
 */
import { SALE_STATUSES, type SaleStatus } from '../contract.ts';

/**
 * A row's status: `paid` once completed, `voided` for a voided sale, `partly_paid` for a sale still
 * open with money paid on it (a cash tender that did not cover it), else as its shown tender is.
 * Only `paid` is ever takings.
 */
export const EXPORT_STATUSES = [...SALE_STATUSES, 'partly_paid', 'voided'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The row's status from the sale's own status (completed, voided, open) and its shown tender's status (shared by the till's SQL and the back office's fold). */
export function exportStatus(sale: 'open' | 'completed' | 'voided', shown: SaleStatus): ExportStatus {
  if (sale === 'completed') return 'paid';
  if (sale === 'voided') return 'voided';
  return shown === 'paid' ? 'partly_paid' : shown;
}

/**
 * One sale as the export needs it: the sale's own columns (its amount due, rate, parties, completed
 * time as `paid_at`), its status as its tenders show it (`paid` once completed, `voided` once
 * voided, else its shown tender's), and the shown tender's KHQR columns (the tender that completed it, else its newest).
 */
export interface ExportSaleRow {
  id: number;
  /** The currency the sale was keyed in. */
  currency: 'USD' | 'KHR';
  /** The amount due in dollars: as keyed, or a riel sale's cents rounded half up (shared/cash inBothCurrencies). */
  amount_cents: number;
  /** The amount due in riel: a dollar sale's riel rounded to 100 ៛ (centsToRiel), or as keyed. */
  amount_riel: number;
  /** Change given (cents, whole riel) and the rounding line (hundredths of a riel), once completed. */
  change_usd: number;
  change_khr: number;
  rounding_exact: number;
  khr_per_usd: number;
  status: ExportStatus;
  training: 0 | 1;
  merchant_name: string;
  bakong_id: string;
  pay_to: string | null;
  md5: string | null;
  created_at: number;
  paid_at: number | null;
  paid_late: 0 | 1;
  failure_code: string | null;
  /** Tender attempts (QRs) the sale has had. */
  tenders: number;
  /** Tenders paid on the sale after it was covered: how many, and their sum in cents (owed back to the customer). */
  overpaid_count: number;
  overpaid_cents: number;
  /** The till's code (the same on every row of one ledger); null on a ledger without a till yet. */
  till_code: string | null;
  /** The epoch the sale was opened in (its receipt number carries it above 1; docs/journal.md). */
  epoch: number;
  /**
   * The Bakong ID approved when the sale was paid (reports/close-report.ts approvedAccountByTime):
   * a payment to any other account is not the shop's takings, even when the sale's own Bakong ID was
   * switched to match it. Null when unknown (an old till): the sale's own Bakong ID stands in.
   */
  approved_account: string | null;
  /** Refunds of the sale (schema 18): how many, and their sums in USD cents and in riel (each in its own currency). */
  refund_count: number;
  refunded_cents: number;
  refunded_riel: number;
  /** The sale was voided (schema 18). */
  voided: 0 | 1;
}

/** Whether a paid row's money went to an account other than the shop's approved one (never takings). */
export function paidElsewhere(row: Pick<ExportSaleRow, 'pay_to' | 'bakong_id' | 'approved_account'>): boolean {
  return row.pay_to !== null && row.pay_to !== (row.approved_account ?? row.bakong_id);
}
