/**
 * Schema version 4: when the watcher last confirmed that an ended (expired or cancelled) QR was
 * still unpaid after its grace period. Until that confirmation exists the QR keeps being checked,
 * across restarts and outages (up to a day), so a payment made before expiry is never lost just
 * because the API could not be reached during the grace period.
 */
export const version = 4;
export const name = 'final-check';

export const sql = `
ALTER TABLE sales ADD COLUMN final_check_at INTEGER;
`;
