/**
 * The sync's own small files, in POS_DATA_DIR/sync (never in the ledger):
 *
 * - `backoffice.json`: which back office this till is paired with (its URL, the shop and till names
 *   it answered) — not secret; the token itself is in the SecretStore;
 * - `cursor.json`: the last row the back office acknowledged (epoch, seq, hash) for that URL.
 *
 * Why a file and not a table in the ledger: the cursor is only a hint — the back office ignores rows it
 * already holds and answers its head on a gap, so a cursor lost or rolled back costs re-sending rows,
 * never a wrong record. Kept in the ledger it would be a write after every push, taking the ledger's
 * one write lock from selling; kept in the journal's hashed rows it would change the chain it reports
 * on. And a backup (a copy of the ledger file) restored later must not bring back a cursor claiming
 * rows were sent: the worker checks the cursor against its own row of that seq at every cycle, and
 * starts from the restore's fork point when they differ.
 *
 * Each file is replaced atomically (temporary file, fsync, rename; 0600).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../data-dir.ts';
import { writePrivateFile } from '../export/private-file.ts';

export const SYNC_FOLDER = 'sync';

export interface PairingRecord {
  url: string;
  tillId: string;
  /** The shop's and the till's names as the back office gave them at pairing (the owner typed them there). */
  shop: string;
  till: string;
  pairedAt: number;
}

export interface SyncCursor {
  url: string;
  tillId: string;
  epoch: number;
  seq: number;
  hash: string;
  at: number;
}

const isText = (value: unknown, max = 2048): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function readJson(path: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    // Missing or unreadable: as if never written (the cursor is a hint; pairing can be done again).
    return null;
  }
}

export class SyncFiles {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, SYNC_FOLDER);
  }

  pairing(): PairingRecord | null {
    const r = readJson(join(this.folder, 'backoffice.json'));
    if (!r || !isText(r.url) || !isText(r.tillId, 36) || !isText(r.shop) || !isText(r.till) || !isCount(r.pairedAt)) return null;
    return { url: r.url, tillId: r.tillId, shop: r.shop, till: r.till, pairedAt: r.pairedAt };
  }

  async savePairing(record: PairingRecord): Promise<void> {
    await this.#write('backoffice.json', record);
  }

  cursor(): SyncCursor | null {
    const r = readJson(join(this.folder, 'cursor.json'));
    if (!r || !isText(r.url) || !isText(r.tillId, 36) || !isCount(r.epoch) || !isCount(r.seq) || !isText(r.hash, 64) || !isCount(r.at)) return null;
    return { url: r.url, tillId: r.tillId, epoch: r.epoch, seq: r.seq, hash: r.hash, at: r.at };
  }

  async saveCursor(cursor: SyncCursor): Promise<void> {
    await this.#write('cursor.json', cursor);
  }

  forgetCursor(): void {
    rmSync(join(this.folder, 'cursor.json'), { force: true });
  }

  async #write(name: string, value: object): Promise<void> {
    mkdirSync(this.folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    await writePrivateFile(join(this.folder, name), async (out) => {
      out.end(`${JSON.stringify(value)}\n`);
    });
  }
}
