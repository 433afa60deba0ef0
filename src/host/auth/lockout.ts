/**
 * Wrong PINs slow down: after a few mistakes each further try must wait longer (per user). The count
 * and the time of the last wrong PIN are kept in the credentials file, so restarting the POS does not
 * reset them; a right PIN does. With 4 digits there are 10,000 PINs: at these delays trying them all
 * takes months, while a cashier who mistypes twice never waits.
 */

/** Wrong PINs allowed before any wait. */
export const FREE_TRIES = 3;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

export interface Failures {
  count: number;
  lastAt: number;
}

/** How long after the last wrong PIN the next try must wait: 0, then 30 s doubling up to 15 min. */
export function waitAfter(count: number): number {
  if (count < FREE_TRIES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_TRIES));
}

/** Milliseconds until `failures` allow another try at `now` (0: may try now). */
export function waitLeft(failures: Failures | undefined, now: number): number {
  if (!failures) return 0;
  return Math.max(0, failures.lastAt + waitAfter(failures.count) - now);
}
