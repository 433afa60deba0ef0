/**
 * Schema version 8: a failed sale's reason is stored as a catalog message (a code from
 * src/shared/messages/ and the POS-produced values it names), never as a sentence: an error body
 * from the payment service must never reach the ledger, and a screen shows the reason in its own
 * language.
 *
 * Reasons written in English by older versions (failure_reason, and the `detail` of their history
 * lines) stay exactly where they were: they are the shop's record of why those sales failed — after
 * an attack, its evidence. They are never shown: reading a sale or its history maps any reason that
 * is not a catalog code to `payment.failedEarlier` (src/host/ledger/sales.ts). New sales write only
 * failure_code and failure_params.
 */
export const version = 8;
export const name = 'failure-code';

export const sql = `
ALTER TABLE sales ADD COLUMN failure_code TEXT;
ALTER TABLE sales ADD COLUMN failure_params TEXT;
`;
