/**
 * The online backup both the POS (daily, and at each close: src/host/ledger/daily-backups.ts) and
 * the ledger CLI (`ledger backup`, src/cli/commands/backup.ts) write. SQLite's online backup API
 * copies the ledger's pages into a private temporary file (created 0600 before any byte is in it);
 * the copy is then made one self-contained file (rollback journal instead of WAL), checked with
 * integrity_check, synced and only then given its name, so a backup is whole and verified or absent.
 * Callers word the failures for their own audience (a CLI line, a log line).
 */
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statfsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './database.ts';

/** Room left beyond the copy itself: the rollback journal of the copy's last steps and the file system's own blocks. */
export const HEADROOM_BYTES = 4 * 1024 * 1024;

/** All pages in one step: one snapshot, never restarted by another connection's write. */
export const ALL_PAGES = 0x7fffffff;

/** Bytes free for an unprivileged user in a folder; tests give a nearly full disk. */
export type FreeBytes = (folder: string) => number;

export function statfsFreeBytes(folder: string): number {
  const fs = statfsSync(folder);
  return Number(fs.bavail) * Number(fs.bsize);
}

/** The size of the database a snapshot will hold (pages in use, WAL included). */
export function ledgerBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

/** Whether `folder` has room for a copy of `bytes` (plus headroom). Throws when free space cannot be read. */
export function spaceFor(folder: string, bytes: number, freeBytes: FreeBytes): { enough: boolean; needed: number; free: number } {
  const free = freeBytes(folder);
  const needed = bytes + HEADROOM_BYTES;
  return { enough: free >= needed, needed, free };
}

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Copies `db` into `temp` (which must not exist), `pagesPerStep` pages at a time. Between steps the
 * event loop runs, so a POS copying its own connection keeps selling: SQLite carries the same
 * connection's writes into the copy as they happen (a write by another connection restarts the copy,
 * hence one step for the CLI's separate connection).
 */
export async function copyPages(db: Db, temp: string, pagesPerStep: number = ALL_PAGES): Promise<void> {
  // Created first, empty and private, so the copy is never readable by others, not even for a moment.
  closeSync(openSync(temp, 'wx', 0o600));
  await db.backup(temp, { progress: () => pagesPerStep });
}

export interface FinishedCopy {
  /** 'ok', or the first line integrity_check reported. */
  integrity: string;
  sales: number | null;
  pages: number;
}

/**
 * The copy carries the ledger's WAL flag; switching it to a rollback journal makes it one
 * self-contained file (no -wal/-shm beside it). Then SQLite checks every page of the copy; the file
 * is made 0600 and synced.
 */
export function finishCopy(temp: string): FinishedCopy {
  const copy = new Database(temp, { fileMustExist: true });
  let result: FinishedCopy;
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = (copy.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    const integrity = rows.length === 1 && rows[0] === 'ok' ? 'ok' : (rows[0] ?? 'no answer');
    const hasSales = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sales'").get();
    const sales = hasSales ? (copy.prepare('SELECT count(*) FROM sales').pluck().get() as number) : null;
    result = { integrity, sales, pages: copy.pragma('page_count', { simple: true }) as number };
  } finally {
    copy.close();
  }
  if (result.integrity === 'ok') {
    chmodSync(temp, 0o600);
    syncFile(temp);
  }
  return result;
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Gives the verified copy its name. Without `replace` a hard link refuses atomically (EEXIST) if the
 * name appeared meanwhile; file systems without hard links (a FAT USB stick) fall back to a checked rename.
 */
export function publish(temp: string, target: string, replace: boolean): void {
  if (replace) {
    renameSync(temp, target);
    return;
  }
  try {
    linkSync(temp, target);
    rmSync(temp);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') throw error;
    if (existsSync(target)) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
    renameSync(temp, target);
  }
}

export function removeTemp(temp: string): void {
  for (const path of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(path, { force: true });
}
