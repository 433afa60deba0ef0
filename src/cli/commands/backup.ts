/**
 * `ledger backup --out FILE`: a consistent copy of the ledger while the POS keeps selling. SQLite's
 * online backup API copies the pages of one read snapshot (WAL mode: the POS's writes go on meanwhile
 * and are simply not in the copy). The copy is written to a private temporary file next to FILE,
 * made a self-contained single file (rollback journal instead of WAL), checked with integrity_check,
 * and only then given its name, so FILE is either a whole verified backup or not there at all.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statfsSync, statSync, chmodSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../host/ledger/database.ts';
import { CliError, EXIT, errorCode, errorText, type ExitCode } from '../exit-codes.ts';
import { ledgerPath, openReadOnly } from '../open-read-only.ts';

/** Room left beyond the copy itself: the rollback journal of the copy's last steps and the file system's own blocks. */
const HEADROOM_BYTES = 4 * 1024 * 1024;

/** backup() copies this many pages per step; all of them means one step, one snapshot, never restarted by a sale. */
const ALL_PAGES = 0x7fffffff;

export interface BackupOptions {
  dataDir: string;
  out: string;
  force: boolean;
  /** Bytes free for an unprivileged user in a folder; tests give a nearly full disk. */
  freeBytes?: (folder: string) => number;
}

function statfsFreeBytes(folder: string): number {
  const fs = statfsSync(folder);
  return Number(fs.bavail) * Number(fs.bsize);
}

export async function runBackup(options: BackupOptions, print: (line: string) => void): Promise<ExitCode> {
  const target = resolve(options.out);
  const folder = dirname(target);
  checkTarget(target, folder, options);

  const { db, file } = openReadOnly(options.dataDir);
  let size: number;
  try {
    size = ledgerBytes(db, file);
  } catch (error) {
    db.close();
    throw new CliError(EXIT.cannotRead, `The ledger ${file} cannot be read.`, errorText(error));
  }
  try {
    checkFreeSpace(folder, size, options.freeBytes ?? statfsFreeBytes);
  } catch (error) {
    db.close();
    throw error;
  }

  const temp = join(folder, `.${basename(target)}.${process.pid}.partial`);
  let summary: { sales: number | null; pages: number };
  try {
    // Created first, empty and private, so the copy is never readable by others, not even for a moment.
    closeSync(openSync(temp, 'wx', 0o600));
    await db.backup(temp, { progress: () => ALL_PAGES });
    db.close();
    summary = finishCopy(temp);
    chmodSync(temp, 0o600);
    syncFile(temp);
    publish(temp, target, options.force);
    syncFile(folder);
  } catch (error) {
    if (db.open) db.close();
    removeTemp(temp);
    throw classify(error, target);
  }
  const sales = summary.sales === null ? '' : `, ${summary.sales} sale(s)`;
  print(`Backup written: ${target} (${statSync(target).size} bytes${sales}; integrity check of the copy: ok; private file, mode 0600).`);
  print(`It is one self-contained SQLite file: ${file} as it was when the copy began (sales committed later are not in it).`);
  return EXIT.ok;
}

function checkTarget(target: string, folder: string, options: BackupOptions): void {
  if (target === ledgerPath(resolve(options.dataDir))) {
    throw new CliError(EXIT.cannotWrite, `--out ${target} is the ledger itself: choose another file.`);
  }
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch (error) {
    throw new CliError(EXIT.cannotWrite, `The folder ${folder} does not exist (or cannot be seen): create it first.`, errorText(error));
  }
  if (!folderStat.isDirectory()) throw new CliError(EXIT.cannotWrite, `${folder} is not a folder.`);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new CliError(EXIT.cannotWrite, `${target} is a folder: give a file name.`);
    if (!options.force) throw new CliError(EXIT.cannotWrite, `${target} already exists: choose a new name, or add --force to replace it.`);
  }
}

/** The size of the database the snapshot will hold (pages in use, WAL included). */
function ledgerBytes(db: Db, _file: string): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return pages * pageSize;
}

function checkFreeSpace(folder: string, bytes: number, freeBytes: (folder: string) => number): void {
  let free: number;
  try {
    free = freeBytes(folder);
  } catch (error) {
    throw new CliError(EXIT.cannotWrite, `The free space of ${folder} cannot be read.`, errorText(error));
  }
  const needed = bytes + HEADROOM_BYTES;
  if (free < needed) {
    throw new CliError(EXIT.cannotWrite, `Not enough free space in ${folder}: the backup needs about ${megabytes(needed)} and ${megabytes(free)} is free. Nothing was written.`);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The copy carries the ledger's WAL flag; switching it to a rollback journal makes it one
 * self-contained file (no -wal/-shm beside it). Then SQLite checks every page of the copy.
 */
function finishCopy(temp: string): { sales: number | null; pages: number } {
  const copy = new Database(temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = (copy.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (rows.length !== 1 || rows[0] !== 'ok') {
      throw new CliError(EXIT.problem, `The copy fails SQLite's integrity check (${rows[0]}), so the ledger itself is probably damaged: run "npm run ledger -- verify". No backup was written.`);
    }
    const hasSales = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sales'").get();
    const sales = hasSales ? (copy.prepare('SELECT count(*) FROM sales').pluck().get() as number) : null;
    return { sales, pages: copy.pragma('page_count', { simple: true }) as number };
  } finally {
    copy.close();
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Gives the verified copy its name. Without --force a hard link refuses atomically if FILE appeared
 * meanwhile; file systems without hard links (a FAT USB stick) fall back to a checked rename.
 */
function publish(temp: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temp, target);
    return;
  }
  try {
    linkSync(temp, target);
    rmSync(temp);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    if (existsSync(target)) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
    renameSync(temp, target);
  }
}

function removeTemp(temp: string): void {
  for (const path of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(path, { force: true });
}

function classify(error: unknown, target: string): CliError {
  if (error instanceof CliError) return error;
  const code = errorCode(error);
  const detail = errorText(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new CliError(EXIT.cannotWrite, `The disk is full: the backup ${target} could not be written. Nothing was left behind.`, detail);
  }
  if (code === 'EEXIST') {
    return new CliError(EXIT.cannotWrite, `${target} appeared while the backup was being written: it was left as it is. Choose a new name, or add --force.`, detail);
  }
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'].includes(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new CliError(EXIT.cannotWrite, `No permission to write ${target} (or its folder is read-only).`, detail);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new CliError(EXIT.problem, `The ledger is damaged, so no backup was written: run "npm run ledger -- verify".`, detail);
  }
  return new CliError(EXIT.cannotWrite, `The backup ${target} could not be written.`, detail);
}
