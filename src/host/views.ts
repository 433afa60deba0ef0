/**
 * What each screen is shown, derived from the ledger after every committed change. The customer
 * display gets only what a customer may see: no account IDs, no errors, no history.
 */
import {
  SALES_PAGE_MAX,
  SALES_PAGE_SIZE,
  type AuthState,
  type CashierAlert,
  type CashierState,
  type CommandArgs,
  type DisplayCash,
  type DisplayState,
  type DrawerProblem,
  type IntegrityState,
  type BackupState,
  type PrinterView,
  type PrintJobView,
  type SalesPage,
  type SaleView,
  type SyncView,
  type WatchView,
} from '../shared/contract.ts';
import type { Settings } from './config/settings.ts';
import type { SalesLedger, StoredSale } from './ledger/sales.ts';

/** The contract's SaleView: the stored sale minus host-internal fields. */
export function toSaleView(sale: StoredSale): SaleView {
  const { apiBaseUrl: _api, finalCheckAt: _check, ...view } = sale;
  return view;
}

/**
 * Built and pushed after every change (about once a second while a QR waits), so nothing in it may
 * grow with the day: the day's totals come from an SQL aggregate, and today's sales are only
 * announced by `salesRevision` (the screen fetches them by page, see salesPage).
 */
export function buildCashierState(input: {
  settings: Settings;
  training: boolean;
  ledger: SalesLedger;
  alerts: CashierAlert[];
  current: StoredSale | null;
  watch: WatchView | null;
  ledgerUnwritable: boolean;
  printer: PrinterView;
  salesRevision: number;
  integrity: IntegrityState;
  backup: BackupState;
  drawer: DrawerProblem | null;
  sync: SyncView;
  auth: AuthState;
  now: number;
}): CashierState {
  return {
    mode: input.training ? 'training' : 'live',
    merchantName: input.settings.merchantName,
    language: input.settings.language,
    khrPerUsd: input.settings.khrPerUsd,
    autoLockMinutes: input.settings.autoLockMinutes,
    current: input.current ? toSaleView(input.current) : null,
    watch: input.watch,
    // The watch of the sale on screen may know first (its check is the write that failed).
    ledgerUnwritable: input.ledgerUnwritable || input.watch?.cannotSave === true,
    alerts: input.alerts,
    printer: input.printer,
    salesRevision: input.salesRevision,
    integrity: input.integrity,
    backup: input.backup,
    drawer: input.drawer,
    sync: input.sync,
    totals: input.ledger.totals(input.now),
    auth: input.auth,
    serverTime: input.now,
  };
}

/** One page of today's sales list, each sale with its newest receipt's state. */
export function buildSalesPage(input: {
  ledger: SalesLedger;
  receiptsFor(saleIds: readonly number[]): Map<number, PrintJobView>;
  query: CommandArgs<'sales.page'>;
  now: number;
}): SalesPage {
  const { before, limit } = input.query;
  const page = input.ledger.dayPage(input.now, before ?? null, Math.min(limit ?? SALES_PAGE_SIZE, SALES_PAGE_MAX));
  const receipts = input.receiptsFor(page.sales.filter((sale) => sale.status === 'paid').map((sale) => sale.id));
  return {
    sales: page.sales.map((sale) => ({ ...toSaleView(sale), receipt: receipts.get(sale.id) ?? null })),
    nextBefore: page.nextBefore,
  };
}

const PHASES: Record<StoredSale['status'], DisplayState['phase']> = {
  creating: 'preparing',
  awaiting_payment: 'awaiting',
  paid: 'paid',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * The sale's phase on the customer display. A sale partly paid in cash with no QR pending shows what
 * is left (its last tender, paid, is not the sale being paid); a voided one says so.
 */
function displayPhase(sale: StoredSale): DisplayState['phase'] {
  if (sale.saleStatus === 'voided') return 'voided';
  if (sale.saleStatus === 'open' && sale.status === 'paid') return 'tendering';
  return PHASES[sale.status];
}

/** The cash handed over on the sale, what is left and the change: amounts only. Null without cash. */
function displayCash(sale: StoredSale): DisplayCash | null {
  const tendered = sale.tenders
    .filter((t) => t.kind === 'cash' && t.status === 'paid')
    .map((t) => ({ currency: t.currency, amount: t.amount }));
  if (tendered.length === 0) return null;
  const { remaining, change } = sale.settlement;
  return { tendered, remaining: { usd: remaining.usd, khr: remaining.khr }, change: { usd: change.usd, khr: change.khr } };
}

export function buildDisplayState(input: {
  settings: Settings;
  training: boolean;
  current: StoredSale | null;
  /** The watcher still checks the current sale. */
  watching: boolean;
  now: number;
}): DisplayState {
  const sale = input.current;
  const awaiting = sale?.status === 'awaiting_payment';
  return {
    training: sale ? sale.training : input.training,
    merchantName: sale ? sale.merchantName : input.settings.merchantName,
    language: input.settings.language,
    khrPerUsd: sale ? sale.khrPerUsd : input.settings.khrPerUsd,
    phase: sale ? displayPhase(sale) : 'idle',
    amountCents: sale ? sale.amountCents : null,
    amountRiel: sale ? sale.amountRiel : null,
    currency: sale ? sale.currency : null,
    qrCents: awaiting ? (sale.tenders.find((t) => t.kind === 'khqr' && t.status === 'awaiting_payment')?.amount ?? sale.amountCents) : null,
    cash: sale ? displayCash(sale) : null,
    // The QR leaves the screen the moment the sale stops awaiting payment, so nobody scans a dead one.
    khqrString: awaiting ? sale.khqrString : null,
    expiresAt: awaiting ? sale.expiresAt : null,
    stillChecking: input.watching && (sale?.status === 'expired' || sale?.status === 'cancelled'),
    paidAt: sale?.status === 'paid' ? sale.paidAt : null,
    serverTime: input.now,
  };
}
