/**
 * The cash screen's keys (README, "Keyboard on the cashier screen"), as a pure mapping from a key
 * press to what it does, tested in Node. Function keys are read by name and the quick-cash notes by
 * their place (Shift + the number row), so they work whatever keyboard layout is on.
 */
import { keyboardAction, isKeypadKey, type KeyLike, type KeypadKey } from './keypad.ts';

export type CashAction =
  | KeypadKey
  /** Enter: take the typed amount. */
  | 'take'
  /** Esc: clear what is typed; with nothing typed and nothing tendered yet, back to the amount. */
  | 'escape'
  /** F2: tender in dollars or riel. */
  | 'currency'
  /** F3: Exact, what remains. */
  | 'exact'
  /** F6: the next change choice. */
  | 'change'
  /** F7: a KHQR for the rest (once something is tendered). */
  | 'qr'
  /** F9: void the sale (once something is tendered). */
  | 'void'
  | { note: number }
  | 'invalid';

const FUNCTION_KEYS: Readonly<Record<string, CashAction>> = { F2: 'currency', F3: 'exact', F6: 'change', F7: 'qr', F9: 'void' };

/** What a key press means on the cash screen, or null to leave it alone (Tab, Space, F8…). */
export function cashKeyAction(event: KeyLike): CashAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const fn = FUNCTION_KEYS[event.key];
  if (fn) return fn;
  // Shift + 1…8: the quick-cash notes of the tender currency, in the order shown.
  const place = /^Digit([1-8])$/.exec(event.code ?? '');
  if (event.shiftKey && place) return { note: Number(place[1]) - 1 };
  const action = keyboardAction(event);
  if (action === null) return null;
  if (action === 'charge') return 'take';
  if (action === 'escape') return 'escape';
  if (isKeypadKey(action)) return action;
  // N, F4 and any other character mean nothing here: said, not dropped.
  return action === 'currency' ? 'currency' : 'invalid';
}
