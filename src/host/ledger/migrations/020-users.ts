/**
 * Schema version 20: the people who use the till (docs/ledger.md, "users").
 *
 * `users` is the projection of the journal's `user.*` rows, written only by src/host/ledger/users.ts
 * in the transaction of the row it projects. A user is never deleted (the journal names them as
 * actors for ever): deactivated instead, for good (never replaced, renamed or reactivated). No secret is here: PIN hashes and the recovery code's hash
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

CREATE TRIGGER users_never_replaced BEFORE INSERT ON users
  WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a user is created once');
END;

CREATE TRIGGER users_identity_is_final BEFORE UPDATE ON users
  WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.created_at IS NOT OLD.created_at OR (OLD.active = 0 AND NEW.active = 1)
BEGIN
  SELECT RAISE(ABORT, 'a user keeps their id and name, and a deactivated user stays deactivated');
END;

CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
BEGIN
  SELECT RAISE(ABORT, 'users are never deleted, only deactivated');
END;
`;
