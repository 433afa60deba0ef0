/**
 * Schema version 11: the history line of a sale's failure holds the failure's catalog code, as the
 * sale itself does since version 8. Older versions wrote the English reason there too, and that
 * reason could quote an error body from the payment service, so those lines become the generic
 * `payment.failedEarlier` (the line, its time and its statuses are kept). History is append-only:
 * the guard is lifted for this one update and put back exactly as version 1 made it.
 */
export const version = 11;
export const name = 'failure-history';

export const sql = `
DROP TRIGGER sale_events_append_only_update;

-- A catalog code has no spaces; every English reason had some.
UPDATE sale_events SET detail = 'payment.failedEarlier' WHERE to_status = 'failed' AND detail GLOB '* *';

CREATE TRIGGER sale_events_append_only_update BEFORE UPDATE ON sale_events
BEGIN
  SELECT RAISE(ABORT, 'sale history is append-only');
END;
`;
