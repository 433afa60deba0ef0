/**
 * The rows of the `sales` and `tenders` tables (schema 17) as SQLite returns them, and how they read
 * as the host's StoredSale (a sale with its tenders, as the screens see it) and StoredTender (one
 * attempt to pay it, as the payment watcher follows it). Only sales.ts writes these tables.
 */
import type { Currency, SaleSettlementView, SaleView, TenderView } from '../../shared/contract.ts';
import { inBothCurrencies, settle } from '../../shared/cash/index.ts';
import { hostMessage, isHostMessageCode, type HostMessage, type MessageParams } from '../../shared/messages/index.ts';
import type { SaleColumns, TenderColumns } from '../../shared/reports/sale-fold.ts';

/**
 * A sale's amount due in both currencies as SQL over the `sales` columns of `alias`, the integer
 * arithmetic of shared/cash inBothCurrencies: a riel sale's cents half up, a dollar sale's riel to
 * the 100 ៛ note. The export's Amount columns and the day's totals read it.
 */
export function dueInBothSql(alias: string): { cents: string; riel: string } {
  const s = alias;
  return {
    cents: `CASE WHEN ${s}.due_currency = 'USD' THEN ${s}.due_amount ELSE (${s}.due_amount * 200 + ${s}.khr_per_usd) / (2 * ${s}.khr_per_usd) END`,
    riel: `CASE WHEN ${s}.due_currency = 'USD' THEN ((${s}.due_amount * ${s}.khr_per_usd + 5000) / 10000) * 100 ELSE ${s}.due_amount END`,
  };
}

/** A row of `sales`: the document the customer owes (the columns its journal rows state, and its bookkeeping). */
export interface SaleRow extends SaleColumns {
  updated_at: number;
}

/** A row of `tenders`: one attempt to pay a sale (the journal's verifier compares the columns its rows state). */
export interface TenderRow extends TenderColumns {
  sale_id: number;
  updated_at: number;
  /** English text written by versions before 8 (it could quote the API): kept as written, never shown. */
  failure_reason: string | null;
  /** JSON of the message's params (values the POS produced). */
  failure_params: string | null;
  final_check_at: number | null;
  checked_at: number | null;
  /** The cash screen's attempt id this cash tender answers (schema 21); null for KHQR and older cash tenders. */
  attempt: string | null;
}

export interface StoredSale extends SaleView {
  /** The payment service the current tender's QR was asked of. */
  apiBaseUrl: string;
  /** When the current tender's ended QR was last confirmed unpaid after its grace period. */
  finalCheckAt: number | null;
}

/**
 * One tender with what the watcher needs of its sale. `amountCents`: a KHQR tender is asked of the
 * USD-only API in cents (a riel tender is cash, issue 9, never watched).
 */
export interface StoredTender extends Omit<TenderView, 'amount'>, Pick<SaleView, 'training' | 'khrPerUsd' | 'merchantName' | 'bakongId' | 'khqrString' | 'md5'> {
  saleId: number;
  amountCents: number;
  apiBaseUrl: string;
  finalCheckAt: number | null;
}

export function toTender(row: TenderRow, sale: SaleRow): StoredTender {
  const { amount, ...view } = tenderView(row);
  return {
    ...view, saleId: row.sale_id, amountCents: amount, training: sale.training === 1, khrPerUsd: sale.khr_per_usd,
    merchantName: sale.merchant_name, bakongId: sale.bakong_id, apiBaseUrl: row.api_base_url ?? '', finalCheckAt: row.final_check_at,
    khqrString: row.khqr_string, md5: row.md5,
  };
}

function tenderView(row: TenderRow): TenderView {
  return {
    id: row.id,
    kind: row.kind,
    currency: row.currency,
    amount: row.amount,
    status: row.status,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    paidLate: row.paid_late === 1,
    overpaid: row.overpaid === 1,
    expiresAt: row.expires_at,
    receivingAccount: row.pay_to,
    failureReason: failureMessage(row),
    attempt: row.attempt,
  };
}

/**
 * The tender a sale shows: the one that completed it (its paid tender that was not an
 * overpayment), else its newest. `tenders` in id order, at least one (a sale opens with its first).
 */
export function currentTender(sale: Pick<SaleRow, 'status'>, tenders: readonly TenderRow[]): TenderRow {
  if (sale.status === 'completed') {
    const covering = tenders.filter((t) => t.status === 'paid' && t.overpaid === 0).at(-1);
    if (covering) return covering;
  }
  return tenders[tenders.length - 1]!;
}

export function toSale(row: SaleRow, tenders: readonly TenderRow[]): StoredSale {
  const current = currentTender(row, tenders);
  const both = inBothCurrencies({ currency: row.due_currency, amount: row.due_amount }, row.khr_per_usd);
  return {
    id: row.id,
    saleStatus: row.status,
    tenderId: current.id,
    tenders: tenders.map(tenderView),
    amountCents: both.usd,
    amountRiel: both.khr,
    currency: row.due_currency,
    dueAmount: row.due_amount,
    settlement: settlementView(row, tenders),
    khrPerUsd: row.khr_per_usd,
    status: row.status === 'completed' ? 'paid' : current.status,
    training: row.training === 1,
    merchantName: row.merchant_name,
    bakongId: row.bakong_id,
    receivingAccount: current.pay_to,
    apiBaseUrl: current.api_base_url ?? '',
    finalCheckAt: current.final_check_at,
    khqrString: current.khqr_string,
    md5: current.md5,
    createdAt: row.created_at,
    expiresAt: current.expires_at,
    paidAt: row.completed_at,
    paidLate: row.paid_late === 1,
    failureReason: failureMessage(current),
  };
}

/** The paid tenders that count towards what is due (not those paid after it was covered), as Money. */
export function countedTenders(tenders: readonly TenderRow[]): Array<{ currency: Currency; amount: number }> {
  return tenders.filter((t) => t.status === 'paid' && t.overpaid === 0).map((t) => ({ currency: t.currency, amount: t.amount }));
}

/**
 * How far the sale is paid: a completed sale as it was settled (its stored change and rounding), an
 * open one as its paid tenders leave it (shared/cash settle(), the same arithmetic that completes it).
 */
function settlementView(row: SaleRow, tenders: readonly TenderRow[]): SaleSettlementView {
  const change = { usd: row.change_usd, khr: row.change_khr };
  if (row.status !== 'open') {
    return { covered: row.status === 'completed', remaining: { usd: 0, khr: 0 }, change, roundingExact: row.rounding_exact };
  }
  const settled = settle({ due: { currency: row.due_currency, amount: row.due_amount }, khrPerUsd: row.khr_per_usd }, countedTenders(tenders));
  return { covered: settled.covered, remaining: { usd: settled.remaining.usd, khr: settled.remaining.khr }, change, roundingExact: 0 };
}

/**
 * A stored failure reason back as the message it was. What is not a catalog code — the English
 * text of a version before 8, or a code this build does not know — reads as
 * `payment.failedEarlier`: only the POS's own catalog ever reaches a screen.
 */
function failureMessage(row: Pick<TenderRow, 'failure_code' | 'failure_params' | 'failure_reason'>): HostMessage | null {
  if (row.failure_code === null) return row.failure_reason === null ? null : hostMessage('payment.failedEarlier');
  if (!isHostMessageCode(row.failure_code)) return hostMessage('payment.failedEarlier');
  let values: MessageParams | undefined;
  try {
    const parsed: unknown = row.failure_params === null ? undefined : JSON.parse(row.failure_params);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) values = parsed as MessageParams;
  } catch {
    values = undefined;
  }
  return hostMessage(row.failure_code, values);
}
