/**
 * Schema version 20: the people who use the till (docs/ledger.md, "users").
 *
 * `users` is the projection of the journal's `user.*` rows, written only by src/host/ledger/users.ts
 * in the transaction of the row it projects. A user is never deleted (the journal names them as
 * actors for ever): deactivated instead. No secret is here: PIN hashes and the recovery code's hash
 * live in the credentials file outside the ledger (src/host/auth/credentials.ts).
 */
export const version = 20;
export const name = 'users';

export const sql = `
CREATE TABLE users (
  id         TEXT    PRIMARY KEY CHECK (length(id) = 36),
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  role       TEXT    NOT NULL CHECK (role IN ('owner', 'manager', 'cashier')),
  active     INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
BEGIN
  SELECT RAISE(ABORT, 'users are never deleted, only deactivated');
END;
`;
