/**
 * The till's journal read as the sync's outbox, on its own read-only connection to the ledger: in
 * WAL mode a reader never blocks the writer (a sale commits while a batch is read) and holds no lock
 * once its statement is done. Each read is one short indexed range scan of the primary key.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_FILE, type Db } from '../ledger/database.ts';
import type { JournalRow } from '../ledger/journal/journal.ts';

/** A row as the journal stores it, which is what the back office takes (docs/backoffice.md, "Ingest"). */
export type OutboxRow = JournalRow;

export interface RowHead {
  epoch: number;
  seq: number;
  hash: string;
}

/** A batch stays well under the back office's 8 MiB body limit and 1,000 rows. */
export const BATCH_ROWS = 500;
const BATCH_BYTES = 2 * 1024 * 1024;

const COLUMNS = 'till_id AS tillId, epoch, seq, uuid, actor, at, type, version, payload, prev_hash AS prevHash, hash';

export class Outbox {
  readonly tillId: string;
  readonly #db: Db;
  readonly #owned: boolean;

  /** Opens its own read-only connection to POS_DATA_DIR's ledger (or uses `db`, for tests and tools). */
  constructor(tillId: string, source: { dataDir: string } | { db: Db }) {
    this.tillId = tillId;
    if ('db' in source) {
      this.#db = source.db;
      this.#owned = false;
    } else {
      this.#db = new Database(join(source.dataDir, LEDGER_FILE), { readonly: true, fileMustExist: true });
      this.#owned = true;
    }
  }

  /** Up to `limit` rows from `seq` on, in order, cut short before the batch grows past ~2 MiB. */
  rowsFrom(seq: number, limit = BATCH_ROWS): OutboxRow[] {
    const rows = this.#db.prepare(`SELECT ${COLUMNS} FROM journal WHERE till_id = ? AND seq >= ? ORDER BY seq LIMIT ?`)
      .all(this.tillId, seq, limit) as OutboxRow[];
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      bytes += rows[i]!.payload.length + 400;
      if (bytes > BATCH_BYTES && i > 0) return rows.slice(0, i);
    }
    return rows;
  }

  rowAt(seq: number): RowHead | null {
    return (this.#db.prepare('SELECT epoch, seq, hash FROM journal WHERE till_id = ? AND seq = ?').get(this.tillId, seq) as RowHead | undefined) ?? null;
  }

  head(): RowHead | null {
    return (this.#db.prepare('SELECT epoch, seq, hash FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1').get(this.tillId) as RowHead | undefined) ?? null;
  }

  /**
   * Where a restore forked this file from the chain the cursor knew: the seq of the newest
   * `ledger.restored` row at or below `seq` + 1 (the rows before it are the backup's, which the back
   * office holds byte for byte if it held the cursor's row), else 1.
   */
  forkPoint(seq: number): number {
    const row = this.#db.prepare("SELECT seq FROM journal WHERE till_id = ? AND type = 'ledger.restored' AND seq <= ? ORDER BY seq DESC LIMIT 1")
      .get(this.tillId, seq + 1) as { seq: number } | undefined;
    return row?.seq ?? 1;
  }

  close(): void {
    if (this.#owned) this.#db.close();
  }
}
