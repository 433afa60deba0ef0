/**
 * Schema version 8: a failed sale's reason is stored as a catalog message (a code from
 * src/shared/messages/ and the POS-produced values it names), never as a sentence: an error body
 * from the payment service must never reach the ledger, and a screen shows the reason in its own
 * language. Reasons written in English by older versions (which could quote the API) become the
 * generic code `payment.failedEarlier`; the sale itself is kept as it was.
 */
export const version = 8;
export const name = 'failure-code';

export const sql = `
ALTER TABLE sales ADD COLUMN failure_code TEXT;
ALTER TABLE sales ADD COLUMN failure_params TEXT;
UPDATE sales SET failure_code = 'payment.failedEarlier' WHERE failure_reason IS NOT NULL;
ALTER TABLE sales DROP COLUMN failure_reason;
`;
