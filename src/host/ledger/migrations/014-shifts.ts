/**
 * Schema version 14: shifts and their Z reports (docs/journal.md, "Shifts and the close").
 *
 * `shifts` is the projection of the journal's `shift.opened` / `shift.closed` rows, written only by
 * src/host/ledger/shifts.ts in the transaction of the row it projects. A shift is opened once (never
 * replaced, whatever pragmas a client sets: BEFORE INSERT fires before any conflict is resolved, as in
 * version 12), closed once (its close fields go from NULL to a value, then never change), and never
 * deleted. At most one shift is open at a time.
 * `z_reports` holds each closed shift's Z report as its canonical JSON and its anchor: written once,
 * in the close's transaction, never updated, deleted or replaced. `ledger verify` recomputes every
 * stored report from the journal and compares it, so a report rewritten with the triggers dropped is
 * still named.
 */
export const version = 14;
export const name = 'shifts';

export const sql = `
CREATE TABLE shifts (
  shift         INTEGER PRIMARY KEY CHECK (shift >= 1),
  business_date TEXT    NOT NULL CHECK (length(business_date) = 10),
  reason        TEXT    NOT NULL CHECK (reason IN ('first_sale', 'explicit', 'late_payment')),
  opened_by     TEXT    NOT NULL,
  opened_at     INTEGER NOT NULL,
  opened_seq    INTEGER NOT NULL,
  closed_at     INTEGER,
  closed_seq    INTEGER,
  z_number      TEXT    UNIQUE,
  last_seq      INTEGER,
  head_hash16   TEXT    CHECK (head_hash16 IS NULL OR length(head_hash16) = 16)
) STRICT;

CREATE TRIGGER shifts_never_replaced BEFORE INSERT ON shifts
  WHEN EXISTS (SELECT 1 FROM shifts WHERE shift = NEW.shift)
    OR EXISTS (SELECT 1 FROM shifts WHERE closed_seq IS NULL)
    OR NEW.shift IS NOT COALESCE((SELECT MAX(shift) FROM shifts), 0) + 1
    OR NEW.closed_seq IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a shift opens once, after the previous one closed');
END;

CREATE TRIGGER shifts_closed_once BEFORE UPDATE ON shifts
  WHEN OLD.closed_seq IS NOT NULL
    OR NEW.shift IS NOT OLD.shift
    OR NEW.business_date IS NOT OLD.business_date
    OR NEW.reason IS NOT OLD.reason
    OR NEW.opened_by IS NOT OLD.opened_by
    OR NEW.opened_at IS NOT OLD.opened_at
    OR NEW.opened_seq IS NOT OLD.opened_seq
BEGIN
  SELECT RAISE(ABORT, 'a closed shift cannot change, and an open one only closes');
END;

CREATE TRIGGER shifts_never_deleted BEFORE DELETE ON shifts
BEGIN
  SELECT RAISE(ABORT, 'shifts are never deleted');
END;

CREATE TABLE z_reports (
  shift       INTEGER PRIMARY KEY REFERENCES shifts (shift),
  z_number    TEXT    NOT NULL UNIQUE,
  last_seq    INTEGER NOT NULL,
  head_hash16 TEXT    NOT NULL CHECK (length(head_hash16) = 16),
  closed_at   INTEGER NOT NULL,
  report      TEXT    NOT NULL
) STRICT;

CREATE TRIGGER z_reports_never_replaced BEFORE INSERT ON z_reports
  WHEN EXISTS (SELECT 1 FROM z_reports WHERE shift = NEW.shift OR z_number = NEW.z_number)
BEGIN
  SELECT RAISE(ABORT, 'a Z report is written once');
END;

CREATE TRIGGER z_reports_never_updated BEFORE UPDATE ON z_reports
BEGIN
  SELECT RAISE(ABORT, 'a Z report cannot change');
END;

CREATE TRIGGER z_reports_never_deleted BEFORE DELETE ON z_reports
BEGIN
  SELECT RAISE(ABORT, 'Z reports are never deleted');
END;
`;
