/**
 * An output (`--out` of backup and export) may never land on the ledger or beside it
 * (src/host/data-dir-target.ts says how that is told, whatever the path's spelling): renaming a
 * file over the -wal loses committed sales. Refused even with --force.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkDataDirTarget } from '../host/data-dir-target.ts';
import { CliError, EXIT, errorText } from './exit-codes.ts';

/** Throws (exit 4) when `target` is, or would be written, inside the data directory or onto a ledger file. Call once its folder is known to exist. */
export function refuseLedgerTarget(target: string, dataDir: string): void {
  const check = checkDataDirTarget(target, dataDir);
  if (check.ok) return;
  const why = check.why === 'ledger_file'
    ? 'is one of the ledger\'s own files'
    : `is inside the data directory ${dataDir} (the ledger's folder${check.nested ? ', or a folder in it' : ''})`;
  throw new CliError(EXIT.cannotWrite, `--out ${target} ${why}: choose a file outside the data directory (--force does not change this).`);
}

/**
 * Every check an `--out` file gets before anything is written (exit 4 for each): its folder exists and
 * is a folder, it is not the ledger or inside the data directory, it is not a folder, a device or a
 * pipe itself, and an existing file is replaced only with --force.
 */
export function checkOutTarget(target: string, dataDir: string, force: boolean): void {
  const folder = dirname(target);
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch (error) {
    throw new CliError(EXIT.cannotWrite, `The folder ${folder} does not exist (or cannot be seen): create it first.`, errorText(error));
  }
  if (!folderStat.isDirectory()) throw new CliError(EXIT.cannotWrite, `${folder} is not a folder.`);
  refuseLedgerTarget(target, resolve(dataDir));
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new CliError(EXIT.cannotWrite, `${target} is a folder: give a file name.`);
    // The file is renamed into place: --force on /dev/null or a pipe would replace the device itself.
    const kind = lstatSync(target);
    if (!kind.isFile() && !kind.isSymbolicLink()) throw new CliError(EXIT.cannotWrite, `${target} is not a regular file (a device, a pipe or a socket): give a file name (--force does not change this).`);
    if (!force) throw new CliError(EXIT.cannotWrite, `${target} already exists: choose a new name, or add --force to replace it.`);
  }
}
