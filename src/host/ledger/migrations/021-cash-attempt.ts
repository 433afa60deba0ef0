/**
 * Schema version 21: the attempt a cash tender answers (docs/ledger.md, "Sales and tenders").
 *
 * The cash screen makes a random id (128 bits, 32 hex digits) when it arms a tender and sends it with
 * `cash.tender`; it makes a new one only once the host has answered. A reply lost on the way (the web
 * process killed after the commit, a dropped connection) leaves the screen armed with the same id, so
 * Enter pressed again repeats the same attempt: the host finds it here and answers with the sale as
 * it stands instead of recording the cash a second time. UNIQUE (an index: ALTER TABLE cannot add a
 * UNIQUE column), so even a writer that forgot to look could not record one attempt twice; NULL for
 * KHQR tenders and for cash tenders recorded before this version. Journaled in `tender.opened` v2 and
 * compared by `ledger verify`. Final once written, like the tender's amount.
 */
export const version = 21;
export const name = 'cash-attempt';

export const sql = `
ALTER TABLE tenders ADD COLUMN attempt TEXT CHECK (attempt IS NULL OR (length(attempt) = 32 AND attempt NOT GLOB '*[^0-9a-f]*'));

CREATE UNIQUE INDEX tenders_by_attempt ON tenders (attempt);

CREATE TRIGGER tenders_attempt_is_final BEFORE UPDATE OF attempt ON tenders
  WHEN NEW.attempt IS NOT OLD.attempt
BEGIN
  SELECT RAISE(ABORT, 'a tender''s attempt cannot change once recorded');
END;
`;
