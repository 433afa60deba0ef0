/**
 * What the pages read from PostgreSQL: the tills with their sync state, and each till's journal rows
 * folded into shifts (src/shared/reports/journal-fold.ts). A till whose chain forked (a restore, new
 * epoch) is folded along the branch that ends at its head — the rows its current ledger holds — and
 * the left-behind epochs are named, not counted (docs/journal.md, "Epochs").
 *
 * Cost: a till's rows are read and folded on each page that shows it (a day's page folds every
 * till). Enough for a shop's tills; a cache of folded shifts is the next step for a chain.
 */
import { safeInt, type Pool } from '../db.ts';
import { tillSyncStates } from '../tills.ts';
import { foldJournal, type FoldRow, type TillFold } from '../../shared/reports/journal-fold.ts';

export interface TillListing {
  id: number;
  shopId: number;
  shop: string;
  name: string;
  uuid: string | null;
  code: string | null;
  pairedAt: Date | null;
  tokenActive: boolean;
  /** The head as stored here, or null before the first row. */
  head: { epoch: number; seq: number } | null;
  /** When a push of this till last arrived, accepted or refused (the back office's clock). */
  lastSeen: Date | null;
  /** Rows the till reported having (with its last push) that are not here; null before it reported its head (an older till). */
  rowsBehind: number | null;
  /** When the till wrote its last stored row (the till's clock). */
  lastRowAt: number | null;
}

export async function listTills(pool: Pool, where: { tillId?: number } = {}): Promise<TillListing[]> {
  const { rows } = await pool.query<{
    id: string; shop_id: string; shop: string; name: string; till_uuid: string | null; till_code: string | null; paired_at: Date | null;
    token_active: boolean; epoch: string | null; seq: string | null; last_row_at: string | null;
  }>(
    `SELECT t.id, s.id AS shop_id, s.name AS shop, t.name, t.till_uuid, t.till_code, t.paired_at,
            EXISTS (SELECT 1 FROM till_tokens k WHERE k.till_uuid = t.till_uuid AND k.revoked_at IS NULL) AS token_active,
            c.epoch, c.seq,
            (SELECT j.at FROM journal_rows j WHERE j.till_uuid = c.till_uuid AND j.epoch = c.epoch AND j.seq = c.seq) AS last_row_at
     FROM tills t JOIN shops s ON s.id = t.shop_id LEFT JOIN till_cursors c ON c.till_uuid = t.till_uuid
     WHERE $1::bigint IS NULL OR t.id = $1
     ORDER BY s.name, t.name`,
    [where.tillId ?? null],
  );
  // The sync state as the sync's own code reads it (src/backoffice/tills.ts, "Rows behind").
  const sync = await tillSyncStates(pool);
  return rows.map((r) => ({
    id: safeInt(r.id), shopId: safeInt(r.shop_id), shop: r.shop, name: r.name, uuid: r.till_uuid, code: r.till_code, pairedAt: r.paired_at,
    tokenActive: r.token_active,
    head: r.seq !== null && safeInt(r.seq) > 0 ? { epoch: safeInt(r.epoch!), seq: safeInt(r.seq) } : null,
    lastSeen: r.till_uuid === null ? null : sync.get(r.till_uuid)?.lastSeenAt ?? null,
    rowsBehind: r.till_uuid === null ? null : sync.get(r.till_uuid)?.rowsBehind ?? null,
    lastRowAt: r.last_row_at === null ? null : safeInt(r.last_row_at),
  }));
}

export interface FoldedTill extends TillFold {
  /** Epochs stored here that are not on the branch ending at the head (a fork's left-behind rows). */
  leftBehind: number[];
}

type StoredRow = FoldRow & { prevHash: string };

/** The rows of the branch ending at `head`: each epoch's stretch, linked to the one before by its first row's prev_hash. */
export function currentBranch(rows: readonly StoredRow[], head: { epoch: number; seq: number }): { branch: StoredRow[]; leftBehind: number[] } {
  const byEpoch = new Map<number, StoredRow[]>();
  for (const row of rows) byEpoch.set(row.epoch, [...(byEpoch.get(row.epoch) ?? []), row]);
  const stretches: StoredRow[][] = [];
  const used = new Set<number>();
  let epoch: number | null = head.epoch;
  let upTo = head.seq;
  while (epoch !== null && !used.has(epoch)) {
    used.add(epoch);
    const stretch: StoredRow[] = (byEpoch.get(epoch) ?? []).filter((r) => r.seq <= upTo);
    stretches.unshift(stretch);
    const first: StoredRow | undefined = stretch[0];
    if (!first || first.seq === 1) break;
    // The first row of an epoch (ledger.restored) links to a row of a lower epoch: find which.
    const before: StoredRow | undefined = rows.find((r) => r.seq === first.seq - 1 && r.hash === first.prevHash);
    epoch = before?.epoch ?? null;
    upTo = first.seq - 1;
  }
  const branch = stretches.flat();
  const onBranch = new Set(branch);
  const leftBehind = [...new Set(rows.filter((r) => !onBranch.has(r)).map((r) => r.epoch))].sort((a, b) => a - b);
  return { branch, leftBehind };
}

export async function foldTill(pool: Pool, till: Pick<TillListing, 'uuid' | 'head'>): Promise<FoldedTill | null> {
  if (!till.uuid || !till.head) return null;
  const { rows } = await pool.query<{ epoch: string; seq: string; at: string; actor: string; type: string; version: string; payload: string; hash: string; prev_hash: string }>(
    'SELECT epoch, seq, at, actor, type, version, payload, hash, prev_hash FROM journal_rows WHERE till_uuid = $1 ORDER BY epoch, seq',
    [till.uuid],
  );
  const stored = rows.map((r) => ({
    epoch: safeInt(r.epoch), seq: safeInt(r.seq), at: safeInt(r.at), actor: r.actor, type: r.type, version: safeInt(r.version),
    payload: r.payload, hash: r.hash, prevHash: r.prev_hash,
  }));
  const { branch, leftBehind } = currentBranch(stored, till.head);
  return { ...foldJournal(branch), leftBehind };
}
