/**
 * Schema version 15: the Z report is printed through the print queue like a receipt. A print job is a
 * sale's receipt or copy (sale_id), a test print (neither), or a shift's Z report or its reprint
 * (`z` / `z_copy`, shift). The `z` job is written in the close's own transaction (write-before-print:
 * a closed shift always owes its printed Z; src/host/ledger/shifts.ts). SQLite cannot change a CHECK in
 * place, so the table is rebuilt with the same rows, indexes and the version 12 guards, plus: one
 * automatic Z print per shift, and a job's shift never changes.
 */
export const version = 15;
export const name = 'print-job-z';

export const sql = `
CREATE TABLE print_jobs_v15 (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER REFERENCES sales (id),
  shift           INTEGER REFERENCES shifts (shift),
  kind            TEXT    NOT NULL CHECK (kind IN ('receipt', 'copy', 'test', 'z', 'z_copy')),
  status          TEXT    NOT NULL CHECK (status IN ('queued', 'printing', 'printed', 'spooled', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  interrupted     INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  printed_at      INTEGER,
  error_code      TEXT,
  error_params    TEXT,
  CHECK ((kind IN ('receipt', 'copy')) = (sale_id IS NOT NULL)),
  CHECK ((kind IN ('z', 'z_copy')) = (shift IS NOT NULL))
) STRICT;

INSERT INTO print_jobs_v15 (id, sale_id, shift, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params)
  SELECT id, sale_id, NULL, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params FROM print_jobs;

DROP TABLE print_jobs;
ALTER TABLE print_jobs_v15 RENAME TO print_jobs;

CREATE INDEX print_jobs_pending ON print_jobs (status, next_attempt_at);
CREATE INDEX print_jobs_by_sale ON print_jobs (sale_id);
-- One automatic receipt per sale and one automatic Z print per shift: reprints are copies.
CREATE UNIQUE INDEX print_jobs_one_receipt ON print_jobs (sale_id) WHERE kind = 'receipt';
CREATE UNIQUE INDEX print_jobs_one_z ON print_jobs (shift) WHERE kind = 'z';

CREATE TRIGGER print_jobs_never_replaced BEFORE INSERT ON print_jobs
  WHEN EXISTS (SELECT 1 FROM print_jobs WHERE id = NEW.id)
    OR (NEW.kind = 'receipt' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'receipt' AND sale_id = NEW.sale_id))
    OR (NEW.kind = 'z' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'z' AND shift = NEW.shift))
BEGIN
  SELECT RAISE(ABORT, 'a recorded print job cannot be replaced');
END;

CREATE TRIGGER print_jobs_identity_is_final BEFORE UPDATE OF id, sale_id, shift, kind, created_at ON print_jobs
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
    OR NEW.shift IS NOT OLD.shift
    OR NEW.kind IS NOT OLD.kind
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a print job''s sale and kind cannot change');
END;

CREATE TRIGGER print_jobs_never_deleted BEFORE DELETE ON print_jobs
BEGIN
  SELECT RAISE(ABORT, 'print jobs are never deleted');
END;
`;
