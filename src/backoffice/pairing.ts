/**
 * The till's side of pairing (docs/backoffice.md, "Pairing"): the till presents the owner's pairing
 * code with its own till id and code, as its journal's `till.created` row holds them. The back
 * office binds that till record to them, once, and answers a new token, once; it keeps only the
 * token's SHA-256.
 *
 * Refused: an unknown or wrong code (each wrong secret uses up one of the code's attempts, and that is
 * committed even though pairing fails), a used, expired or used-up code, a till id already paired (a
 * copied data folder: two PCs would write one chain), and a till code another till has (codes are what
 * people read on receipts, so they are unique per back office; docs/journal.md, "The till").
 *
 * **Re-pairing.** A code the owner made for a till already paired (after revoking its token,
 * src/backoffice/tills.ts `newCodeFor`) pairs that same till id and code only: the till gets a new
 * token, any older one is revoked, and its cursor and rows stay — the answer carries the head stored
 * here, so the till continues from it. Presented by another till, it is refused and not spent.
 */
import { timingSafeEqual } from 'node:crypto';
import { FIELD_GRAMMAR, GENESIS_PREV_HASH } from '../host/ledger/journal/canonical.ts';
import { safeInt, transaction, type Client, type Pool } from './db.ts';
import { Refusal, type Head } from './refusal.ts';
import { CODE_ALPHABET, newToken, parsePairingCode, sha256Hex } from './secrets.ts';

export interface PairRequest {
  pairingCode: string;
  tillId: string;
  tillCode: string;
}

export interface Paired {
  token: string;
  shop: string;
  till: string;
  /** On a re-pair: the till's head as stored here (seq 0 when nothing is), where it continues from. */
  head?: Head;
}

const TILL_CODE = new RegExp(`^[${CODE_ALPHABET}]{6}$`);

export function parsePairRequest(body: unknown): PairRequest {
  const { pairingCode, tillId, tillCode } = (body ?? {}) as Record<string, unknown>;
  if (typeof pairingCode !== 'string' || typeof tillId !== 'string' || typeof tillCode !== 'string'
    || !FIELD_GRAMMAR.uuid.test(tillId) || !TILL_CODE.test(tillCode)) {
    throw new Refusal(400, 'bad_request', 'expected { pairingCode, tillId (lowercase UUID), tillCode (6 characters) }');
  }
  return { pairingCode, tillId, tillCode };
}

type Outcome = { ok: Paired } | { refused: Refusal };

/** A re-pair of a till already paired here: its older tokens revoked, a new one made, its cursor kept. */
async function rePair(client: Client, codeId: string, tillId: string, now: Date): Promise<Paired> {
  await client.query('UPDATE pairing_codes SET used_at = $2 WHERE id = $1', [codeId, now]);
  await client.query('UPDATE till_tokens SET revoked_at = $2 WHERE till_uuid = $1 AND revoked_at IS NULL', [tillId, now]);
  const token = newToken();
  await client.query('INSERT INTO till_tokens (token_hash, till_uuid, created_at) VALUES ($1, $2, $3)', [sha256Hex(token), tillId, now]);
  const found = await client.query<{ shop: string; name: string; epoch: string; seq: string; hash: string }>(
    `SELECT shops.name AS shop, tills.name, c.epoch, c.seq, c.hash FROM tills JOIN shops ON shops.id = tills.shop_id
     JOIN till_cursors c ON c.till_uuid = tills.till_uuid WHERE tills.till_uuid = $1`,
    [tillId],
  );
  const r = found.rows[0]!;
  return { token, shop: r.shop, till: r.name, head: { epoch: safeInt(r.epoch), seq: safeInt(r.seq), hash: r.hash } };
}

async function tryPair(pool: Pool, request: PairRequest, now: Date): Promise<Paired> {
  const code = parsePairingCode(request.pairingCode);
  if (!code) throw new Refusal(403, 'pairing_code_wrong', 'not a pairing code');
  // A wrong attempt must be counted even though the answer is a refusal: the transaction commits the
  // count and returns the refusal, which is thrown only after the commit.
  const outcome = await transaction(pool, async (client): Promise<Outcome> => {
    const found = await client.query<{ till_id: string; secret_hash: string; attempts_left: number; expires_at: Date; used_at: Date | null }>(
      'SELECT till_id, secret_hash, attempts_left, expires_at, used_at FROM pairing_codes WHERE id = $1 FOR UPDATE',
      [code.id],
    );
    const row = found.rows[0];
    if (!row) return { refused: new Refusal(403, 'pairing_code_wrong', 'no such pairing code') };
    if (row.used_at || row.expires_at <= now || row.attempts_left <= 0) {
      return { refused: new Refusal(403, 'pairing_code_spent', 'this pairing code was used, has expired or has no attempts left: make a new one') };
    }
    const right = timingSafeEqual(Buffer.from(sha256Hex(code.secret), 'hex'), Buffer.from(row.secret_hash, 'hex'));
    if (!right) {
      await client.query('UPDATE pairing_codes SET attempts_left = attempts_left - 1 WHERE id = $1', [code.id]);
      return { refused: new Refusal(403, 'pairing_code_wrong', 'wrong pairing code') };
    }
    const bound = await client.query<{ till_uuid: string | null; till_code: string | null }>(
      'SELECT till_uuid, till_code FROM tills WHERE id = $1 FOR UPDATE',
      [row.till_id],
    );
    const { till_uuid: boundUuid, till_code: boundCode } = bound.rows[0]!;
    if (boundUuid !== null) {
      if (boundUuid !== request.tillId || boundCode !== request.tillCode) {
        return { refused: new Refusal(403, 'pairing_code_other_till', 'this code re-pairs another till: each re-pair code is for the till it was made for') };
      }
      return { ok: await rePair(client, code.id, request.tillId, now) };
    }
    const taken = await client.query<{ till_uuid: string }>(
      'SELECT till_uuid FROM tills WHERE till_uuid = $1 OR till_code = $2',
      [request.tillId, request.tillCode],
    );
    if (taken.rows.some((t) => t.till_uuid === request.tillId)) {
      return { refused: new Refusal(409, 'till_already_paired', 'this till id is already paired (a copied data folder?): each till is paired once') };
    }
    if (taken.rows.length > 0) return { refused: new Refusal(409, 'till_code_taken', 'another till of this back office has this till code') };
    const till = await client.query<{ shop: string; name: string }>(
      `UPDATE tills SET till_uuid = $2, till_code = $3, paired_at = $4 FROM shops
       WHERE tills.id = $1 AND tills.till_uuid IS NULL AND shops.id = tills.shop_id RETURNING shops.name AS shop, tills.name`,
      [row.till_id, request.tillId, request.tillCode, now],
    );
    const named = till.rows[0];
    if (!named) return { refused: new Refusal(403, 'pairing_code_spent', 'the till of this code is already paired') };
    await client.query('UPDATE pairing_codes SET used_at = $2 WHERE id = $1', [code.id, now]);
    await client.query('INSERT INTO till_cursors (till_uuid, epoch, seq, hash, updated_at) VALUES ($1, 1, 0, $2, $3)', [request.tillId, GENESIS_PREV_HASH, now]);
    const token = newToken();
    await client.query('INSERT INTO till_tokens (token_hash, till_uuid, created_at) VALUES ($1, $2, $3)', [sha256Hex(token), request.tillId, now]);
    return { ok: { token, shop: named.shop, till: named.name } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.ok;
}

/** Pairs a till; a race lost to another pairing of the same till id or code (two copies pairing at once) refused like the slower one. */
export async function pair(pool: Pool, request: PairRequest, now: Date): Promise<Paired> {
  try {
    return await tryPair(pool, request, now);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23505') throw error;
    if (constraint === 'tills_till_code_key') throw new Refusal(409, 'till_code_taken', 'another till of this back office has this till code');
    throw new Refusal(409, 'till_already_paired', 'this till id is already paired (a copied data folder?): each till is paired once');
  }
}
