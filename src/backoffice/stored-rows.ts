/** A journal row as PostgreSQL returns it from `journal_rows` (int8 as text), and back to the wire shape. */
import { safeInt } from './db.ts';
import type { WireRow } from './journal-rows.ts';

export const STORED_COLUMNS = 'till_uuid, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash';

export interface StoredRow {
  till_uuid: string; epoch: string; seq: string; uuid: string; actor: string; at: string;
  type: string; version: string; payload: string; prev_hash: string; hash: string;
}

export function fromStored(row: StoredRow): WireRow {
  return {
    tillId: row.till_uuid, epoch: safeInt(row.epoch), seq: safeInt(row.seq), uuid: row.uuid, actor: row.actor, at: safeInt(row.at),
    type: row.type, version: safeInt(row.version), payload: row.payload, prevHash: row.prev_hash, hash: row.hash,
  };
}
