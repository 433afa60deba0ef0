/**
 * How long the sync waits after a failed push: exponential from BASE_MS, capped at MAX_MS, with
 * "equal jitter" (half the step fixed, half random), so that after an outage the tills of a shop —
 * or of a hundred shops — do not all come back at the same second, and a till never retries in a
 * tight loop. `random` is injected: tests fix it.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** The wait before retry number `failures` (1 after the first failure). */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  return Math.round(step / 2 + random() * (step / 2));
}
