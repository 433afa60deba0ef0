/**
 * Countdowns to a QR's expiry, corrected for the difference between this screen's clock and the
 * host's. Each state carries `serverTime` (host clock when it was made); the offset measured when a
 * state arrives turns local "now" into host "now". Pure functions, tested in Node.
 */

/** Host clock minus local clock, measured when a state stamped `serverTime` arrived at `localNow`. */
export function clockOffset(serverTime: number, localNow: number): number {
  return serverTime - localNow;
}

/** Milliseconds left until `expiresAt` (host clock), never negative. */
export function remainingMs(expiresAt: number, localNow: number, offset: number): number {
  return Math.max(0, expiresAt - (localNow + offset));
}

/** "mm:ss", rounding up to whole seconds (so "00:00" only once time is really up); minutes may exceed 59. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** The countdown text for a sale: remaining time on the host's clock, formatted. */
export function countdownText(expiresAt: number, localNow: number, offset: number): string {
  return formatCountdown(remainingMs(expiresAt, localNow, offset));
}

/** "14:05" in the screen's local time zone. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
