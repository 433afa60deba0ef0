/**
 * What each screen is shown, derived from the ledger after every committed change. The customer
 * display gets only what a customer may see: no account IDs, no errors, no history.
 */
import type { CashierAlert, CashierState, DisplayState, PrinterView, SaleView, WatchView } from '../shared/contract.ts';
import type { Settings } from './config/settings.ts';
import type { SalesLedger, StoredSale } from './ledger/sales.ts';

/** The contract's SaleView: the stored sale minus host-internal fields. */
export function toSaleView(sale: StoredSale): SaleView {
  const { apiBaseUrl: _api, finalCheckAt: _check, ...view } = sale;
  return view;
}

export function buildCashierState(input: {
  settings: Settings;
  training: boolean;
  ledger: SalesLedger;
  alerts: CashierAlert[];
  current: StoredSale | null;
  watch: WatchView | null;
  printer: PrinterView;
  now: number;
}): CashierState {
  const today = input.ledger.day(input.now);
  return {
    mode: input.training ? 'training' : 'live',
    merchantName: input.settings.merchantName,
    language: input.settings.language,
    khrPerUsd: input.settings.khrPerUsd,
    current: input.current ? toSaleView(input.current) : null,
    watch: input.watch,
    alerts: input.alerts,
    printer: input.printer,
    today: today.map(toSaleView),
    totals: input.ledger.totals(input.now, today),
    serverTime: input.now,
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
    phase: sale ? PHASES[sale.status] : 'idle',
    amountCents: sale ? sale.amountCents : null,
    // The QR leaves the screen the moment the sale stops awaiting payment, so nobody scans a dead one.
    khqrString: awaiting ? sale.khqrString : null,
    expiresAt: awaiting ? sale.expiresAt : null,
    stillChecking: input.watching && (sale?.status === 'expired' || sale?.status === 'cancelled'),
    paidAt: sale?.status === 'paid' ? sale.paidAt : null,
    serverTime: input.now,
  };
}
