/**
 * The data directory holds the shop's business — the ledger (and SQLite's -wal/-shm beside it),
 * settings, the web cashier key, training payments, print jobs saved as files — so only the user
 * running the POS may read it.
 *
 * Two parts: a umask of 077 for the whole process, so everything created later (by SQLite, the
 * printer's file transport, the sandbox, a launcher) is born private without each writer passing a
 * mode; and one pass over what an older version left (made 0755/0644), which takes away the group's
 * and others' bits and nothing else.
 *
 * That pass is careful because POS_DATA_DIR may be any folder — the home folder, a shared folder:
 * - only the POS's own entries are touched (POS_ENTRIES, the print spool, a file: printer folder
 *   inside the data directory), never anything else someone keeps there;
 * - the owner's bits are kept (a script stays executable), only group/other bits are removed;
 * - only entries owned by the user running the POS; symbolic links are never followed;
 * - an entry that cannot be changed is logged and left: it never stops the POS from starting.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The group's and others' permission bits: what the pass takes away. */
const GROUP_AND_OTHERS = 0o077;

/**
 * What the POS itself writes at the top of its data directory (a folder's whole content is its own):
 * the ledger and its SQLite companions, the one-POS lock (a SQLite file too), the web cashier key
 * and shortcut, the training sandbox's state, the print spool, Electron's own folder; with the
 * temporary names they are written under before a rename.
 */
const POS_ENTRIES = [
  /^ledger\.sqlite3(-wal|-shm|-journal)?$/,
  /^instance\.lock(-wal|-shm|-journal)?$/,
  /^web-cashier\.key(\.tmp)?$/,
  /^open-cashier\.html(\.tmp)?$/,
  /^training-sandbox\.json(\.tmp)?$/,
  /^credentials\.json(\.tmp)?$/,
  /^print-spool$/,
  // The sync's cursor and pairing record, and secrets kept outside the ledger (src/host/sync/).
  /^sync$/,
  /^secrets$/,
  /^electron$/,
];

export interface PrivateDirOptions {
  /** Changes a mode (tests make it fail); fs.chmodSync by default. */
  chmod?: (path: string, mode: number) => void;
  /** Where an entry that could not be changed is reported; console.warn by default. */
  warn?: (line: string) => void;
}

/**
 * Sets the process umask to 077 and creates `dir` (0700) if needed: called before anything is
 * written there, so the ledger and the lock are born private.
 */
export function preparePrivateDataDir(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export interface TightenOptions extends PrivateDirOptions {
  /** Folders the POS writes into that may lie inside the data directory (a file: printer folder). */
  ownFolders?: readonly string[];
  /**
   * The folder is the POS's own (its default, not POS_DATA_DIR): the folder itself is made private
   * even when other programs (Electron) keep files there too.
   */
  dedicated?: boolean;
}

/**
 * Takes the group's and others' bits from what an older version left: the POS's own entries, the
 * own folders that lie inside the data directory, and the data directory itself when it is the
 * POS's alone (nothing else in it, or `dedicated`). A home or shared folder named as POS_DATA_DIR
 * keeps its own mode and everything in it that is not the POS's.
 */
export function tightenDataDir(dir: string, options: TightenOptions = {}): void {
  if (process.platform === 'win32') return; // no Unix modes: the user profile's ACLs apply there
  const inside = (options.ownFolders ?? []).map((folder) => resolve(folder)).filter((folder) => isInside(dir, folder));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    warnOf(options, dir, error);
    return;
  }
  const isOwn = (name: string): boolean => POS_ENTRIES.some((pattern) => pattern.test(name)) || inside.includes(join(resolve(dir), name));
  const others = names.filter((name) => !isOwn(name));
  if (options.dedicated || others.length === 0) {
    tighten(dir, false, options);
  } else {
    (options.warn ?? console.warn)(`[data-dir] ${dir} also holds files that are not the POS's: only the POS's own files in it are made private`);
  }
  for (const name of names) if (POS_ENTRIES.some((pattern) => pattern.test(name))) tighten(join(dir, name), true, options);
  // A folder deeper down: the folder and what is in it, not the folders above it.
  for (const folder of inside) tighten(folder, true, options);
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function tighten(path: string, recursive: boolean, options: PrivateDirOptions): void {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warnOf(options, path, error);
    return;
  }
  // A link would make chmod change what it points to; another user's entry is not the POS's.
  if (info.isSymbolicLink() || !(info.isFile() || info.isDirectory())) return;
  if (process.getuid && info.uid !== process.getuid()) return;
  const mode = info.mode & 0o7777;
  if (mode & GROUP_AND_OTHERS) {
    try {
      (options.chmod ?? chmodSync)(path, mode & ~GROUP_AND_OTHERS);
    } catch (error) {
      warnOf(options, path, error);
    }
  }
  if (!info.isDirectory() || !recursive) return;
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    warnOf(options, path, error);
    return;
  }
  for (const name of names) tighten(join(path, name), true, options);
}

function warnOf(options: PrivateDirOptions, path: string, error: unknown): void {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  (options.warn ?? console.warn)(`[data-dir] could not make ${path} private (${code}); left as it is`);
}
