/**
 * Schema version 13: the till and its hash-chained journal (docs/journal.md).
 *
 * `till` holds this till's identity (a UUID and a 6-character code), one row written at first start or on
 * upgrade, with the journal's first row (`till.created`) in the same transaction: src/host/ledger/journal/till.ts.
 * `journal` is append-only: one row per change of money state, per till a gapless sequence from 1,
 * each row's hash chaining the previous one. Rows are never updated, deleted or replaced, whatever
 * pragmas a client sets (BEFORE INSERT fires before any conflict is resolved, as in version 12);
 * and an insert must carry the next sequence of its till and link to the hash of the row before it,
 * so even the POS's own writer cannot leave a gap or a broken link. `epoch` starts at 1 and changes
 * only with a `ledger.restored` row, which must raise it: a restored till's new rows can never be
 * mistaken for the rows of the branch it replaced (docs/journal.md, "Epochs"). In this file the
 * sequence stays gapless across epochs, so (till_id, seq) is the key here; a server holding both
 * branches of a fork keys rows by (till_id, epoch, seq).
 * `sale_id` is derived from the payload (its `sale` field), never written: it indexes a sale's rows
 * so `verifyProjection` can compare the sales projection with the journal one sale at a time.
 * Hashes are lowercase hex (64 characters) of the SHA-256 defined in docs/journal.md.
 */
export const version = 13;
export const name = 'journal';

export const sql = `
CREATE TABLE till (
  id         TEXT    PRIMARY KEY CHECK (length(id) = 36),
  code       TEXT    NOT NULL UNIQUE CHECK (length(code) = 6),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER till_never_replaced BEFORE INSERT ON till
  WHEN EXISTS (SELECT 1 FROM till)
BEGIN
  SELECT RAISE(ABORT, 'a till''s identity is written once');
END;

CREATE TRIGGER till_never_updated BEFORE UPDATE ON till
BEGIN
  SELECT RAISE(ABORT, 'a till''s identity cannot change');
END;

CREATE TRIGGER till_never_deleted BEFORE DELETE ON till
BEGIN
  SELECT RAISE(ABORT, 'a till''s identity cannot be deleted');
END;

CREATE TABLE journal (
  till_id   TEXT    NOT NULL CHECK (length(till_id) = 36),
  epoch     INTEGER NOT NULL CHECK (epoch >= 1),
  seq       INTEGER NOT NULL CHECK (seq >= 1),
  uuid      TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
  actor     TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  version   INTEGER NOT NULL CHECK (version >= 1),
  payload   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT    NOT NULL CHECK (length(hash) = 64),
  sale_id   INTEGER GENERATED ALWAYS AS (json_extract(payload, '$.sale')) VIRTUAL,
  PRIMARY KEY (till_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX journal_by_sale ON journal (till_id, sale_id, seq) WHERE sale_id IS NOT NULL;

CREATE TRIGGER journal_next_in_chain BEFORE INSERT ON journal
  WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM journal WHERE till_id = NEW.till_id), 0) + 1
    OR NEW.prev_hash IS NOT COALESCE(
         (SELECT hash FROM journal WHERE till_id = NEW.till_id AND seq = NEW.seq - 1),
         '0000000000000000000000000000000000000000000000000000000000000000')
    OR EXISTS (SELECT 1 FROM journal WHERE uuid = NEW.uuid)
    OR (NEW.type = 'ledger.restored' AND NEW.epoch <= COALESCE((SELECT epoch FROM journal WHERE till_id = NEW.till_id AND seq = NEW.seq - 1), 0))
    OR (NEW.type IS NOT 'ledger.restored' AND NEW.epoch IS NOT COALESCE((SELECT epoch FROM journal WHERE till_id = NEW.till_id AND seq = NEW.seq - 1), 1))
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only: a row must be the next of its till''s chain');
END;

CREATE TRIGGER journal_never_updated BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;

CREATE TRIGGER journal_never_deleted BEFORE DELETE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;
`;
