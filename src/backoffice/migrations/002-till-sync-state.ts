/**
 * Schema 2: what the back office knows of each till's sync beyond the rows it stores
 * (docs/backoffice.md, "Rows behind"): the head the till last reported with a push (its own journal's
 * last row, which may be past what is stored here) and when a push of this till last arrived — so the
 * owner sees, per till, when it was last seen and how many rows it has not sent yet.
 */
export const version = 2;
export const name = 'till-sync-state';

export const sql = `
ALTER TABLE till_cursors
  ADD COLUMN reported_epoch bigint CHECK (reported_epoch >= 1),
  ADD COLUMN reported_seq   bigint CHECK (reported_seq >= 0),
  ADD COLUMN last_seen_at   timestamptz,
  ADD CHECK ((reported_epoch IS NULL) = (reported_seq IS NULL));
`;
