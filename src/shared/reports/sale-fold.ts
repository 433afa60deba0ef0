/**
 * The one fold of a sale's journal rows into the sale and tenders they describe (docs/journal.md,
 * "Sales and tenders"). The verifier compares the sales, tenders and tender_events tables with it;
 * the X/Z report (shift-tally.ts) and the export by Z read a sale's state at a seq with it; the back
 * office folds the rows a till pushed with it (journal-fold.ts). Plain data: runs anywhere.
 *
 * Every version ever written is read. Rows written before schema 17 (`migrated.sale`, `sale.opened`
 * v1, `sale.qrIssued`, `sale.paid`, `sale.expired`, `sale.cancelled`, `sale.failed`, all v1) describe
 * one KHQR attempt: they read as sale N with its one KHQR tender N (migration 017 made exactly that
 * of the rows), a v1 `sale.paid` completing the sale. From 16 on a sale is `sale.opened` v2, its
 * attempts `tender.*` rows naming their tender, and its completion `sale.completed`. A sale opened
 * under v1 and still pending at the upgrade goes on with `tender.*` rows for tender N.
 */
import type { Currency, SaleDocumentStatus, SaleStatus, TenderKind } from '../contract.ts';

/** The columns of the till's `sales` table (src/host/ledger/sale-rows.ts SaleRow) that its journal rows state. */
export interface SaleColumns {
  id: number;
  due_currency: Currency;
  due_amount: number;
  khr_per_usd: number;
  status: SaleDocumentStatus;
  training: number;
  merchant_name: string;
  bakong_id: string;
  created_at: number;
  completed_at: number | null;
  paid_late: number;
  /** Change given when the sale completed (schema 18): USD cents, whole riel. */
  change_usd: number;
  change_khr: number;
  /** The rounding line, signed, in hundredths of a riel (docs/cash.md). */
  rounding_exact: number;
}

/** The columns of the till's `tenders` table (TenderRow) that its journal rows state. */
export interface TenderColumns {
  id: number;
  kind: TenderKind;
  currency: Currency;
  amount: number;
  status: SaleStatus;
  created_at: number;
  paid_at: number | null;
  paid_late: number;
  overpaid: number;
  api_base_url: string | null;
  md5: string | null;
  khqr_string: string | null;
  pay_to: string | null;
  expires_at: number | null;
  failure_code: string | null;
  /** A cash tender's cash screen attempt id (schema 21, `tender.opened` v2); null for KHQR and earlier tenders. */
  attempt: string | null;
}

/** One line of a tender's history (tender_events), as its journal rows say. */
export interface JournaledEvent { at: number; from: SaleStatus | null; to: SaleStatus }

/**
 * The `sales` and `tenders` columns a sale's journal rows state: every column but the bookkeeping
 * ones (updated_at, checked_at, final_check_at) and a tender's failure_params / failure_reason
 * (docs/journal.md, "What the chain proves"). The verifier compares exactly these.
 */
export const FOLDED_SALE_COLUMNS = ['due_currency', 'due_amount', 'khr_per_usd', 'status', 'training', 'merchant_name', 'bakong_id', 'created_at',
  'completed_at', 'paid_late', 'change_usd', 'change_khr', 'rounding_exact'] as const satisfies ReadonlyArray<keyof SaleColumns>;
export const FOLDED_TENDER_COLUMNS = ['kind', 'currency', 'amount', 'status', 'created_at', 'paid_at', 'paid_late', 'overpaid', 'api_base_url', 'md5',
  'khqr_string', 'pay_to', 'expires_at', 'failure_code', 'attempt'] as const satisfies ReadonlyArray<keyof TenderColumns>;

/** A tender as its journal rows say, with its history lines. */
export type FoldedTender = TenderColumns & { events: JournaledEvent[] };

/** A sale as its journal rows say, with its tenders in the order they were opened. */
export type FoldedSale = SaleColumns & { tenders: Map<number, FoldedTender> };

/** A journal row as the fold needs it. */
export interface SaleJournalRow { type: string; version: number; at: number; payload: string }

/** Every row type that says something of a sale or its tenders. */
export const SALE_ROW_TYPES = [
  'migrated.sale', 'sale.opened', 'sale.qrIssued', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed',
  'sale.completed', 'sale.voided', 'tender.opened', 'tender.qrIssued', 'tender.paid', 'tender.expired', 'tender.cancelled', 'tender.failed',
] as const;

/** SALE_ROW_TYPES as an SQL list. */
export const SALE_ROW_TYPES_SQL = `(${SALE_ROW_TYPES.map((t) => `'${t}'`).join(', ')})`;

type Payload = Record<string, unknown>;

const bit = (value: unknown): number => (value === true ? 1 : 0);

/** A KHQR tender in its first state (`creating`), as a v1 sale.opened or a tender.opened row makes it. */
function openedTender(
  id: number, at: number, fields: { currency: Currency; amount: number; apiBaseUrl: string | null; kind: TenderKind; attempt: string | null },
): FoldedTender {
  return {
    id, kind: fields.kind, currency: fields.currency, amount: fields.amount, status: 'creating', created_at: at, paid_at: null,
    paid_late: 0, overpaid: 0, api_base_url: fields.apiBaseUrl, md5: null, khqr_string: null, pay_to: null, expires_at: null,
    failure_code: null, attempt: fields.attempt, events: [{ at, from: null, to: 'creating' }],
  };
}

function openedSale(id: number, at: number, p: Payload, due: { currency: Currency; amount: number }): FoldedSale {
  return {
    id, due_currency: due.currency, due_amount: due.amount, khr_per_usd: p.khrPerUsd as number, status: 'open',
    training: bit(p.training), merchant_name: p.merchantName as string, bakong_id: p.bakongId as string, created_at: at,
    completed_at: null, paid_late: 0, change_usd: 0, change_khr: 0, rounding_exact: 0, tenders: new Map(),
  };
}

/** The tender a row names: `tender` from schema 17, the sale's own number in the v1 rows. */
function tenderOf(sale: FoldedSale, p: Payload, type: string): FoldedTender | undefined {
  return sale.tenders.get(type.startsWith('tender.') ? (p.tender as number) : (p.sale as number));
}

/** Applies one row (in sequence order) to the sale it is about; null until a row opens the sale. */
export function applySaleRow(sale: FoldedSale | null, row: SaleJournalRow): FoldedSale | null {
  const p = JSON.parse(row.payload) as Payload;
  const id = p.sale as number;
  switch (row.type) {
    case 'migrated.sale': {
      const paid = p.status === 'paid';
      const migrated = openedSale(id, p.createdAt as number, p, { currency: p.currency as Currency, amount: p.amountCents as number });
      Object.assign(migrated, { status: paid ? 'completed' : 'open', completed_at: paid ? p.paidAt : null, paid_late: paid ? bit(p.paidLate) : 0 });
      migrated.tenders.set(id, {
        id, kind: 'khqr', currency: p.currency as Currency, amount: p.amountCents as number, status: p.status as SaleStatus,
        created_at: p.createdAt as number, paid_at: paid ? (p.paidAt as number | null) : null, paid_late: bit(p.paidLate), overpaid: 0,
        api_base_url: p.apiBaseUrl as string, md5: p.md5 as string | null, khqr_string: p.khqrString as string | null,
        pay_to: p.payTo as string | null, expires_at: p.expiresAt as number | null, failure_code: p.failureCode as string | null, attempt: null,
        events: ((p.history ?? []) as JournaledEvent[]).map((e) => ({ at: e.at, from: e.from, to: e.to })),
      });
      return migrated;
    }
    case 'sale.opened': {
      if (row.version === 1) {
        const opened = openedSale(id, row.at, p, { currency: 'USD', amount: p.amountCents as number });
        opened.tenders.set(id, openedTender(id, row.at, { kind: 'khqr', currency: 'USD', amount: p.amountCents as number, apiBaseUrl: p.apiBaseUrl as string, attempt: null }));
        return opened;
      }
      return openedSale(id, row.at, p, { currency: p.dueCurrency as Currency, amount: p.dueAmount as number });
    }
    default:
      break;
  }
  if (!sale) return null;
  if (row.type === 'sale.completed') {
    Object.assign(sale, { status: 'completed', completed_at: row.at, paid_late: bit(p.paidLate) });
    // Version 2 (schema 18) states the change given and the rounding line; version 1 had neither.
    if (row.version >= 2) Object.assign(sale, { change_usd: p.changeUsd, change_khr: p.changeKhr, rounding_exact: p.rounding });
    return sale;
  }
  if (row.type === 'sale.voided') {
    sale.status = 'voided';
    return sale;
  }
  if (row.type === 'tender.opened') {
    sale.tenders.set(p.tender as number, openedTender(p.tender as number, row.at, {
      kind: p.kind as TenderKind, currency: p.currency as Currency, amount: p.amount as number, apiBaseUrl: p.apiBaseUrl as string | null,
      // Version 2 (schema 21) names the cash screen's attempt; before it no tender had one.
      attempt: row.version >= 2 ? (p.attempt as string | null) : null,
    }));
    return sale;
  }
  const tender = tenderOf(sale, p, row.type);
  if (!tender) return sale;
  const to = row.type.slice(row.type.indexOf('.') + 1);
  switch (to) {
    case 'qrIssued':
      tender.events.push({ at: row.at, from: tender.status, to: 'awaiting_payment' });
      Object.assign(tender, { status: 'awaiting_payment', md5: p.md5, khqr_string: p.khqrString, expires_at: p.expiresAt, pay_to: p.payTo });
      break;
    case 'paid':
      tender.events.push({ at: row.at, from: p.from as SaleStatus, to: 'paid' });
      Object.assign(tender, { status: 'paid', paid_at: row.at, paid_late: bit(p.late), overpaid: bit(p.overpaid) });
      // Before schema 17 a payment was the sale's: it completed it.
      if (row.type === 'sale.paid') Object.assign(sale, { status: 'completed', completed_at: row.at, paid_late: bit(p.late) });
      break;
    case 'expired':
    case 'cancelled':
    case 'failed':
      tender.events.push({ at: row.at, from: p.from as SaleStatus, to });
      tender.status = to;
      if (to === 'failed') tender.failure_code = p.code as string;
      break;
    default:
      break;
  }
  return sale;
}

/** Folds a sale's rows (in sequence order) into the sale they describe; null if they open none. */
export function foldSale(rows: Iterable<SaleJournalRow>): FoldedSale | null {
  let sale: FoldedSale | null = null;
  for (const row of rows) sale = applySaleRow(sale, row);
  return sale;
}

/**
 * Folds the rows of many sales (each sale's in sequence order, as a read `ORDER BY sale_id, seq`
 * gives them) into the sales they open, by number: one read for a page of sales instead of one a sale.
 */
export function foldSales(rows: Iterable<SaleJournalRow & { sale_id: number }>): Map<number, FoldedSale> {
  const sales = new Map<number, FoldedSale>();
  for (const row of rows) {
    const sale = applySaleRow(sales.get(row.sale_id) ?? null, row);
    if (sale) sales.set(row.sale_id, sale);
  }
  return sales;
}

/** The tender a sale shows (as sale-rows.ts currentTender): the one that completed it, else its newest. */
export function shownTender(sale: FoldedSale): FoldedTender | undefined {
  const tenders = [...sale.tenders.values()];
  if (sale.status === 'completed') {
    const covering = tenders.filter((t) => t.status === 'paid' && t.overpaid === 0).at(-1);
    if (covering) return covering;
  }
  return tenders.at(-1);
}

/** The sale as its tenders show it (SaleView.status): paid once completed, else its shown tender's status. */
export function shownStatus(sale: FoldedSale): SaleStatus {
  return sale.status === 'completed' ? 'paid' : (shownTender(sale)?.status ?? 'creating');
}

/** Its pending tender, if any (creating or awaiting payment). */
export function pendingTender(sale: FoldedSale): FoldedTender | undefined {
  return [...sale.tenders.values()].find((t) => t.status === 'creating' || t.status === 'awaiting_payment');
}
