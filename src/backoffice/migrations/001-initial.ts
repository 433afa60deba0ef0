/**
 * Schema 1 of the back office (docs/backoffice.md, "Tables"): shops and their tills, one-time pairing
 * codes, till tokens (their SHA-256 only), each till's sync cursor, the tills' journal rows, and the
 * owner's and accountant's accounts.
 *
 * Journal rows keep every hashed field as the till sent it; the payload is `text`, never json/jsonb
 * (jsonb reorders keys and respells numbers and strings: the row would no longer hash). They are
 * keyed by (till, epoch, seq) so both branches of a fork are kept (docs/journal.md, "Epochs"), and
 * they are never changed or deleted.
 */
export const version = 1;
export const name = 'initial';

export const sql = `
CREATE TABLE shops (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A till is created by the owner (shop, name) before it exists anywhere; pairing then binds it, once,
-- to the till's own id and code from its journal (till.created). Both are unique in the back office.
CREATE TABLE tills (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shop_id    bigint NOT NULL REFERENCES shops (id),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  till_uuid  text UNIQUE CHECK (till_uuid ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  till_code  text UNIQUE CHECK (till_code ~ '^[2-9A-HJKMNP-TW-Z]{6}$'),
  paired_at  timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (shop_id, name),
  CHECK ((till_uuid IS NULL) = (till_code IS NULL) AND (till_uuid IS NULL) = (paired_at IS NULL))
);

-- A code is shown as XXXX-XXXX-XXXX: the first group finds the row, the other eight characters are the
-- secret, kept as SHA-256 only. Each wrong secret uses up an attempt; a used or expired code is spent.
CREATE TABLE pairing_codes (
  id            text PRIMARY KEY CHECK (id ~ '^[2-9A-HJKMNP-TW-Z]{4}$'),
  till_id       bigint NOT NULL REFERENCES tills (id),
  secret_hash   text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  attempts_left integer NOT NULL CHECK (attempts_left >= 0),
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  created_at    timestamptz NOT NULL
);

-- The bearer token a paired till pushes with: only its SHA-256 is kept (the till holds the token).
CREATE TABLE till_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  till_uuid  text NOT NULL REFERENCES tills (till_uuid),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX till_tokens_by_till ON till_tokens (till_uuid);

-- Each till's head as stored here (seq 0: nothing yet). An ingest locks this row for its batch.
CREATE TABLE till_cursors (
  till_uuid  text PRIMARY KEY REFERENCES tills (till_uuid),
  epoch      bigint NOT NULL CHECK (epoch >= 1),
  seq        bigint NOT NULL CHECK (seq >= 0),
  hash       text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL
);

CREATE TABLE journal_rows (
  till_uuid   text NOT NULL REFERENCES tills (till_uuid),
  epoch       bigint NOT NULL CHECK (epoch >= 1),
  seq         bigint NOT NULL CHECK (seq >= 1),
  uuid        text NOT NULL UNIQUE,
  actor       text NOT NULL,
  at          bigint NOT NULL,
  type        text NOT NULL,
  version     bigint NOT NULL CHECK (version >= 1),
  payload     text NOT NULL,
  prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_uuid, epoch, seq)
);
CREATE INDEX journal_rows_by_type ON journal_rows (type, at);

CREATE FUNCTION journal_rows_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal rows are never changed or deleted';
END;
$$;
CREATE TRIGGER journal_rows_never_changed BEFORE UPDATE OR DELETE ON journal_rows
  FOR EACH ROW EXECUTE FUNCTION journal_rows_are_final();
CREATE TRIGGER journal_rows_never_truncated BEFORE TRUNCATE ON journal_rows
  FOR EACH STATEMENT EXECUTE FUNCTION journal_rows_are_final();

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  role          text NOT NULL CHECK (role IN ('owner', 'accountant')),
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  created_at    timestamptz NOT NULL DEFAULT now()
);
`;
