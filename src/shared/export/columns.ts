/**
 * The export's columns, in order: one definition used by the CSV and the XLSX writer alike, the
 * till's and the back office's, so every file carries the same facts (README, "Export for the accountant", documents them).
 * Money is integers to the last step: USD is written from integer cents as decimal text (CSV) or
 * as cents / 100 in a cell formatted 0.00 (XLSX); riel is centsToRiel (shared/money.ts), the same
 * rounding as receipts and the day's totals.
 */
import { formatExact } from '../cash/index.ts';
import { cambodiaTime, saleBusinessDate } from '../business-date.ts';
import { centsToDecimal } from '../money.ts';
import { receiptNumber } from '../receipt-number.ts';
import { paidElsewhere, type ExportSaleRow } from './sale-row.ts';

/**
 * What a cell holds: text, a whole number, USD (integer cents, shown as dollars), or riel to the
 * hundredth (`exact`: integer hundredths of a riel, the rounding line). Every kind but text is a
 * number the POS made itself: written as a number, never guarded as a formula (csv.ts).
 */
export type CellKind = 'text' | 'integer' | 'usd' | 'exact';

export interface Column {
  /** English header (the CSV's header and the XLSX header's first line). */
  en: string;
  /** Khmer header (the XLSX header's second line). */
  km: string;
  kind: CellKind;
  /** The value: text for 'text', an integer (riel, rate, number or cents) otherwise; null for an empty cell. */
  value(row: ExportSaleRow): string | number | null;
}

const formatExactRiel = (exact: number): string => formatExact(exact).replace(/[៛,]/g, '');

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/**
 * Whether the sale's QR paid the shop's own Bakong ID — the one approved when it was paid, not the
 * sale's own (which a Bakong ID switched for one sale makes the other account): empty when the
 * ledger holds no receiving account (no QR was issued, or a sale recorded before the account was
 * kept; such a paid sale counts as the shop's own, as in the day's totals).
 */
export function paidToOwnAccount(row: Pick<ExportSaleRow, 'pay_to' | 'bakong_id' | 'approved_account'>): string {
  return row.pay_to === null ? '' : yesNo(!paidElsewhere(row));
}

export const COLUMNS: readonly Column[] = [
  { en: 'Sale number', km: 'លេខការលក់', kind: 'integer', value: (r) => r.id },
  { en: 'Till', km: 'ម៉ាស៊ីនគិតប្រាក់', kind: 'text', value: (r) => r.till_code },
  // As printed on the receipt (the one function that numbers receipts), so a receipt finds its row.
  { en: 'Receipt number', km: 'លេខបង្កាន់ដៃ', kind: 'text', value: (r) => (r.till_code === null ? null : receiptNumber(r.till_code, r.id, r.epoch)) },
  { en: 'Business date', km: 'ថ្ងៃលក់', kind: 'text', value: saleBusinessDate },
  { en: 'Created at', km: 'ពេលបង្កើត', kind: 'text', value: (r) => cambodiaTime(r.created_at) },
  { en: 'Paid at', km: 'ពេលបង់ប្រាក់', kind: 'text', value: (r) => (r.paid_at === null ? null : cambodiaTime(r.paid_at)) },
  { en: 'Status', km: 'ស្ថានភាព', kind: 'text', value: (r) => r.status },
  { en: 'Amount USD', km: 'ទឹកប្រាក់ (ដុល្លារ)', kind: 'usd', value: (r) => r.amount_cents },
  { en: 'KHR per USD', km: 'អត្រាប្តូរប្រាក់ (រៀល/ដុល្លារ)', kind: 'integer', value: (r) => r.khr_per_usd },
  { en: 'Amount KHR', km: 'ទឹកប្រាក់ (រៀល)', kind: 'integer', value: (r) => r.amount_riel },
  { en: 'Keyed in', km: 'វាយបញ្ចូលជា', kind: 'text', value: (r) => r.currency },
  { en: 'Change USD', km: 'ប្រាក់អាប់ (ដុល្លារ)', kind: 'usd', value: (r) => r.change_usd },
  { en: 'Change KHR', km: 'ប្រាក់អាប់ (រៀល)', kind: 'integer', value: (r) => r.change_khr },
  // Hundredths of a riel, written as a decimal ("-12.50"): never rounded a second time.
  { en: 'Rounding KHR', km: 'ការបង្គត់ (រៀល)', kind: 'exact', value: (r) => r.rounding_exact },
  { en: 'Merchant name', km: 'ឈ្មោះហាង', kind: 'text', value: (r) => r.merchant_name },
  { en: 'Shop account', km: 'គណនីហាង', kind: 'text', value: (r) => r.bakong_id },
  { en: 'Approved shop account', km: 'គណនីហាងដែលបានអនុម័ត', kind: 'text', value: (r) => r.approved_account },
  { en: 'Receiving account', km: 'គណនីទទួលប្រាក់', kind: 'text', value: (r) => r.pay_to },
  { en: "Paid to shop's own account", km: 'បង់ចូលគណនីហាងផ្ទាល់', kind: 'text', value: paidToOwnAccount },
  { en: 'Paid late', km: 'បង់យឺត', kind: 'text', value: (r) => yesNo(r.paid_late === 1) },
  { en: 'Training', km: 'ការហ្វឹកហាត់', kind: 'text', value: (r) => yesNo(r.training === 1) },
  { en: 'MD5 reference', km: 'លេខយោង MD5', kind: 'text', value: (r) => r.md5 },
  { en: 'Failure code', km: 'កូដបរាជ័យ', kind: 'text', value: (r) => r.failure_code },
  { en: 'Tenders', km: 'ចំនួនការបង់', kind: 'integer', value: (r) => r.tenders },
  { en: 'Overpaid USD', km: 'បង់លើស (ដុល្លារ)', kind: 'usd', value: (r) => r.overpaid_cents },
  // Refunds and voids (schema 18): documents of their own, linked to the sale; the sale's row never changes.
  { en: 'Refunds', km: 'ចំនួនការសងប្រាក់វិញ', kind: 'integer', value: (r) => r.refund_count },
  { en: 'Refunded USD', km: 'បានសងវិញ (ដុល្លារ)', kind: 'usd', value: (r) => r.refunded_cents },
  { en: 'Refunded KHR', km: 'បានសងវិញ (រៀល)', kind: 'integer', value: (r) => r.refunded_riel },
  { en: 'Voided', km: 'បានលុបចោល', kind: 'text', value: (r) => yesNo(r.voided === 1) },
];

/** A cell as CSV text: USD as decimal text from cents (10.50), riel hundredths as "-12.50", never through a float. */
export function csvText(column: Column, row: ExportSaleRow): string {
  const value = column.value(row);
  if (value === null) return '';
  if (column.kind === 'usd') return centsToDecimal(value as number);
  if (column.kind === 'exact') return formatExactRiel(value as number);
  return String(value);
}
