/**
 * Schema version 2: late payments. A QR that expired or was cancelled can still be paid (the
 * customer scanned it just before); such a sale is marked paid_late, and an alert waits for the
 * cashier until acknowledged — kept in the ledger so a restart cannot lose it.
 */
export const version = 2;
export const name = 'late-payments';

export const sql = `
ALTER TABLE sales ADD COLUMN paid_late INTEGER NOT NULL DEFAULT 0 CHECK (paid_late IN (0, 1));

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER NOT NULL REFERENCES sales (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('paid_late')),
  previous_status TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  dismissed_at    INTEGER
) STRICT;

CREATE INDEX alerts_open ON alerts (dismissed_at);
`;
