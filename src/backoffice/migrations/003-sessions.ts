/**
 * Schema 3: the back office's sign-in (docs/backoffice.md, "The back office UI"). Sessions are random
 * tokens kept as their SHA-256 only (the browser holds the token in an HttpOnly cookie); failed
 * sign-ins are counted per account name and per address, so each further attempt waits longer
 * (src/backoffice/ui/login-throttle.ts). Counts are kept in the database, so every process serving
 * one back office shares them.
 */
export const version = 3;
export const name = 'sessions';

export const sql = `
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- 'account:<name as typed, lowercased>' or 'address:<remote address>'.
CREATE TABLE login_failures (
  key             text PRIMARY KEY CHECK (length(key) <= 200),
  failures        integer NOT NULL CHECK (failures >= 1),
  last_failure_at timestamptz NOT NULL
);
`;
