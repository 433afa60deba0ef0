/**
 * The owner's side of pairing: a till is made in the back office (its shop and a name) and given a
 * one-time pairing code, which the owner types into the till's Settings. The code expires and allows
 * a few wrong attempts (src/backoffice/pairing.ts).
 */
import { transaction, type Client, type Pool } from './db.ts';
import { newPairingCode, sha256Hex } from './secrets.ts';

export const PAIRING_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const PAIRING_ATTEMPTS = 5;

export class TillProblem extends Error {
  override name = 'TillProblem';
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
    if (value.trim().length === 0 || value.length > 100) throw new TillProblem(`the ${what} name must be 1 to 100 characters`);
  }
  return transaction(pool, async (client) => {
    await client.query('INSERT INTO shops (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [shop]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO tills (shop_id, name) SELECT id, $2 FROM shops WHERE name = $1
       ON CONFLICT (shop_id, name) DO NOTHING RETURNING id`,
      [shop, name],
    );
    const till = inserted.rows[0];
    if (!till) throw new TillProblem(`the shop "${shop}" already has a till named "${name}"`);
    return issueCode(client, Number(till.id), now);
  });
}

/** A new code for a till not yet paired (the last one expired or was used up); earlier codes stay valid until they expire. */
export function newCodeFor(pool: Pool, shop: string, name: string, now = new Date()): Promise<IssuedCode> {
  return transaction(pool, async (client) => {
    const found = await client.query<{ id: string; paired: boolean }>(
      `SELECT tills.id, tills.till_uuid IS NOT NULL AS paired FROM tills JOIN shops ON shops.id = tills.shop_id
       WHERE shops.name = $1 AND tills.name = $2 FOR UPDATE OF tills`,
      [shop, name],
    );
    const till = found.rows[0];
    if (!till) throw new TillProblem(`the shop "${shop}" has no till named "${name}"`);
    if (till.paired) throw new TillProblem(`the till "${name}" of "${shop}" is already paired`);
    return issueCode(client, Number(till.id), now);
  });
}
