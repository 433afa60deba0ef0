/** Small pure rules about the sale on screen, shared by the store and the views (tested in Node). */
import type { CashierState, CommandError, SaleStatus, SaleView, WatchView } from '../../shared/contract.ts';
import { TERMINAL_STATUSES } from '../../shared/contract.ts';
import { remainingMs } from '../common/countdown.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isPartlyPaid } from './cash-tender.ts';
import { keyedCents } from './keypad.ts';
import type { KeypadKey } from './keypad.ts';

/** A payment the cashier must resolve (wait, check, cancel) before charging again. */
export function isUnresolved(sale: SaleView | null | undefined): boolean {
  return sale?.status === 'creating' || sale?.status === 'awaiting_payment';
}

export function isTerminal(status: SaleStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Charge (or Cash) is possible with a non-zero amount (cents or riel), no unresolved payment, no sale
 * partly paid in cash (it is finished on the cash screen) and no charge already on its way.
 */
export function canCharge(amount: number, current: SaleView | null | undefined, busy: boolean): boolean {
  return amount > 0 && !isUnresolved(current) && !isPartlyPaid(current) && !busy;
}

/**
 * Whether a keypad press is taken now. While a payment is unresolved, or a charge is on its way to
 * the host, the amount being charged is the one in the payment panel; keying another amount then
 * would look like a second charge (or extend the one being charged), so digits and the decimal
 * point are refused. Backspace and Clear always work (they only take away).
 */
export function acceptsKey(key: KeypadKey, current: SaleView | null | undefined, charging = false): boolean {
  if (key === 'backspace' || key === 'clear') return true;
  return !charging && !isUnresolved(current);
}

/** How a sale reads at a glance: its tender's status, or partly paid in cash, or voided (the sale's own). */
export type SaleStage = SaleStatus | 'partly' | 'voided';

export function saleStage(sale: SaleView): SaleStage {
  if (sale.saleStatus === 'voided') return 'voided';
  return isPartlyPaid(sale) ? 'partly' : sale.status;
}

/**
 * The sale on screen is over (paid, expired, cancelled, failed, voided): New sale is what comes next.
 * A sale partly paid in cash is not, whatever its last tender shows: it is finished or voided first.
 */
export function isOver(sale: SaleView | null | undefined): boolean {
  if (sale == null) return false;
  return sale.saleStatus === 'voided' || (isTerminal(sale.status) && !isPartlyPaid(sale));
}

/**
 * What Enter means on the Sell screen: Charge when an amount is keyed; New sale when no amount is
 * keyed and the sale on screen is over (so Enter, Enter… walks the till from sale to sale).
 */
export function enterAction(keypadText: string, current: SaleView | null | undefined): 'charge' | 'newSale' {
  return keyedCents(keypadText) === 0 && isOver(current) ? 'newSale' : 'charge';
}

/**
 * The sentence under an outcome's headline. An expired or cancelled QR the host still watches may
 * yet be paid (the customer may have paid during an outage): it must not read as unpaid for sure,
 * or the customer may be charged twice. Only once the watch has ended is it "timed out unpaid".
 */
export function outcomeNote(sale: SaleView, watch: WatchView | null): MessageKey | null {
  if (sale.status !== 'expired' && sale.status !== 'cancelled') return null;
  if (watch) return 'payment.stillChecking';
  return sale.status === 'expired' ? 'payment.expiredHint' : 'payment.cancelledHint';
}

/** What the Sell tab's chip says about the current payment while the cashier is elsewhere. */
export interface SaleChip {
  tone: 'busy' | 'ok' | 'off' | 'bad';
  /** Short visible words. */
  label: MessageKey;
  /** The accessible (and tooltip) sentence: steady, without the ticking time. */
  spoken: MessageKey;
  /** "mm:ss" left while waiting for the customer, else null. */
  remaining: number | null;
}

const CHIPS: Record<SaleStatus, Omit<SaleChip, 'remaining'>> = {
  creating: { tone: 'busy', label: 'chip.creating', spoken: 'chip.creatingLong' },
  awaiting_payment: { tone: 'busy', label: 'chip.awaiting', spoken: 'chip.awaitingLong' },
  paid: { tone: 'ok', label: 'chip.paid', spoken: 'chip.paidLong' },
  expired: { tone: 'off', label: 'chip.expired', spoken: 'chip.expiredLong' },
  cancelled: { tone: 'off', label: 'chip.cancelled', spoken: 'chip.cancelledLong' },
  failed: { tone: 'bad', label: 'chip.failed', spoken: 'chip.failedLong' },
};

export function saleChip(sale: SaleView | null | undefined, localNow: number, offset: number): SaleChip | null {
  if (!sale) return null;
  const remaining =
    sale.status === 'awaiting_payment' && sale.expiresAt !== null ? remainingMs(sale.expiresAt, localNow, offset) : null;
  return { ...CHIPS[sale.status], remaining };
}

/**
 * Where the last command error came from: 'charge' for a command that makes a sale (Charge, New QR),
 * sent while sale `priorSaleId` was on screen.
 */
export interface ErrorOrigin {
  /** 'checkNow': the check it ran failed (a redirect, an API error); stale once a check works or the sale ends. */
  command: 'charge' | 'checkNow' | 'other';
  priorSaleId: number | null;
}

/**
 * True when a charge's error is already told by the payment panel: the charge created a sale (a
 * different one from before it) and that sale is shown as failed. The banner would only repeat it.
 */
export function errorShownAsFailedSale(
  error: CommandError | null,
  origin: ErrorOrigin | null,
  current: SaleView | null | undefined,
): boolean {
  if (!error || !origin || origin.command !== 'charge' || !current) return false;
  return current.status === 'failed' && current.id !== origin.priorSaleId;
}

/**
 * True when a Check now error no longer says anything: a later check worked (the watch reports no
 * error) or the sale it was about is no longer waiting (paid, expired, cancelled, or another sale).
 */
export function checkNowErrorIsStale(origin: ErrorOrigin | null, state: CashierState): boolean {
  if (!origin || origin.command !== 'checkNow') return false;
  const current = state.current;
  if (!current || current.id !== origin.priorSaleId || current.status !== 'awaiting_payment') return true;
  return !state.watch?.lastError;
}
