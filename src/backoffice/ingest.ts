/**
 * The heart of the sync (docs/backoffice.md, "Ingest"): a batch of one till's journal rows is stored
 * exactly once, in one transaction, or not at all.
 *
 * Per batch: every row must be the token's till's; the till's cursor row is locked (SELECT … FOR
 * UPDATE), so two pushes of one till — a retry racing the original — run one after the other; each
 * row already stored under (till, epoch, seq) must equal it byte for byte and is skipped; every other
 * row must continue the chain from the stored head (the next seq with the head's hash as prev_hash,
 * or a `ledger.restored` row opening a higher epoch at a row stored here: a fork, both branches kept).
 * A gap is refused. The rows are inserted, each one's hash recomputed from what PostgreSQL returns as
 * stored, and the cursor moves to the new head, which is the answer.
 */
import { GENESIS_PREV_HASH, rowHash } from '../host/ledger/journal/canonical.ts';
import { safeInt, transaction, type Client, type Pool } from './db.ts';
import { sameRow, type WireRow } from './journal-rows.ts';
import { STORED_COLUMNS, fromStored, type StoredRow } from './stored-rows.ts';
import { Refusal, type Head } from './refusal.ts';
import { sha256Hex, TOKEN_SHAPE } from './secrets.ts';

export interface PairedTill {
  uuid: string;
  code: string;
}

export interface IngestResult {
  head: Head;
  stored: number;
  duplicates: number;
}

/** The till a bearer token belongs to, or null (unknown, revoked, or not a token at all). */
export async function tillForToken(pool: Pool, token: string): Promise<PairedTill | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { rows } = await pool.query<{ uuid: string; code: string }>(
    `SELECT tills.till_uuid AS uuid, tills.till_code AS code FROM till_tokens JOIN tills ON tills.till_uuid = till_tokens.till_uuid
     WHERE till_tokens.token_hash = $1 AND till_tokens.revoked_at IS NULL`,
    [sha256Hex(token)],
  );
  return rows[0] ?? null;
}

/**
 * A push of this till arrived (accepted or not): when, and the head the till reported having — its
 * journal's last row, which the owner's "rows behind" is counted from (tills.ts `tillSyncStates`).
 */
export async function noteSeen(pool: Pool, till: PairedTill, reported: { epoch: number; seq: number } | null, now: Date): Promise<void> {
  await pool.query(
    `UPDATE till_cursors SET last_seen_at = $2, reported_epoch = COALESCE($3, reported_epoch), reported_seq = COALESCE($4, reported_seq)
     WHERE till_uuid = $1`,
    [till.uuid, now, reported?.epoch ?? null, reported?.seq ?? null],
  );
}

const key = (epoch: number, seq: number): string => `${epoch}:${seq}`;

/** The batch is one stretch of the till's chain: each row links to the one before it. */
function checkContiguous(rows: readonly WireRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const [before, row] = [rows[i - 1]!, rows[i]!];
    const sameEpoch = row.epoch === before.epoch || (row.epoch > before.epoch && row.type === 'ledger.restored');
    if (row.seq !== before.seq + 1 || row.prevHash !== before.hash || !sameEpoch) {
      throw new Refusal(400, 'batch_not_contiguous', `row ${i + 1} of the batch (seq ${row.seq}) does not follow row ${i} (seq ${before.seq})`);
    }
  }
}

/** The first row of a till's chain: its till.created, naming the till and code it was paired with. */
function checkFirstRow(row: WireRow, till: PairedTill): void {
  const created = row.type === 'till.created' ? (JSON.parse(row.payload) as { till?: unknown; code?: unknown }) : null;
  if (row.epoch !== 1 || row.prevHash !== GENESIS_PREV_HASH || !created || created.till !== till.uuid || created.code !== till.code) {
    throw new Refusal(409, 'not_first_row', 'row 1 of a till must be its till.created, in epoch 1, naming the till and code it was paired with');
  }
}

/** Whether a row opening a new epoch links to a row stored here (its fork point). */
async function forkPointStored(client: Client, row: WireRow): Promise<boolean> {
  const { rowCount } = await client.query(
    'SELECT 1 FROM journal_rows WHERE till_uuid = $1 AND seq = $2 AND epoch < $3 AND hash = $4',
    [row.tillId, row.seq - 1, row.epoch, row.prevHash],
  );
  return rowCount === 1;
}

/** Decides, row by row from the locked head, which rows are new; refuses the batch at the first that does not fit. */
async function newRows(client: Client, till: PairedTill, start: Head, rows: readonly WireRow[], stored: Map<string, WireRow>): Promise<{ fresh: WireRow[]; head: Head }> {
  let head = start;
  const fresh: WireRow[] = [];
  for (const [i, row] of rows.entries()) {
    const existing = stored.get(key(row.epoch, row.seq));
    if (existing) {
      if (!sameRow(existing, row)) throw new Refusal(409, 'row_differs', `seq ${row.seq} of epoch ${row.epoch} is stored here with other bytes`, start);
      continue;
    }
    if (head.seq === 0) {
      if (row.seq !== 1) throw new Refusal(409, 'gap', `nothing is stored yet: the first row must be seq 1, not ${row.seq}`, start);
      checkFirstRow(row, till);
    } else if (row.epoch === head.epoch) {
      if (row.seq > head.seq + 1) throw new Refusal(409, 'gap', `seq ${row.seq} leaves a gap after the stored head, seq ${head.seq}`, start);
      if (row.seq !== head.seq + 1 || row.prevHash !== head.hash) throw new Refusal(409, 'chain_broken', `seq ${row.seq} does not continue the stored chain`, start);
    } else if (row.epoch > head.epoch) {
      // A restore's first row: linked to the row before it in this batch (checked), or to a row stored here.
      const linked = row.type === 'ledger.restored' && (i > 0 || await forkPointStored(client, row));
      if (!linked) {
        const gap = i === 0 && row.seq - 1 > head.seq;
        throw new Refusal(409, gap ? 'gap' : 'chain_broken', `epoch ${row.epoch} seq ${row.seq} does not start from a row stored here`, start);
      }
    } else {
      throw new Refusal(409, 'stale_epoch', `epoch ${row.epoch} was left for epoch ${head.epoch}: its rows past the fork cannot be added`, start);
    }
    fresh.push(row);
    head = { epoch: row.epoch, seq: row.seq, hash: row.hash };
  }
  return { fresh, head };
}

async function insertRows(client: Client, rows: readonly WireRow[]): Promise<void> {
  const column = <K extends keyof WireRow>(name: K): Array<WireRow[K]> => rows.map((row) => row[name]);
  const inserted = await client.query<StoredRow>(
    `INSERT INTO journal_rows (${STORED_COLUMNS})
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[])
     RETURNING ${STORED_COLUMNS}`,
    [column('tillId'), column('epoch'), column('seq'), column('uuid'), column('actor'), column('at'),
      column('type'), column('version'), column('payload'), column('prevHash'), column('hash')],
  );
  // Recomputed from what the database stored, not from what arrived: an encoding conversion or any
  // other change on the way in would show here, and the whole batch is rolled back.
  for (const stored of inserted.rows.map(fromStored)) {
    if (rowHash(stored.prevHash, stored) !== stored.hash) throw new Error(`seq ${stored.seq} no longer hashes as stored: check the database's encoding`);
  }
  if (inserted.rowCount !== rows.length) throw new Error('not every row was stored');
}

export async function ingest(pool: Pool, till: PairedTill, rows: readonly WireRow[], now: Date): Promise<IngestResult> {
  const foreign = rows.find((row) => row.tillId !== till.uuid);
  if (foreign) throw new Refusal(403, 'not_your_till', `seq ${foreign.seq} belongs to another till than this token's`);
  checkContiguous(rows);
  try {
    return await transaction(pool, async (client) => {
      const cursor = await client.query<{ epoch: string; seq: string; hash: string }>(
        'SELECT epoch, seq, hash FROM till_cursors WHERE till_uuid = $1 FOR UPDATE',
        [till.uuid],
      );
      const locked = cursor.rows[0];
      if (!locked) throw new Error(`till ${till.uuid} has a token but no cursor`);
      const start: Head = { epoch: safeInt(locked.epoch), seq: safeInt(locked.seq), hash: locked.hash };
      // The batch is contiguous: its seqs are one range, its epochs one or two. This reads them by the
      // primary key's index, never the till's whole history.
      const found = await client.query<StoredRow>(
        `SELECT ${STORED_COLUMNS} FROM journal_rows WHERE till_uuid = $1 AND epoch = ANY($2::bigint[]) AND seq BETWEEN $3 AND $4`,
        [till.uuid, [...new Set(rows.map((row) => row.epoch))], rows[0]!.seq, rows.at(-1)!.seq],
      );
      const stored = new Map(found.rows.map(fromStored).map((row) => [key(row.epoch, row.seq), row]));
      const { fresh, head } = await newRows(client, till, start, rows, stored);
      if (fresh.length > 0) {
        await insertRows(client, fresh);
        await client.query('UPDATE till_cursors SET epoch = $2, seq = $3, hash = $4, updated_at = $5 WHERE till_uuid = $1', [till.uuid, head.epoch, head.seq, head.hash, now]);
      }
      return { head, stored: fresh.length, duplicates: rows.length - fresh.length };
    });
  } catch (error) {
    // A row whose uuid another stored row already has: not a row this till wrote.
    if ((error as { code?: string; constraint?: string }).code === '23505') throw new Refusal(409, 'row_differs', 'a row of the batch has the uuid of a row stored here');
    throw error;
  }
}
