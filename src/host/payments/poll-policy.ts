/**
 * How often the watcher asks whether a QR was paid. Customers usually pay within the first minute,
 * so checks are fast then (the cashier sees Paid within about a second); after that they back off so
 * a QR left unpaid for its whole 15 minutes, and then its 5-minute grace period, costs fewer than
 * 200 requests against the provider's quota:
 * 120 in the first 2 minutes + 36 until minute 5 + 30 until minute 15 + 5 in the grace period = 191.
 */
export interface PollPolicy {
  /** Delay before the next check of a QR created `ageMs` ago. */
  delayMs(ageMs: number): number;
  /** Delay after a failed check, given how many checks in a row failed. */
  errorDelayMs(consecutiveFailures: number, ageMs: number): number;
  /** How long an expired or cancelled QR keeps being checked for a late payment. */
  graceMs: number;
  /**
   * A new QR with less life left than this is refused (the customer could not finish paying). One
   * minute unless set; tests whose sandbox QRs live a second or two set 0.
   */
  minLifeLeftMs?: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  delayMs(ageMs) {
    if (ageMs < 2 * 60_000) return 1_000;
    if (ageMs < 5 * 60_000) return 5_000;
    if (ageMs < 15 * 60_000) return 20_000;
    return 60_000;
  },
  errorDelayMs(consecutiveFailures, ageMs) {
    // Back off on repeated failures (2, 4, 8 … s) but never slower than 15 s, nor faster than the normal pace.
    const backoff = Math.min(15_000, 1_000 * 2 ** Math.min(consecutiveFailures, 4));
    return Math.max(backoff, this.delayMs(ageMs));
  },
  graceMs: 5 * 60_000,
};
