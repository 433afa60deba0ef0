/**
 * The data directory holds the shop's business — the ledger (and SQLite's -wal/-shm beside it),
 * settings, the web cashier key, training payments, print jobs saved as files — so only the user
 * running the POS may read it: the directory and every folder in it 0700, every file 0600.
 *
 * Two parts: a umask of 077 for the whole process, so everything created later (by SQLite, the
 * printer's file transport, the sandbox, a launcher) is born private without each writer passing a
 * mode; and one pass over what is already there, since a data directory from an older version was
 * made 0755/0644. Symbolic links are left alone (chmod would change what they point to).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Sets the process umask to 077, creates `dir` (0700) if needed and tightens what is in it. */
export function preparePrivateDataDir(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return; // no Unix modes: the user profile's ACLs apply there
  tighten(dir);
}

function tighten(path: string): void {
  const info = lstatSync(path);
  if (info.isDirectory()) {
    if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if (info.isFile() && (info.mode & 0o777) !== PRIVATE_FILE_MODE) {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}
