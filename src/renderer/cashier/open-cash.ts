/**
 * Cash on the amount keyed (the Cash key, F4): opens the cash screen for it, or says why not. The
 * sale itself is opened by its first cash tender (cash-store.ts take).
 */
import { useCash } from './cash-store.ts';
import { keyedMoney } from './keyed-money.ts';
import { canCharge, isUnresolved } from './sale.ts';
import { useCashier } from './store.ts';

export function openCash(): void {
  const { keyedCurrency, keypadText, state, pending, hostReachable } = useCashier.getState();
  const due = keyedMoney(keyedCurrency, keypadText);
  if (due && hostReachable && canCharge(due.amount, state?.current, pending !== null)) useCash.getState().openFor(due);
  else useCashier.getState().refuse(isUnresolved(state?.current) ? 'locked' : 'noAmount');
}
