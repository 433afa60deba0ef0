/**
 * The cash screen's keys, dispatched to its store (the mapping itself is cash-keys.ts, tested in Node).
 * Enter on a button reached with Tab presses that button, as on the amount screen.
 */
import { cashKeyAction } from './cash-keys.ts';
import { useCash } from './cash-store.ts';

export function handleCashKey(event: KeyboardEvent, tabbing: boolean): void {
  const action = cashKeyAction(event);
  if (action === null) return;
  const cash = useCash.getState();
  if (action === 'take') {
    const target = event.target instanceof HTMLElement ? event.target : null;
    const onControl = target?.closest('button, a, [role="button"], input[type="radio"]') && !target.closest('[data-keypad]');
    if (onControl && tabbing) return;
  }
  event.preventDefault();
  if (typeof action === 'object') return cash.note(action.note);
  switch (action) {
    case 'take':
      return void cash.take();
    case 'escape':
      // What is typed goes first; with nothing typed and no sale yet, back to the amount (nothing was recorded).
      if (cash.text !== '') return cash.press('clear');
      if (cash.due !== null) return cash.close();
      return;
    case 'currency':
      return cash.toggleCurrency();
    case 'exact':
      return cash.exact();
    case 'change':
      return cash.cycleOption();
    case 'qr':
      return void cash.qrForRest();
    case 'void':
      return cash.askVoid();
    case 'invalid':
      return cash.refuse('notAmount');
    default:
      return cash.press(action);
  }
}
