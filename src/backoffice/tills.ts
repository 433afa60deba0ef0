/**
 * The owner's side of pairing: a till is made in the back office (its shop and a name) and given a
 * one-time pairing code, which the owner types into the till's Settings. The code expires and allows
 * a few wrong attempts (src/backoffice/pairing.ts). A paired till's token can be revoked (its pushes
 * are refused, every row it sent stays); once revoked, a new code re-pairs the same till id, which
 * continues from the rows stored here. And each till's sync state: when it was last seen, its head
 * here, and how many rows it reported having that are not here yet.
 */
import { safeInt, transaction, type Client, type Pool } from './db.ts';
import type { Head } from './refusal.ts';
import { newPairingCode, sha256Hex } from './secrets.ts';

export const PAIRING_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const PAIRING_ATTEMPTS = 5;

export class TillProblem extends Error {
  override name = 'TillProblem';
  /** Which refusal, for a page to say in its own words (the message is English, for the command line). */
  readonly reason: 'name_length' | 'name_taken' | 'already_paired' | 'no_such_till';

  constructor(reason: TillProblem['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

/** A new pairing code for an unpaired till (its first group must be free: a clash draws again). */
async function issueCode(client: Client, tillId: number, now: Date): Promise<IssuedCode> {
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_LIFETIME_MS);
  for (;;) {
    const code = newPairingCode();
    const { rowCount } = await client.query(
      `INSERT INTO pairing_codes (id, till_id, secret_hash, attempts_left, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [code.id, tillId, sha256Hex(code.secret), PAIRING_ATTEMPTS, expiresAt, now],
    );
    if (rowCount === 1) return { code: code.text, expiresAt };
  }
}

/** Makes the till `name` in `shop` (the shop too, if new) and its first pairing code. */
export function addTill(pool: Pool, shop: string, name: string, now = new Date()): Promise<IssuedCode> {
  for (const [what, value] of [['shop', shop], ['till', name]] as const) {
    if (value.trim().length === 0 || value.length > 100) throw new TillProblem('name_length', `the ${what} name must be 1 to 100 characters`);
  }
  return transaction(pool, async (client) => {
    await client.query('INSERT INTO shops (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [shop]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO tills (shop_id, name) SELECT id, $2 FROM shops WHERE name = $1
       ON CONFLICT (shop_id, name) DO NOTHING RETURNING id`,
      [shop, name],
    );
    const till = inserted.rows[0];
    if (!till) throw new TillProblem('name_taken', `the shop "${shop}" already has a till named "${name}"`);
    return issueCode(client, Number(till.id), now);
  });
}

/**
 * A new code for a till: a pairing code for a till not yet paired (the last one expired or was used
 * up), or a **re-pair** code for a paired till whose token was revoked — valid for that till id only,
 * so the till continues its own chain from the rows stored here. A paired till with a token in force
 * is refused: revoke it first (a re-pair replaces the till's token on purpose, never by accident).
 * Earlier codes stay valid until they expire.
 */
export function newCodeFor(pool: Pool, shop: string, name: string, now = new Date()): Promise<IssuedCode> {
  return transaction(pool, async (client) => {
    const found = await client.query<{ id: string; paired: boolean; active: boolean }>(
      `SELECT tills.id, tills.till_uuid IS NOT NULL AS paired,
              EXISTS (SELECT 1 FROM till_tokens WHERE till_tokens.till_uuid = tills.till_uuid AND revoked_at IS NULL) AS active
       FROM tills JOIN shops ON shops.id = tills.shop_id
       WHERE shops.name = $1 AND tills.name = $2 FOR UPDATE OF tills`,
      [shop, name],
    );
    const till = found.rows[0];
    if (!till) throw new TillProblem('no_such_till', `the shop "${shop}" has no till named "${name}"`);
    if (till.paired && till.active) throw new TillProblem('already_paired', `the till "${name}" of "${shop}" is paired and its token is in force: revoke it first to re-pair`);
    return issueCode(client, Number(till.id), now);
  });
}

/** A till's number here (tills.id) by its shop and name, or null. */
export async function findTill(pool: Pool, shop: string, name: string): Promise<number | null> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT tills.id FROM tills JOIN shops ON shops.id = tills.shop_id WHERE shops.name = $1 AND tills.name = $2',
    [shop, name],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/**
 * Revokes a paired till's token(s): its pushes are refused from now on (401), and every row it sent
 * stays. Returns false when the till has no token to revoke.
 */
export async function revokeTill(pool: Pool, tillId: number, now = new Date()): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE till_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND till_uuid = (SELECT till_uuid FROM tills WHERE id = $1)`,
    [tillId, now],
  );
  return (rowCount ?? 0) > 0;
}

/** What the back office shows of a till's sync (docs/backoffice.md, "Rows behind"). */
export interface TillSyncState {
  /** When a push of this till last arrived (accepted or refused), or null. */
  lastSeenAt: Date | null;
  /** The last row stored here, or null when none is. */
  head: Head | null;
  /**
   * Rows the till reported having (its journal's head, sent with each push) that are not stored here;
   * null before the till reported one. As of `lastSeenAt`: a till offline since may have more.
   */
  rowsBehind: number | null;
}

/** Each paired till's sync state, by till id (its UUID). */
export async function tillSyncStates(pool: Pool, tillUuid?: string): Promise<Map<string, TillSyncState>> {
  const { rows } = await pool.query<{ till_uuid: string; epoch: string; seq: string; hash: string; reported_seq: string | null; last_seen_at: Date | null }>(
    `SELECT till_uuid, epoch, seq, hash, reported_seq, last_seen_at FROM till_cursors ${tillUuid === undefined ? '' : 'WHERE till_uuid = $1'}`,
    tillUuid === undefined ? [] : [tillUuid],
  );
  return new Map(rows.map((row) => {
    const seq = safeInt(row.seq);
    const head = seq === 0 ? null : { epoch: safeInt(row.epoch), seq, hash: row.hash };
    // The till's file is one branch with gapless seqs across epochs, so its head's seq counts its rows.
    const rowsBehind = row.reported_seq === null ? null : Math.max(0, safeInt(row.reported_seq) - seq);
    return [row.till_uuid, { lastSeenAt: row.last_seen_at, head, rowsBehind }];
  }));
}

/** One till's sync state, or null when it is not paired. */
export async function tillSyncState(pool: Pool, tillUuid: string): Promise<TillSyncState | null> {
  return (await tillSyncStates(pool, tillUuid)).get(tillUuid) ?? null;
}
