/**
 * The journal's one writer. `append` adds the next row of this till's chain inside the caller's
 * transaction — the same one that writes the projection (sales, alerts, print jobs, settings) — so a
 * change of money state and its journal row commit together or not at all. It refuses to run outside
 * a transaction: a row committed alone could disagree with the projection after a crash.
 *
 * Cost per row: one primary-key lookup for the chain head, one SHA-256 over a few hundred bytes and
 * one insert.
 */
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.ts';
import { GENESIS_PREV_HASH, canonicalJson, fieldGrammarProblem, rowHash } from './canonical.ts';
import type { Actor, JournalEvent } from './events.ts';
import { resolveActor } from '../../auth/actor-context.ts';

export interface JournalRow {
  tillId: string;
  epoch: number;
  seq: number;
  uuid: string;
  actor: Actor;
  at: number;
  type: string;
  version: number;
  payload: string;
  prevHash: string;
  hash: string;
}

export class JournalError extends Error {
  override name = 'JournalError';
}

const tillIds = new WeakMap<Db, string>();

/** The two statements every append runs, prepared once per connection (an append is on the payment path). */
const statements = new WeakMap<Db, { head: Statement; insert: Statement }>();

function prepared(db: Db): { head: Statement; insert: Statement } {
  let found = statements.get(db);
  if (!found) {
    found = {
      head: db.prepare('SELECT epoch, seq, hash FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(`INSERT INTO journal (till_id, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash)
                          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
    statements.set(db, found);
  }
  return found;
}

/** This till's id (from the `till` table), or null before the till exists. */
export function tillId(db: Db): string | null {
  const known = tillIds.get(db);
  if (known) return known;
  const row = db.prepare('SELECT id FROM till LIMIT 1').get() as { id: string } | undefined;
  if (row) tillIds.set(db, row.id);
  return row?.id ?? null;
}

/**
 * `by.epoch` is given only by a restore (`ledger.restored`), which starts a new epoch: every other row
 * stays in its chain head's epoch (docs/journal.md, "Epochs").
 */
export function appendFor(db: Db, till: string, event: JournalEvent, by: { actor: Actor; at: number; uuid?: string; epoch?: number }): JournalRow {
  if (!db.inTransaction) throw new JournalError(`a ${event.type} row must be written in the transaction of the change it records`);
  const { head: headStatement, insert } = prepared(db);
  const head = headStatement.get(till) as
    | { epoch: number; seq: number; hash: string }
    | undefined;
  const headEpoch = head?.epoch ?? 1;
  if (by.epoch !== undefined && (event.type !== 'ledger.restored' || by.epoch <= headEpoch)) {
    throw new JournalError(`only a restore starts a new epoch, above the chain's ${headEpoch}`);
  }
  const fields = {
    tillId: till,
    epoch: by.epoch ?? headEpoch,
    seq: (head?.seq ?? 0) + 1,
    uuid: by.uuid ?? randomUUID(),
    actor: resolveActor(by.actor),
    at: by.at,
    type: event.type,
    version: event.version,
    payload: canonicalJson(event.payload),
  };
  const bad = fieldGrammarProblem(fields);
  if (bad) throw new JournalError(`a ${event.type} row cannot be journaled: ${bad}`);
  const prevHash = head?.hash ?? GENESIS_PREV_HASH;
  const hash = rowHash(prevHash, fields);
  insert.run(fields.tillId, fields.epoch, fields.seq, fields.uuid, fields.actor, fields.at, fields.type, fields.version, fields.payload, prevHash, hash);
  return { ...fields, prevHash, hash };
}

/** The epoch of this till's chain head: 1 until a restore (docs/journal.md, "Epochs"). */
export function headEpoch(db: Db): number {
  const till = tillId(db);
  if (!till) return 1;
  const row = db.prepare('SELECT epoch FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1').get(till) as { epoch: number } | undefined;
  return row?.epoch ?? 1;
}

/**
 * The epoch a sale was opened in (its first journal row's): its receipt number carries it when above 1,
 * so a reprint after a restore prints the number the customer already has.
 */
export function saleEpoch(db: Db, sale: number): number {
  const till = tillId(db);
  if (!till) return 1;
  const row = db.prepare('SELECT epoch FROM journal INDEXED BY journal_by_sale WHERE till_id = ? AND sale_id = ? ORDER BY seq LIMIT 1')
    .get(till, sale) as { epoch: number } | undefined;
  return row?.epoch ?? 1;
}

/** Appends `event` as the next row of this till's journal, in the caller's transaction. */
export function append(db: Db, event: JournalEvent, by: { actor: Actor; at: number }): JournalRow {
  const till = tillId(db);
  if (!till) throw new JournalError('the till has no identity yet: the ledger was not opened by openLedger');
  return appendFor(db, till, event, by);
}
