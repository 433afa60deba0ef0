/** Small pure rules about the sale on screen, shared by the store and the views (tested in Node). */
import type { SaleStatus, SaleView } from '../../shared/contract.ts';
import { TERMINAL_STATUSES } from '../../shared/contract.ts';

/** A payment the cashier must resolve (wait, check, cancel) before charging again. */
export function isUnresolved(sale: SaleView | null | undefined): boolean {
  return sale?.status === 'creating' || sale?.status === 'awaiting_payment';
}

export function isTerminal(status: SaleStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Charge is possible with a non-zero amount, no unresolved payment and no charge already on its way. */
export function canCharge(cents: number, current: SaleView | null | undefined, busy: boolean): boolean {
  return cents > 0 && !isUnresolved(current) && !busy;
}
