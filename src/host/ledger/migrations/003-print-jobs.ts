/**
 * Schema version 3: the print queue. A paid sale's receipt job is inserted in the same transaction
 * that records the payment, so a receipt can be late but never forgotten. A job is marked
 * `printing` (committed) before its bytes go to the printer; one found `printing` at start was cut
 * off by a crash, is retried, and is flagged `interrupted` so the cashier knows a partial receipt
 * may have come out.
 */
export const version = 3;
export const name = 'print-jobs';

export const sql = `
CREATE TABLE print_jobs (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER REFERENCES sales (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('receipt', 'copy', 'test')),
  status          TEXT    NOT NULL CHECK (status IN ('queued', 'printing', 'printed', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  interrupted     INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  last_error      TEXT,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  printed_at      INTEGER,
  CHECK ((kind = 'test') = (sale_id IS NULL))
) STRICT;

CREATE INDEX print_jobs_pending ON print_jobs (status, next_attempt_at);
CREATE INDEX print_jobs_by_sale ON print_jobs (sale_id);

-- One automatic receipt per sale, whatever happens: reprints are 'copy' jobs.
CREATE UNIQUE INDEX print_jobs_one_receipt ON print_jobs (sale_id) WHERE kind = 'receipt';
`;
