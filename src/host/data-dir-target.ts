/**
 * Whether a file someone chose to write (a backup's or export's `--out`, an export saved from
 * Electron's save dialog) would land on the ledger or in the data directory. Whatever the path says
 * — a symlink, `..`, another letter case on a case-insensitive disk, a bind mount — the target's real
 * folder is compared with the data directory by device and inode, all the way up, and the target
 * itself with the ledger's files (ledger, -wal, -shm): a file copied or renamed over the -wal loses
 * committed sales, over the ledger destroys it.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LEDGER_FILE } from './ledger/database.ts';

const same = (a: Stats | null, b: Stats | null): boolean => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export type DataDirTarget =
  | { ok: true }
  | { ok: false; why: 'ledger_file' }
  | { ok: false; why: 'inside'; nested: boolean };

/** `ok` when `target` is neither one of the ledger's files nor anywhere inside `dataDir`. */
export function checkDataDirTarget(target: string, dataDir: string): DataDirTarget {
  const ledger = join(dataDir, LEDGER_FILE);
  const ledgerFiles = [ledger, `${ledger}-wal`, `${ledger}-shm`].map(statOrNull);
  const existing = statOrNull(target);
  if (existing && ledgerFiles.some((file) => same(file, existing))) return { ok: false, why: 'ledger_file' };
  const home = statOrNull(dataDir);
  if (!home) return { ok: true };
  let folder: string;
  try {
    folder = realpathSync.native(dirname(target));
  } catch {
    return { ok: true }; // no such folder: the caller's own check says so
  }
  for (let at = folder; ; at = dirname(at)) {
    if (same(statOrNull(at), home)) return { ok: false, why: 'inside', nested: at !== folder };
    if (dirname(at) === at) break;
  }
  // The name itself on a case-insensitive disk: the real folder plus the name may still be the ledger.
  if (ledgerFiles.some((file) => same(file, statOrNull(join(folder, basename(target)))))) return { ok: false, why: 'ledger_file' };
  return { ok: true };
}
