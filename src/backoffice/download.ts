/**
 * A till's own rows back (docs/backoffice.md, "Download"): a till restored from an old backup asks
 * for the rows the back office holds past its backup's head, as stored — every hashed field as the
 * till sent it, the payload as its stored text — so it can check each one's hash and link itself and
 * continue its chain instead of forking it. Only the token's till's rows, a page at a time.
 *
 * The back office may hold a fork (docs/journal.md, "Epochs"): the rows answered are those of the
 * branch that ends at its head — the head's epoch from its first row, then, through that row's
 * `prev_hash`, the epoch it forked from, and so on. The row the till asks after must be on that
 * branch (same epoch, same hash); one the back office holds with other bytes is `row_differs`, one
 * on a branch it left is `not_on_branch`, and one it does not hold at all (the till is ahead) gets no
 * rows. Every answer carries the head and the highest epoch held for the till, so a restore can take
 * an epoch above any the back office knows.
 */
import { GENESIS_PREV_HASH } from '../host/ledger/journal/canonical.ts';
import { safeInt, type Client, type Pool } from './db.ts';
import type { PairedTill } from './ingest.ts';
import { STORED_COLUMNS, fromStored, type StoredRow } from './stored-rows.ts';
import type { WireRow } from './journal-rows.ts';
import { Refusal, type Head } from './refusal.ts';

/** Rows per page at most, and about this many bytes: well under what a till reads comfortably. */
export const DOWNLOAD_MAX_ROWS = 1000;
export const DOWNLOAD_DEFAULT_ROWS = 500;
const DOWNLOAD_MAX_BYTES = 4 * 1024 * 1024;

export interface DownloadRequest {
  after: Head;
  limit: number;
}

export interface Download {
  rows: WireRow[];
  head: Head;
  maxEpoch: number;
  /** More rows follow the last one given (ask again after it). */
  more: boolean;
}

const DIGITS = /^(0|[1-9][0-9]{0,14})$/;

/** `?afterEpoch=E&afterSeq=S&afterHash=H[&limit=N]`; afterSeq 0 (with 64 zeros) asks from row 1. */
export function parseDownloadRequest(query: URLSearchParams): DownloadRequest {
  const [epoch, seq, hash, limit] = ['afterEpoch', 'afterSeq', 'afterHash', 'limit'].map((name) => query.get(name) ?? null) as [string | null, string | null, string | null, string | null];
  const bad = (): never => { throw new Refusal(400, 'bad_request', 'expected afterEpoch (≥ 1), afterSeq (≥ 0), afterHash (64 lowercase hex) and optionally limit (1 to 1000)'); };
  if (!epoch || !seq || !hash || !DIGITS.test(epoch) || !DIGITS.test(seq) || !/^[0-9a-f]{64}$/.test(hash) || Number(epoch) < 1) bad();
  if (limit !== null && (!DIGITS.test(limit) || Number(limit) < 1 || Number(limit) > DOWNLOAD_MAX_ROWS)) bad();
  return { after: { epoch: Number(epoch), seq: Number(seq), hash: hash! }, limit: limit === null ? DOWNLOAD_DEFAULT_ROWS : Number(limit) };
}

interface Segment { epoch: number; from: number; to: number }

/** The branch ending at `head`, newest epoch first: each epoch's stretch of seqs on it. */
async function branchOf(client: Client, till: string, head: Head): Promise<Segment[]> {
  const firsts = await client.query<{ epoch: string; first: string }>(
    'SELECT epoch, min(seq) AS first FROM journal_rows WHERE till_uuid = $1 GROUP BY epoch', [till],
  );
  const firstOf = new Map(firsts.rows.map((r) => [safeInt(r.epoch), safeInt(r.first)]));
  const segments: Segment[] = [];
  let epoch = head.epoch;
  let to = head.seq;
  for (;;) {
    const from = firstOf.get(epoch)!;
    segments.push({ epoch, from, to });
    if (from === 1) return segments;
    // The epoch's first row is a restore's, linked to the row before it in the epoch it forked from.
    const link = await client.query<{ epoch: string }>(
      `SELECT parent.epoch FROM journal_rows child JOIN journal_rows parent
         ON parent.till_uuid = child.till_uuid AND parent.seq = child.seq - 1 AND parent.hash = child.prev_hash AND parent.epoch < child.epoch
       WHERE child.till_uuid = $1 AND child.epoch = $2 AND child.seq = $3`,
      [till, epoch, from],
    );
    if (!link.rows[0]) throw new Error(`epoch ${epoch} of till ${till} does not link to a stored row`);
    epoch = safeInt(link.rows[0].epoch);
    to = from - 1;
  }
}

export async function download(pool: Pool, till: PairedTill, request: DownloadRequest): Promise<Download> {
  const client = await pool.connect();
  try {
    // One snapshot for the head, the branch and the rows: a push committing meanwhile changes nothing here.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const cursor = await client.query<{ epoch: string; seq: string; hash: string; max_epoch: string | null }>(
      'SELECT epoch, seq, hash, (SELECT max(epoch) FROM journal_rows WHERE till_uuid = $1) AS max_epoch FROM till_cursors WHERE till_uuid = $1',
      [till.uuid],
    );
    const c = cursor.rows[0];
    if (!c) throw new Error(`till ${till.uuid} has a token but no cursor`);
    const head: Head = { epoch: safeInt(c.epoch), seq: safeInt(c.seq), hash: c.hash };
    const maxEpoch = c.max_epoch === null ? 1 : safeInt(c.max_epoch);
    const none = (): Download => ({ rows: [], head, maxEpoch, more: false });
    const { after } = request;
    if (head.seq === 0 || after.seq >= head.seq) return none();
    const branch = await branchOf(client, till.uuid, head);
    if (after.seq === 0) {
      if (after.epoch !== 1 || after.hash !== GENESIS_PREV_HASH) throw new Refusal(400, 'bad_request', 'before row 1 is epoch 1 and 64 zeros');
    } else {
      const stored = await client.query<{ hash: string }>(
        'SELECT hash FROM journal_rows WHERE till_uuid = $1 AND epoch = $2 AND seq = $3', [till.uuid, after.epoch, after.seq],
      );
      // Not held here: the till is ahead of the back office on this branch, or on one it never sent.
      if (!stored.rows[0]) return none();
      if (stored.rows[0].hash !== after.hash) throw new Refusal(409, 'row_differs', `seq ${after.seq} of epoch ${after.epoch} is stored here with other bytes`, head);
      const on = branch.find((s) => after.seq >= s.from && after.seq <= s.to);
      if (on?.epoch !== after.epoch) {
        throw new Refusal(409, 'not_on_branch', `seq ${after.seq} of epoch ${after.epoch} is on a branch this till left (its head is epoch ${head.epoch})`, head);
      }
    }
    const last = Math.min(head.seq, after.seq + request.limit);
    const found = await client.query<StoredRow>(
      `SELECT ${STORED_COLUMNS} FROM journal_rows WHERE till_uuid = $1 AND epoch = ANY($2::bigint[]) AND seq > $3 AND seq <= $4 ORDER BY seq, epoch`,
      [till.uuid, branch.map((s) => s.epoch), after.seq, last],
    );
    const rows: WireRow[] = [];
    let bytes = 0;
    for (const row of found.rows.map(fromStored)) {
      const segment = branch.find((s) => row.seq >= s.from && row.seq <= s.to);
      if (segment?.epoch !== row.epoch) continue; // a row of another branch at this seq
      bytes += Buffer.byteLength(row.payload) + 400;
      if (bytes > DOWNLOAD_MAX_BYTES && rows.length > 0) break;
      rows.push(row);
    }
    await client.query('COMMIT');
    return { rows, head, maxEpoch, more: (rows.at(-1)?.seq ?? after.seq) < head.seq };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
