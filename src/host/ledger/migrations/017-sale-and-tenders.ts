/**
 * Schema version 17: a sale and its tenders (docs/ledger.md, "Sales and tenders").
 *
 * Until 15 a row of `sales` was really one KHQR attempt: a New QR made a new sale. From 16 a sale is
 * the document the customer owes (`sales`: due currency and amount in minor units, the rate, open /
 * completed / voided) and each attempt to pay it is a row of `tenders` (kind `khqr` now, `cash` with
 * issue 9; its own currency and amount; pending / paid / expired / cancelled / failed, a KHQR tender's
 * pending being `creating` then `awaiting_payment` as the watcher knows them; the KHQR columns).
 * A tender's status history is `tender_events` (was `sale_events`). An alert names its tender too,
 * and may be `overpaid`: a payment on a sale already covered (the alerts table is rebuilt for that
 * CHECK, with the guards of version 12).
 *
 * Every row is kept: old sale N becomes sale N (completed when it was paid, open otherwise) with KHQR
 * tender N (same number, so receipts `<code>-N`, alerts and print jobs still point right), its
 * history lines tender N's with their ids. SQLite cannot change a table's CHECKs or columns in place,
 * so `sales` is rebuilt; the tables that reference it (alerts, print_jobs) are untouched, which needs
 * foreign keys off while the old table is dropped (`foreignKeys = false`: the runner turns them off
 * around this migration and runs `foreign_key_check` before it commits).
 *
 * The guards of versions 1, 5, 11 and 12 carry over to the new tables: nothing is ever deleted, no
 * insert may land on a recorded row (BEFORE INSERT fires whatever pragmas a client sets, so INSERT OR
 * REPLACE and upserts are refused), a sale's due amount, rate and parties and a tender's sale, kind,
 * currency and amount are final, a QR is final once recorded and never given to a second tender, a
 * paid tender is final in every column but `checked_at` (the watcher's last answer), a completed or
 * voided sale is final in every column, and the history is append-only.
 */
export const version = 17;
export const name = 'sale-and-tenders';
/** The runner turns foreign keys off around this migration (the old sales table is dropped under its children). */
export const foreignKeys = false;

export const sql = `
CREATE TABLE sales_v16 (
  id            INTEGER PRIMARY KEY,
  due_currency  TEXT    NOT NULL CHECK (due_currency IN ('USD', 'KHR')),
  due_amount    INTEGER NOT NULL CHECK (due_amount > 0),
  khr_per_usd   INTEGER NOT NULL CHECK (khr_per_usd > 0),
  status        TEXT    NOT NULL CHECK (status IN ('open', 'completed', 'voided')),
  training      INTEGER NOT NULL CHECK (training IN (0, 1)),
  merchant_name TEXT    NOT NULL,
  bakong_id     TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  completed_at  INTEGER,
  paid_late     INTEGER NOT NULL DEFAULT 0 CHECK (paid_late IN (0, 1)),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
) STRICT;

CREATE TABLE tenders (
  id             INTEGER PRIMARY KEY,
  sale_id        INTEGER NOT NULL REFERENCES sales (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('khqr', 'cash')),
  currency       TEXT    NOT NULL CHECK (currency IN ('USD', 'KHR')),
  amount         INTEGER NOT NULL CHECK (amount > 0),
  status         TEXT    NOT NULL CHECK (status IN
                   ('creating', 'awaiting_payment', 'paid', 'expired', 'cancelled', 'failed')),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  paid_at        INTEGER,
  paid_late      INTEGER NOT NULL DEFAULT 0 CHECK (paid_late IN (0, 1)),
  overpaid       INTEGER NOT NULL DEFAULT 0 CHECK (overpaid IN (0, 1)),
  api_base_url   TEXT,
  md5            TEXT    UNIQUE,
  khqr_string    TEXT,
  pay_to         TEXT,
  expires_at     INTEGER,
  failure_reason TEXT,
  failure_code   TEXT,
  failure_params TEXT,
  final_check_at INTEGER,
  checked_at     INTEGER,
  CHECK (kind = 'khqr' OR (api_base_url IS NULL AND md5 IS NULL AND khqr_string IS NULL AND pay_to IS NULL AND expires_at IS NULL)),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
) STRICT;

CREATE TABLE tender_events (
  id          INTEGER PRIMARY KEY,
  tender_id   INTEGER NOT NULL REFERENCES tenders (id),
  at          INTEGER NOT NULL,
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  detail      TEXT
) STRICT;

INSERT INTO sales_v16 (id, due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id,
                       created_at, updated_at, completed_at, paid_late)
  SELECT id, 'USD', amount_cents, khr_per_usd, CASE WHEN status = 'paid' THEN 'completed' ELSE 'open' END, training,
         merchant_name, bakong_id, created_at, updated_at, CASE WHEN status = 'paid' THEN paid_at END,
         CASE WHEN status = 'paid' THEN paid_late ELSE 0 END
  FROM sales;

INSERT INTO tenders (id, sale_id, kind, currency, amount, status, created_at, updated_at, paid_at, paid_late, overpaid,
                     api_base_url, md5, khqr_string, pay_to, expires_at, failure_reason, failure_code, failure_params,
                     final_check_at, checked_at)
  SELECT id, id, 'khqr', 'USD', amount_cents, status, created_at, updated_at, CASE WHEN status = 'paid' THEN paid_at END,
         paid_late, 0, api_base_url, md5, khqr_string, pay_to, expires_at, failure_reason, failure_code, failure_params,
         final_check_at, checked_at
  FROM sales;

INSERT INTO tender_events (id, tender_id, at, from_status, to_status, detail)
  SELECT id, sale_id, at, from_status, to_status, detail FROM sale_events;

CREATE TABLE alerts_v16 (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER NOT NULL REFERENCES sales (id),
  tender_id       INTEGER NOT NULL REFERENCES tenders (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('paid_late', 'overpaid')),
  previous_status TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  dismissed_at    INTEGER
) STRICT;

INSERT INTO alerts_v16 (id, sale_id, tender_id, kind, previous_status, created_at, dismissed_at)
  SELECT id, sale_id, sale_id, kind, previous_status, created_at, dismissed_at FROM alerts;

DROP TABLE alerts;
ALTER TABLE alerts_v16 RENAME TO alerts;
CREATE INDEX alerts_open ON alerts (dismissed_at);

CREATE TRIGGER alerts_never_replaced BEFORE INSERT ON alerts
  WHEN EXISTS (SELECT 1 FROM alerts WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a recorded alert cannot be replaced');
END;

CREATE TRIGGER alerts_row_is_final BEFORE UPDATE ON alerts
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
    OR NEW.tender_id IS NOT OLD.tender_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.previous_status IS NOT OLD.previous_status
    OR NEW.created_at IS NOT OLD.created_at
    OR (OLD.dismissed_at IS NOT NULL AND NEW.dismissed_at IS NOT OLD.dismissed_at)
BEGIN
  SELECT RAISE(ABORT, 'an alert cannot change, except to be dismissed once');
END;

CREATE TRIGGER alerts_never_deleted BEFORE DELETE ON alerts
BEGIN
  SELECT RAISE(ABORT, 'alerts are never deleted');
END;

DROP TABLE sale_events;
DROP TABLE sales;
ALTER TABLE sales_v16 RENAME TO sales;

CREATE INDEX sales_by_created ON sales (created_at);
CREATE INDEX sales_by_completed ON sales (completed_at);
CREATE INDEX sales_by_status ON sales (status);
CREATE INDEX tenders_by_sale ON tenders (sale_id);
CREATE INDEX tenders_by_status ON tenders (status);
CREATE INDEX tenders_by_paid ON tenders (paid_at);
CREATE INDEX tender_events_by_tender ON tender_events (tender_id);

CREATE TRIGGER sales_never_deleted BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted');
END;

CREATE TRIGGER sales_never_replaced BEFORE INSERT ON sales
  WHEN EXISTS (SELECT 1 FROM sales WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a recorded sale cannot be replaced');
END;

CREATE TRIGGER sales_due_is_final BEFORE UPDATE ON sales
  WHEN NEW.id IS NOT OLD.id
    OR NEW.due_currency IS NOT OLD.due_currency
    OR NEW.due_amount IS NOT OLD.due_amount
    OR NEW.khr_per_usd IS NOT OLD.khr_per_usd
    OR NEW.training IS NOT OLD.training
    OR NEW.merchant_name IS NOT OLD.merchant_name
    OR NEW.bakong_id IS NOT OLD.bakong_id
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a sale''s number, amount due and parties cannot change once recorded');
END;

CREATE TRIGGER sales_ended_is_final BEFORE UPDATE ON sales
  WHEN OLD.status != 'open' AND (
    NEW.status IS NOT OLD.status
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.completed_at IS NOT OLD.completed_at
    OR NEW.paid_late IS NOT OLD.paid_late
  )
BEGIN
  SELECT RAISE(ABORT, 'a completed or voided sale cannot change');
END;

CREATE TRIGGER tenders_never_deleted BEFORE DELETE ON tenders
BEGIN
  SELECT RAISE(ABORT, 'tenders are never deleted');
END;

CREATE TRIGGER tenders_never_replaced BEFORE INSERT ON tenders
  WHEN EXISTS (SELECT 1 FROM tenders WHERE id = NEW.id)
    OR (NEW.md5 IS NOT NULL AND EXISTS (SELECT 1 FROM tenders WHERE md5 = NEW.md5))
BEGIN
  SELECT RAISE(ABORT, 'a recorded tender cannot be replaced');
END;

CREATE TRIGGER tenders_identity_is_final BEFORE UPDATE ON tenders
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.currency IS NOT OLD.currency
    OR NEW.amount IS NOT OLD.amount
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.api_base_url IS NOT OLD.api_base_url
BEGIN
  SELECT RAISE(ABORT, 'a tender''s sale, kind, currency and amount cannot change once recorded');
END;

CREATE TRIGGER tenders_qr_is_final BEFORE UPDATE OF md5, khqr_string, pay_to, expires_at ON tenders
  WHEN (OLD.md5 IS NOT NULL AND NEW.md5 IS NOT OLD.md5)
    OR (OLD.khqr_string IS NOT NULL AND NEW.khqr_string IS NOT OLD.khqr_string)
    OR (OLD.pay_to IS NOT NULL AND NEW.pay_to IS NOT OLD.pay_to)
    OR (OLD.expires_at IS NOT NULL AND NEW.expires_at IS NOT OLD.expires_at)
BEGIN
  SELECT RAISE(ABORT, 'a tender''s QR cannot change once recorded');
END;

CREATE TRIGGER tenders_md5_is_unique BEFORE UPDATE OF md5 ON tenders
  WHEN NEW.md5 IS NOT NULL AND EXISTS (SELECT 1 FROM tenders WHERE md5 = NEW.md5 AND id IS NOT OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'a recorded tender''s QR cannot be given to another tender');
END;

CREATE TRIGGER tenders_paid_row_is_final BEFORE UPDATE ON tenders
  WHEN OLD.status = 'paid' AND (
    NEW.status IS NOT OLD.status
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.paid_at IS NOT OLD.paid_at
    OR NEW.paid_late IS NOT OLD.paid_late
    OR NEW.overpaid IS NOT OLD.overpaid
    OR NEW.md5 IS NOT OLD.md5
    OR NEW.khqr_string IS NOT OLD.khqr_string
    OR NEW.pay_to IS NOT OLD.pay_to
    OR NEW.expires_at IS NOT OLD.expires_at
    OR NEW.failure_reason IS NOT OLD.failure_reason
    OR NEW.failure_code IS NOT OLD.failure_code
    OR NEW.failure_params IS NOT OLD.failure_params
    OR NEW.final_check_at IS NOT OLD.final_check_at
  )
BEGIN
  SELECT RAISE(ABORT, 'a paid tender cannot change');
END;

CREATE TRIGGER tender_events_append_only_update BEFORE UPDATE ON tender_events
BEGIN
  SELECT RAISE(ABORT, 'tender history is append-only');
END;

CREATE TRIGGER tender_events_append_only_delete BEFORE DELETE ON tender_events
BEGIN
  SELECT RAISE(ABORT, 'tender history is append-only');
END;

CREATE TRIGGER tender_events_never_replaced BEFORE INSERT ON tender_events
  WHEN EXISTS (SELECT 1 FROM tender_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'tender history is append-only');
END;
`;
