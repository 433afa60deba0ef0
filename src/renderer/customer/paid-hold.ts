/**
 * How long the customer display says "Paid" before it goes back to Welcome on its own (the
 * cashier may not press New sale at once, and the next customer should not see the last one's
 * payment). Timed on the host's clock (the sale's paidAt), so a display opened or reloaded later
 * does not start the hold again. Pure, tested in Node.
 */
import { remainingMs } from '../common/countdown.ts';

export const PAID_HOLD_MS = 6_000;

/**
 * Milliseconds the display should still show "Paid" (0: show Welcome). `paidAt` is on the host's
 * clock; without it (an older host) the hold counts from the state's own `serverTime`.
 */
export function paidHoldLeft(paidAt: number | null, serverTime: number, localNow: number, offset: number): number {
  return remainingMs((paidAt ?? serverTime) + PAID_HOLD_MS, localNow, offset);
}
