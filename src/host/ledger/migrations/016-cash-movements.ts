/**
 * Schema version 16: cash control (docs/journal.md, "Cash control"). `cash_movements` is the
 * projection of the journal's `cash.moved` rows, written only by src/host/ledger/cash-movements.ts in
 * the transaction of the row it projects (`seq` names that row): a shift's float per currency, and
 * its paid-in, paid-out and safe drops, each with the reason the cashier typed.
 *
 * Money is integers in the movement's own currency: USD cents, or whole riel in hundreds (the smallest
 * note is 100 ៛). A float may be 0 and is set once per shift and currency; every other movement is
 * above 0 and carries a reason. Rows are never updated, deleted or replaced (BEFORE INSERT fires
 * before any conflict is resolved, whatever pragmas a client sets, as in version 12), and only the
 * open shift's cash may move: a closed shift's count never changes.
 */
export const version = 16;
export const name = 'cash-movements';

export const sql = `
CREATE TABLE cash_movements (
  id       INTEGER PRIMARY KEY,
  shift    INTEGER NOT NULL REFERENCES shifts (shift),
  kind     TEXT    NOT NULL CHECK (kind IN ('float', 'paid_in', 'paid_out', 'drop')),
  currency TEXT    NOT NULL CHECK (currency IN ('USD', 'KHR')),
  amount   INTEGER NOT NULL CHECK (amount >= 0),
  reason   TEXT,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  actor    TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  seq      INTEGER NOT NULL UNIQUE,
  CHECK ((kind = 'float') = (reason IS NULL)),
  CHECK (kind = 'float' OR amount > 0),
  CHECK (currency = 'USD' OR amount % 100 = 0)
) STRICT;

CREATE UNIQUE INDEX cash_movements_one_float ON cash_movements (shift, currency) WHERE kind = 'float';

CREATE TRIGGER cash_movements_never_replaced BEFORE INSERT ON cash_movements
  WHEN EXISTS (SELECT 1 FROM cash_movements WHERE id = NEW.id OR seq = NEW.seq)
    OR (NEW.kind = 'float' AND EXISTS (SELECT 1 FROM cash_movements WHERE kind = 'float' AND shift = NEW.shift AND currency = NEW.currency))
    OR NOT EXISTS (SELECT 1 FROM shifts WHERE shift = NEW.shift AND closed_seq IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'cash moves once, in the open shift, and a float is set once per currency');
END;

CREATE TRIGGER cash_movements_never_updated BEFORE UPDATE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'a cash movement cannot change');
END;

CREATE TRIGGER cash_movements_never_deleted BEFORE DELETE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash movements are never deleted');
END;
`;
