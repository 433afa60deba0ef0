/**
 * Sign-in attempts, limited per account name and per address with a growing delay: after a few
 * failures each further attempt must wait, twice as long each time (1 s, 2 s, 4 s … up to 15 min),
 * before the password is even checked. An attempt during the wait is refused with the time left and
 * does not count. A success clears the account's count; the address's count only fades with time
 * (FORGET_AFTER_MS), so one person's correct password does not reopen guessing from that address.
 * Counts live in PostgreSQL (login_failures), so restarts and several processes share them; the
 * clock is the caller's (tests move it).
 */
import type { Pool } from '../db.ts';

/** Failures allowed without a wait: a person mistyping a few times is not slowed down. */
const FREE_FAILURES = { account: 3, address: 10 } as const;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** A count with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export type ThrottleKind = keyof typeof FREE_FAILURES;

export const throttleKey = (kind: ThrottleKind, value: string): string => `${kind}:${kind === 'account' ? value.trim().toLowerCase() : value}`.slice(0, 200);

/** The wait after `failures` failures of a key of this kind. */
export function delayAfter(kind: ThrottleKind, failures: number): number {
  const over = failures - FREE_FAILURES[kind];
  if (over <= 0) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(over - 1, 30));
}

/** Milliseconds to wait before another attempt may be checked (0: go ahead), the longest of the keys. */
export async function waitBeforeAttempt(pool: Pool, keys: Array<{ kind: ThrottleKind; key: string }>, now: Date): Promise<number> {
  const { rows } = await pool.query<{ key: string; failures: number; last_failure_at: Date }>(
    'SELECT key, failures, last_failure_at FROM login_failures WHERE key = ANY($1)', [keys.map((k) => k.key)],
  );
  let wait = 0;
  for (const row of rows) {
    const kind = keys.find((k) => k.key === row.key)!.kind;
    const since = now.getTime() - row.last_failure_at.getTime();
    if (since >= FORGET_AFTER_MS) continue;
    wait = Math.max(wait, delayAfter(kind, row.failures) - since);
  }
  return Math.max(0, wait);
}

export async function recordFailure(pool: Pool, keys: Array<{ key: string }>, now: Date): Promise<void> {
  for (const { key } of keys) {
    await pool.query(
      `INSERT INTO login_failures (key, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.last_failure_at < $2::timestamptz - make_interval(secs => $3) THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = $2`,
      [key, now, FORGET_AFTER_MS / 1000],
    );
  }
}

export async function clearFailures(pool: Pool, key: string): Promise<void> {
  await pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
}
