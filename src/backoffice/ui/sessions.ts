/**
 * Who is signed in: sign-in checks the password (scrypt, src/backoffice/passwords.ts) under the
 * attempt limits of login-throttle.ts, then makes a session — 32 random bytes handed to the browser
 * in an HttpOnly cookie, kept here as their SHA-256 only (as till tokens: a stolen database holds no
 * usable session). A session ends at sign-out or after SESSION_LIFETIME_MS, whichever comes first.
 */
import { randomBytes } from 'node:crypto';
import { transaction, type Pool } from '../db.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { sha256Hex } from '../secrets.ts';
import type { Role } from '../users.ts';
import { clearFailures, recordFailure, throttleKey, waitBeforeAttempt } from './login-throttle.ts';

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
const SESSION_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface SignedIn {
  userId: number;
  name: string;
  role: Role;
  tokenHash: string;
}

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'wait'; waitMs: number };

/** Checked against when the name is unknown, so an unknown name costs the same scrypt as a known one. */
let dummyHash: Promise<string> | null = null;

/**
 * Signs `name` in from `address`. Attempts on one account or from one address run one at a time (an
 * advisory lock per key, held while the password is checked), so parallel guesses cannot all slip
 * through before the first failure is counted.
 */
export async function signIn(pool: Pool, name: string, password: string, address: string, now: Date): Promise<SignInResult> {
  const keys = [
    { kind: 'account' as const, key: throttleKey('account', name) },
    { kind: 'address' as const, key: throttleKey('address', address) },
  ];
  return transaction(pool, async (client) => {
    for (const { key } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${key}`]);
    }
    const waitMs = await waitBeforeAttempt(pool, keys, now);
    if (waitMs > 0) return { ok: false, reason: 'wait', waitMs };
    const { rows } = await client.query<{ id: string; password_hash: string }>('SELECT id, password_hash FROM users WHERE name = $1', [name]);
    const user = rows[0];
    let right = false;
    if (user) right = await verifyPassword(password, user.password_hash);
    else await verifyPassword(password, await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
    if (!user || !right) {
      await recordFailure(pool, keys, now);
      return { ok: false, reason: 'wrong' };
    }
    await clearFailures(pool, keys[0]!.key);
    // Sessions that have ended are of no use to anyone: cleared at each sign-in.
    await client.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await client.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [sha256Hex(token), user.id, now, expiresAt]);
    return { ok: true, token, expiresAt };
  });
}

/** The person a session cookie belongs to, or null (no such session, or expired). */
export async function sessionUser(pool: Pool, token: string | undefined, now: Date): Promise<SignedIn | null> {
  if (!token || !SESSION_SHAPE.test(token)) return null;
  const tokenHash = sha256Hex(token);
  const { rows } = await pool.query<{ id: string; name: string; role: Role }>(
    'SELECT users.id, users.name, users.role FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_hash = $1 AND expires_at > $2',
    [tokenHash, now],
  );
  const row = rows[0];
  return row ? { userId: Number(row.id), name: row.name, role: row.role, tokenHash } : null;
}

export async function signOut(pool: Pool, tokenHash: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
