/**
 * An output (`--out` of backup and export) may never land on the ledger or beside it. Whatever the
 * path says — a symlink, `..`, another letter case on a case-insensitive disk, a bind mount — the
 * target's real folder is compared with the data directory by device and inode, all the way up, and
 * an existing target with the ledger's files (ledger, -wal, -shm) by device and inode: renaming a
 * file over the -wal loses committed sales. Refused even with --force.
 */
import { existsSync, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT, errorText } from './exit-codes.ts';
import { ledgerPath } from './open-read-only.ts';

const same = (a: Stats | null, b: Stats | null): boolean => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Throws (exit 4) when `target` is, or would be written, inside the data directory or onto a ledger file. Call once its folder is known to exist. */
export function refuseLedgerTarget(target: string, dataDir: string): void {
  const refuse = (why: string) => {
    throw new CliError(EXIT.cannotWrite, `--out ${target} ${why}: choose a file outside the data directory (--force does not change this).`);
  };
  const ledger = ledgerPath(dataDir);
  const ledgerFiles = [ledger, `${ledger}-wal`, `${ledger}-shm`].map(statOrNull);
  const existing = statOrNull(target);
  if (existing && ledgerFiles.some((file) => same(file, existing))) refuse('is one of the ledger\'s own files');
  const home = statOrNull(dataDir);
  if (!home) return;
  let folder: string;
  try {
    folder = realpathSync.native(dirname(target));
  } catch {
    return; // the folder check that follows says it does not exist
  }
  for (let at = folder; ; at = dirname(at)) {
    if (same(statOrNull(at), home)) refuse(`is inside the data directory ${dataDir} (the ledger's folder${at === folder ? '' : ', or a folder in it'})`);
    if (dirname(at) === at) break;
  }
  // The name itself on a case-insensitive disk: the real folder plus the name may still be the ledger.
  if (ledgerFiles.some((file) => same(file, statOrNull(join(folder, basename(target)))))) refuse('is one of the ledger\'s own files');
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
