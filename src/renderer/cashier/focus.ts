/** Where the focus goes when the control that had it goes away (e.g. after New sale). */
export const AMOUNT_ID = 'amount-display';

/** Focuses the amount display, so keys and Enter carry on driving the keypad; no scroll jump. */
export function focusAmount(): void {
  document.getElementById(AMOUNT_ID)?.focus({ preventScroll: true });
}
