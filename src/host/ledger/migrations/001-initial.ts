/**
 * Schema version 1: settings, sales and the append-only history of every sale's status changes.
 *
 * Money is integer USD cents; times are epoch milliseconds. Triggers make the ledger refuse what the
 * rest of the code must never do: change a sale's amount or QR once written, move a paid sale to any
 * other status, or rewrite history. A bug therefore fails loudly instead of silently changing money.
 */
export const version = 1;
export const name = 'initial';

export const sql = `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sales (
  id             INTEGER PRIMARY KEY,
  amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
  currency       TEXT    NOT NULL CHECK (currency = 'USD'),
  khr_per_usd    INTEGER NOT NULL CHECK (khr_per_usd > 0),
  status         TEXT    NOT NULL CHECK (status IN
                   ('creating', 'awaiting_payment', 'paid', 'expired', 'cancelled', 'failed')),
  training       INTEGER NOT NULL CHECK (training IN (0, 1)),
  merchant_name  TEXT    NOT NULL,
  bakong_id      TEXT    NOT NULL,
  api_base_url   TEXT    NOT NULL,
  md5            TEXT    UNIQUE,
  khqr_string    TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  expires_at     INTEGER,
  paid_at        INTEGER,
  failure_reason TEXT
) STRICT;

CREATE INDEX sales_by_created ON sales (created_at);
CREATE INDEX sales_by_status ON sales (status);

CREATE TABLE sale_events (
  id          INTEGER PRIMARY KEY,
  sale_id     INTEGER NOT NULL REFERENCES sales (id),
  at          INTEGER NOT NULL,
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  detail      TEXT
) STRICT;

CREATE INDEX sale_events_by_sale ON sale_events (sale_id);

CREATE TRIGGER sales_amount_is_final BEFORE UPDATE OF amount_cents, currency, khr_per_usd, training,
  merchant_name, bakong_id, created_at ON sales
BEGIN
  SELECT RAISE(ABORT, 'a sale''s amount and parties cannot change once recorded');
END;

CREATE TRIGGER sales_qr_is_final BEFORE UPDATE OF md5, khqr_string ON sales
  WHEN OLD.md5 IS NOT NULL OR OLD.khqr_string IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a sale''s QR cannot change once recorded');
END;

CREATE TRIGGER sales_paid_is_final BEFORE UPDATE OF status, paid_at ON sales
  WHEN OLD.status = 'paid'
BEGIN
  SELECT RAISE(ABORT, 'a paid sale cannot change status');
END;

CREATE TRIGGER sales_never_deleted BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted');
END;

CREATE TRIGGER sale_events_append_only_update BEFORE UPDATE ON sale_events
BEGIN
  SELECT RAISE(ABORT, 'sale history is append-only');
END;

CREATE TRIGGER sale_events_append_only_delete BEFORE DELETE ON sale_events
BEGIN
  SELECT RAISE(ABORT, 'sale history is append-only');
END;
`;
