/**
 * Schema version 9: when the payment service last answered about a sale's QR. The watcher writes it
 * after every answer, so a ledger that can no longer be written (a full disk) is noticed while the
 * QR waits, before a payment arrives that could not be saved, and the cashier is told at once.
 */
export const version = 9;
export const name = 'last-check';

export const sql = `
ALTER TABLE sales ADD COLUMN checked_at INTEGER;
`;
