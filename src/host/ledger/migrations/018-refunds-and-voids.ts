/**
 * Schema version 18: voids and refunds (docs/ledger.md, "Voids and refunds"), documents linked to a
 * sale, never edits of it.
 *
 * - `sale_voids`: a sale abandoned after cash was tendered. Its row moves the sale `open → voided` in
 *   the same transaction (sales.ts), and records what cash goes back per currency (`returned_usd` in
 *   cents, `returned_khr` in whole riel: the sale's paid cash tenders). One void per sale.
 * - `refunds`: money given back on a completed sale, in one currency (USD cents or whole riel), in cash
 *   or recorded as returned by bank transfer with the reference the cashier typed (the KHQR API cannot
 *   send money back). The cap (what was paid less earlier refunds) is the writer's (refunds.ts).
 *
 * Each row is the projection of its journal row (`sale.voided`, `refund.made`; `seq` names it), written
 * only by src/host/ledger/sale-voids.ts and src/host/ledger/refunds.ts, with the actor and the
 * approver. Rows are never updated, deleted or replaced (BEFORE INSERT fires before any conflict is
 * resolved, whatever pragmas a client sets, as in version 12), and only in the open shift.
 *
 * Print jobs gain the two receipts: kind `refund` (refund_id) and `void` (void_id); SQLite cannot change
 * a CHECK in place, so print_jobs is rebuilt as in version 15, with its rows, indexes and guards.
 */
export const version = 18;
export const name = 'refunds-and-voids';
/** print_jobs is rebuilt; nothing references it, but the runner's foreign_key_check is wanted all the same. */
export const foreignKeys = false;

export const sql = `
CREATE TABLE sale_voids (
  id           INTEGER PRIMARY KEY,
  sale_id      INTEGER NOT NULL UNIQUE REFERENCES sales (id),
  shift        INTEGER NOT NULL REFERENCES shifts (shift),
  returned_usd INTEGER NOT NULL CHECK (returned_usd >= 0),
  returned_khr INTEGER NOT NULL CHECK (returned_khr >= 0),
  reason       TEXT    NOT NULL,
  training     INTEGER NOT NULL CHECK (training IN (0, 1)),
  actor        TEXT    NOT NULL,
  approver     TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  seq          INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER sale_voids_never_replaced BEFORE INSERT ON sale_voids
  WHEN EXISTS (SELECT 1 FROM sale_voids WHERE id = NEW.id OR seq = NEW.seq OR sale_id = NEW.sale_id)
    OR NOT EXISTS (SELECT 1 FROM shifts WHERE shift = NEW.shift AND closed_seq IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a sale is voided once, in the open shift');
END;

CREATE TRIGGER sale_voids_never_updated BEFORE UPDATE ON sale_voids
BEGIN
  SELECT RAISE(ABORT, 'a void cannot change');
END;

CREATE TRIGGER sale_voids_never_deleted BEFORE DELETE ON sale_voids
BEGIN
  SELECT RAISE(ABORT, 'voids are never deleted');
END;

CREATE TABLE refunds (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sales (id),
  shift     INTEGER NOT NULL REFERENCES shifts (shift),
  currency  TEXT    NOT NULL CHECK (currency IN ('USD', 'KHR')),
  amount    INTEGER NOT NULL CHECK (amount > 0),
  method    TEXT    NOT NULL CHECK (method IN ('cash', 'bank_transfer')),
  reference TEXT,
  reason    TEXT    NOT NULL,
  training  INTEGER NOT NULL CHECK (training IN (0, 1)),
  actor     TEXT    NOT NULL,
  approver  TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  seq       INTEGER NOT NULL UNIQUE,
  CHECK ((method = 'bank_transfer') = (reference IS NOT NULL)),
  CHECK (method = 'bank_transfer' OR currency = 'USD' OR amount % 100 = 0)
) STRICT;

CREATE INDEX refunds_by_sale ON refunds (sale_id);

CREATE TRIGGER refunds_never_replaced BEFORE INSERT ON refunds
  WHEN EXISTS (SELECT 1 FROM refunds WHERE id = NEW.id OR seq = NEW.seq)
    OR NOT EXISTS (SELECT 1 FROM sales WHERE id = NEW.sale_id AND status = 'completed')
    OR NOT EXISTS (SELECT 1 FROM shifts WHERE shift = NEW.shift AND closed_seq IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a refund is a new row, of a completed sale, in the open shift');
END;

CREATE TRIGGER refunds_never_updated BEFORE UPDATE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'a refund cannot change');
END;

CREATE TRIGGER refunds_never_deleted BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are never deleted');
END;

CREATE TABLE print_jobs_v18 (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER REFERENCES sales (id),
  shift           INTEGER REFERENCES shifts (shift),
  refund_id       INTEGER REFERENCES refunds (id),
  void_id         INTEGER REFERENCES sale_voids (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('receipt', 'copy', 'test', 'z', 'z_copy', 'refund', 'void')),
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
  CHECK ((kind IN ('z', 'z_copy')) = (shift IS NOT NULL)),
  CHECK ((kind = 'refund') = (refund_id IS NOT NULL)),
  CHECK ((kind = 'void') = (void_id IS NOT NULL))
) STRICT;

INSERT INTO print_jobs_v18 (id, sale_id, shift, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params)
  SELECT id, sale_id, shift, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params FROM print_jobs;

DROP TABLE print_jobs;
ALTER TABLE print_jobs_v18 RENAME TO print_jobs;

CREATE INDEX print_jobs_pending ON print_jobs (status, next_attempt_at);
CREATE INDEX print_jobs_by_sale ON print_jobs (sale_id);
-- One automatic receipt per sale, Z print per shift, refund and void receipt per document: reprints are copies.
CREATE UNIQUE INDEX print_jobs_one_receipt ON print_jobs (sale_id) WHERE kind = 'receipt';
CREATE UNIQUE INDEX print_jobs_one_z ON print_jobs (shift) WHERE kind = 'z';
CREATE UNIQUE INDEX print_jobs_one_refund ON print_jobs (refund_id) WHERE kind = 'refund';
CREATE UNIQUE INDEX print_jobs_one_void ON print_jobs (void_id) WHERE kind = 'void';

CREATE TRIGGER print_jobs_never_replaced BEFORE INSERT ON print_jobs
  WHEN EXISTS (SELECT 1 FROM print_jobs WHERE id = NEW.id)
    OR (NEW.kind = 'receipt' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'receipt' AND sale_id = NEW.sale_id))
    OR (NEW.kind = 'z' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'z' AND shift = NEW.shift))
    OR (NEW.kind = 'refund' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'refund' AND refund_id = NEW.refund_id))
    OR (NEW.kind = 'void' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'void' AND void_id = NEW.void_id))
BEGIN
  SELECT RAISE(ABORT, 'a recorded print job cannot be replaced');
END;

CREATE TRIGGER print_jobs_identity_is_final BEFORE UPDATE OF id, sale_id, shift, refund_id, void_id, kind, created_at ON print_jobs
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
    OR NEW.shift IS NOT OLD.shift
    OR NEW.refund_id IS NOT OLD.refund_id
    OR NEW.void_id IS NOT OLD.void_id
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
