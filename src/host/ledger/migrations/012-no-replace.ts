/**
 * Schema version 12: no write may replace a recorded row. `INSERT OR REPLACE`, `REPLACE` and
 * `UPDATE OR REPLACE` resolve a conflict on the primary key or on any UNIQUE index by deleting the
 * row in the way — and SQLite fires DELETE triggers for that deletion only when the client turned
 * recursive_triggers on, so the guards of versions 1 and 11 let a paid sale be rewritten as a
 * cancelled 1¢ sale paying another account. A BEFORE INSERT trigger fires whatever pragmas a client
 * sets, before any conflict is resolved (an upsert's DO UPDATE included), so each table refuses an
 * insert that would land on an existing row:
 *
 * - sales: on its id, and on its md5 (UNIQUE). Its id never changes, and an md5 is never given to a
 *   second sale (UPDATE OR REPLACE would delete the sale that has it).
 * - sale_events (history): on its id; updates and deletes were refused already (version 1).
 * - alerts: on its id; and, new here, an alert is never deleted and only its dismissal is written,
 *   once (the POS never did anything else: src/host/ledger/alerts.ts).
 * - print_jobs: a queue, its status and attempts change as it prints (src/host/ledger/print-jobs.ts);
 *   but a job's id, sale, kind and creation time are fixed, it is never deleted (a paid sale always
 *   owes its receipt) and an insert may not land on a job's id or on a sale's one receipt.
 *
 * settings are replaced by the POS itself (an upsert by key) and are not guarded here.
 * A trigger can be dropped by anyone who can open the file: src/host/ledger/guards.ts notices a
 * guard missing or altered at start, and docs/ledger.md says what these guards cannot stop.
 * In a BEFORE INSERT trigger an id the POS leaves to SQLite reads as -1; no row has that id.
 */
export const version = 12;
export const name = 'no-replace';

export const sql = `
CREATE TRIGGER sales_never_replaced BEFORE INSERT ON sales
  WHEN EXISTS (SELECT 1 FROM sales WHERE id = NEW.id)
    OR (NEW.md5 IS NOT NULL AND EXISTS (SELECT 1 FROM sales WHERE md5 = NEW.md5))
BEGIN
  SELECT RAISE(ABORT, 'a recorded sale cannot be replaced');
END;

CREATE TRIGGER sales_id_is_final BEFORE UPDATE OF id ON sales
  WHEN NEW.id IS NOT OLD.id
BEGIN
  SELECT RAISE(ABORT, 'a sale''s number cannot change');
END;

CREATE TRIGGER sales_md5_is_unique BEFORE UPDATE OF md5 ON sales
  WHEN NEW.md5 IS NOT NULL AND EXISTS (SELECT 1 FROM sales WHERE md5 = NEW.md5 AND id IS NOT OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'a recorded sale''s QR cannot be given to another sale');
END;

CREATE TRIGGER sale_events_never_replaced BEFORE INSERT ON sale_events
  WHEN EXISTS (SELECT 1 FROM sale_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'sale history is append-only');
END;

CREATE TRIGGER alerts_never_replaced BEFORE INSERT ON alerts
  WHEN EXISTS (SELECT 1 FROM alerts WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a recorded alert cannot be replaced');
END;

CREATE TRIGGER alerts_row_is_final BEFORE UPDATE ON alerts
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
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

CREATE TRIGGER print_jobs_never_replaced BEFORE INSERT ON print_jobs
  WHEN EXISTS (SELECT 1 FROM print_jobs WHERE id = NEW.id)
    OR (NEW.kind = 'receipt' AND EXISTS (SELECT 1 FROM print_jobs WHERE kind = 'receipt' AND sale_id = NEW.sale_id))
BEGIN
  SELECT RAISE(ABORT, 'a recorded print job cannot be replaced');
END;

CREATE TRIGGER print_jobs_identity_is_final BEFORE UPDATE OF id, sale_id, kind, created_at ON print_jobs
  WHEN NEW.id IS NOT OLD.id
    OR NEW.sale_id IS NOT OLD.sale_id
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
