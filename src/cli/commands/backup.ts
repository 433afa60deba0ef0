/**
 * `ledger backup --out FILE`: a consistent copy of the ledger while the POS keeps selling. SQLite's
 * online backup API copies the pages of one read snapshot (WAL mode: the POS's writes go on meanwhile
 * and are simply not in the copy). The copy is written to a private temporary file next to FILE,
 * made a self-contained single file (rollback journal instead of WAL), checked with integrity_check,
 * and only then given its name, so FILE is either a whole verified backup or not there at all.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { copyPages, finishCopy as finishLedgerCopy, ledgerBytes, megabytes, publish, removeTemp, spaceFor, statfsFreeBytes, syncFile, type FreeBytes } from '../../host/ledger/backup.ts';
import { checkOutTarget } from '../out-target.ts';
import { CliError, EXIT, errorCode, errorText, type ExitCode } from '../exit-codes.ts';
import { openReadOnly } from '../open-read-only.ts';

export interface BackupOptions {
  dataDir: string;
  out: string;
  force: boolean;
  /** Bytes free for an unprivileged user in a folder; tests give a nearly full disk. */
  freeBytes?: FreeBytes;
}

export async function runBackup(options: BackupOptions, print: (line: string) => void): Promise<ExitCode> {
  const target = resolve(options.out);
  const folder = dirname(target);
  checkOutTarget(target, options.dataDir, options.force);

  const { db, file } = openReadOnly(options.dataDir);
  let size: number;
  try {
    size = ledgerBytes(db);
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
    // One step: this is a separate connection, and another connection's write would restart a stepped copy.
    await copyPages(db, temp);
    db.close();
    summary = finishCopy(temp);
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

function checkFreeSpace(folder: string, bytes: number, freeBytes: FreeBytes): void {
  let space;
  try {
    space = spaceFor(folder, bytes, freeBytes);
  } catch (error) {
    throw new CliError(EXIT.cannotWrite, `The free space of ${folder} cannot be read.`, errorText(error));
  }
  if (!space.enough) {
    throw new CliError(EXIT.cannotWrite, `Not enough free space in ${folder}: the backup needs about ${megabytes(space.needed)} and ${megabytes(space.free)} is free. Nothing was written.`);
  }
}

function finishCopy(temp: string): { sales: number | null; pages: number } {
  const copy = finishLedgerCopy(temp);
  if (copy.integrity !== 'ok') {
    throw new CliError(EXIT.problem, `The copy fails SQLite's integrity check (${copy.integrity}), so the ledger itself is probably damaged: run "npm run ledger -- verify". No backup was written.`);
  }
  return copy;
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
