/**
 * Schema version 10: a print job can end `spooled` — handed to a Windows printer's queue, which does
 * not confirm that paper came out (see src/host/printing/transports/windows-transport.ts). Kept apart
 * from `printed` so the cashier is never told a receipt printed when only Windows took it. SQLite
 * cannot change a CHECK in place, so the table is rebuilt with the same columns, rows and indexes.
 */
export const version = 10;
export const name = 'print-job-spooled';

export const sql = `
CREATE TABLE print_jobs_v10 (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER REFERENCES sales (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('receipt', 'copy', 'test')),
  status          TEXT    NOT NULL CHECK (status IN ('queued', 'printing', 'printed', 'spooled', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  interrupted     INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  printed_at      INTEGER,
  error_code      TEXT,
  error_params    TEXT,
  CHECK ((kind = 'test') = (sale_id IS NULL))
) STRICT;

INSERT INTO print_jobs_v10 (id, sale_id, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params)
  SELECT id, sale_id, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params FROM print_jobs;

DROP TABLE print_jobs;
ALTER TABLE print_jobs_v10 RENAME TO print_jobs;

CREATE INDEX print_jobs_pending ON print_jobs (status, next_attempt_at);
CREATE INDEX print_jobs_by_sale ON print_jobs (sale_id);
-- One automatic receipt per sale, whatever happens: reprints are 'copy' jobs.
CREATE UNIQUE INDEX print_jobs_one_receipt ON print_jobs (sale_id) WHERE kind = 'receipt';
`;
