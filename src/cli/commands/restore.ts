/**
 * `ledger restore --from FILE`: puts a backup back as the POS's ledger. Unlike the other commands it
 * writes, so it first takes the POS's data-directory lock (src/host/ledger/instance-lock.ts): with a
 * POS running it refuses and changes nothing. The backup must be sound (integrity_check, its journal's
 * hash chain from the genesis row) and this till's (same till id), and it may not replace a longer
 * chain: the current journal's head must be in the backup (same seq, same hash). The replaced ledger
 * is kept as `ledger-replaced-<timestamp>.sqlite` (0600) beside it, and the restored ledger's journal
 * gets one more row, `ledger.restored`, so the restore is a new epoch of the same chain (docs/journal.md).
 * The new ledger is prepared under a temporary name and renamed over the old one in one step.
 *
 * A till paired with a back office (POS_DATA_DIR/sync) first downloads its own rows the back office
 * holds past the backup's head (src/host/sync/download.ts: each row's hash, link and epoch checked
 * from its bytes), and replays them into the restored copy — journal and tables, replay.ts — before the
 * `ledger.restored` row, which then follows them: the chain goes on from the back office's head with
 * no fork, and the new epoch is above any the back office holds for this till (docs/journal.md,
 * "Epochs"). When that cannot be done (the back office unreachable, the token unreadable, a row the
 * replay does not cover) the restore is refused, in English and Khmer, unless `--offline` is given.
 */
import { chmodSync, copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { copyPages, finishCopy, megabytes, removeTemp, spaceFor, statfsFreeBytes, syncFile, type FreeBytes } from '../../host/ledger/backup.ts';
import { LEDGER_FILE, LedgerError, type Db } from '../../host/ledger/database.ts';
import { LOCK_FILE, lockDataDir } from '../../host/ledger/instance-lock.ts';
import type { LedgerRestored } from '../../host/ledger/journal/events.ts';
import { appendFor } from '../../host/ledger/journal/journal.ts';
import { verifyChain } from '../../host/ledger/journal/verify.ts';
import { readTill, type Till } from '../../host/ledger/journal/till.ts';
import { ReplayRefused, replayProblem, replayRows } from '../../host/ledger/journal/replay.ts';
import { MIGRATIONS } from '../../host/ledger/migrations/index.ts';
import type { SyncFetch } from '../../host/sync/client.ts';
import { DownloadProblem, downloadOwnRows, type Downloaded } from '../../host/sync/download.ts';
import { fileSecretStore } from '../../host/sync/secret-store.ts';
import { SyncFiles } from '../../host/sync/sync-files.ts';
import { hostMessage, hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { CliError, EXIT, errorCode, errorText, type ExitCode } from '../exit-codes.ts';

export interface RestoreOptions {
  dataDir: string;
  from: string;
  /** Restore without asking the back office (a paired till then forks; docs/journal.md, "Epochs"). */
  offline?: boolean;
  now?: () => number;
  freeBytes?: FreeBytes;
  /** The back office's HTTP client (tests may pass one). */
  fetch?: SyncFetch;
}

interface Head { epoch: number; seq: number; hash: string }

const hash16 = (hash: string) => hash.slice(0, 16);

export async function runRestore(options: RestoreOptions, print: (line: string) => void): Promise<ExitCode> {
  const dataDir = resolve(options.dataDir);
  const from = resolve(options.from);
  const now = options.now ?? Date.now;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new CliError(EXIT.cannotRead, `The data directory ${dataDir} does not exist: is POS_DATA_DIR right?`);
  }
  if (!existsSync(from) || !statSync(from).isFile()) throw new CliError(EXIT.cannotRead, `There is no backup file ${from}.`);
  if (from === join(dataDir, LEDGER_FILE)) throw new CliError(EXIT.usage, `--from ${from} is the ledger itself: give a backup file.`);

  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof LedgerError) {
      throw new CliError(EXIT.refused, `A POS is running on ${dataDir} (it holds ${LOCK_FILE}): close the POS first, then restore. Nothing was changed.`);
    }
    throw new CliError(EXIT.cannotWrite, `The data directory ${dataDir} cannot be locked for the restore.`, errorText(error));
  }
  try {
    return await restoreLocked(dataDir, from, { ...options, now, freeBytes: options.freeBytes ?? statfsFreeBytes }, print);
  } finally {
    unlock();
  }
}

async function restoreLocked(dataDir: string, from: string, options: RestoreOptions & { now: () => number; freeBytes: FreeBytes }, print: (line: string) => void): Promise<ExitCode> {
  const { now, freeBytes } = options;
  const ledgerFile = join(dataDir, LEDGER_FILE);
  const backup = openBackup(from);
  let temp: string | null = null;
  try {
    const { till, head: backupHead } = checkBackup(backup, from);
    const current = existsSync(ledgerFile) ? readCurrent(ledgerFile) : null;
    if (current) checkChains(backup, from, till, backupHead, current);
    const remote = options.offline ? null : await fromBackoffice(dataDir, till, backupHead, backup, options.fetch ?? ((url, init) => fetch(url, init)));

    const space = spaceFor(dataDir, statSync(from).size, freeBytes);
    if (!space.enough) {
      throw new CliError(EXIT.cannotWrite, `Not enough free space in ${dataDir}: the restore needs about ${megabytes(space.needed)} and ${megabytes(space.free)} is free. Nothing was changed.`);
    }

    temp = join(dataDir, `.ledger-restore.${process.pid}.partial`);
    removeTemp(temp);
    await copyPages(backup, temp);
    backup.close();
    const copy = finishCopy(temp);
    if (copy.integrity !== 'ok') throw new CliError(EXIT.problem, `The copy of ${from} fails SQLite's integrity check (${copy.integrity}). Nothing was changed.`);
    if (remote && remote.rows.length > 0) replayInto(temp, remote.rows);
    // The restore's row follows the backup's head, or the last row downloaded after it.
    const follows = remote?.rows.at(-1) ?? backupHead;
    // A new epoch, above the backup's, the replaced ledger's, the last the sync saw and any the back
    // office holds for this till: the restored till's new rows and numbers can never be taken for
    // those of a branch it replaced (docs/journal.md, "Epochs").
    const cursor = new SyncFiles(dataDir).cursor();
    const epoch = Math.max(follows.epoch, current?.head?.epoch ?? 0, cursor?.tillId === till.id ? cursor.epoch : 0, remote?.maxEpoch ?? 0) + 1;
    const restored = journalRestore(temp, till, {
      fromFile: basename(from),
      fromEpoch: follows.epoch,
      fromSeq: follows.seq,
      fromHash16: hash16(follows.hash),
      replacedEpoch: current?.head?.epoch ?? null,
      replacedHeadSeq: current?.head?.seq ?? null,
      replacedHeadHash16: current?.head ? hash16(current.head.hash) : null,
    }, epoch, now());
    syncFile(temp);

    let replaced: string | null = null;
    if (current) {
      // A reader (another `ledger` command) with the old ledger open could leave its WAL behind:
      // a new file under an old WAL would be read through it, so that is refused.
      const wal = `${ledgerFile}-wal`;
      if (existsSync(wal) && statSync(wal).size > 0) {
        throw new CliError(EXIT.cannotWrite, `${basename(wal)} is still in use (a "ledger" command running?): wait for it to end, then restore again. Nothing was changed.`);
      }
      rmSync(wal, { force: true });
      rmSync(`${ledgerFile}-shm`, { force: true });
      replaced = join(dataDir, `ledger-replaced-${stamp(now())}.sqlite`);
      keepReplaced(ledgerFile, replaced);
    }
    chmodSync(temp, 0o600);
    // One rename: the data directory holds the old ledger or the restored one, never neither.
    renameSync(temp, ledgerFile);
    temp = null;
    syncFile(dataDir);

    print(`Restored ${from} as the ledger of till ${till.code} (${ledgerFile}).`);
    if (remote && remote.rows.length > 0) {
      print(`Its journal ran to row ${backupHead.seq} (epoch ${backupHead.epoch}); the back office held ${remote.rows.length} more row(s) of this till (to row ${follows.seq}), each checked and replayed into the restored ledger: nothing it synced is lost and its record does not fork.`);
      print(`Row ${restored.seq} (ledger.restored) now records the restore, chained to row ${follows.seq}, and starts epoch ${restored.epoch}: new receipt and Z numbers carry it (e.g. ${till.code}-${restored.epoch}-1).`);
    } else {
      if (remote) print('The back office holds no row of this till past the backup.');
      print(`Its journal ran to row ${backupHead.seq} (epoch ${backupHead.epoch}); row ${restored.seq} (ledger.restored) now records the restore, chained to it, and starts epoch ${restored.epoch}: new receipt and Z numbers carry it (e.g. ${till.code}-${restored.epoch}-1).`);
    }
    if (current?.head) print(`The ledger it replaced (journal head ${current.head.seq}, ${hash16(current.head.hash)}) is kept as ${replaced} (mode 0600).`);
    else if (replaced) print(`The ledger it replaced is kept as ${replaced} (mode 0600).`);
    print('Check it with "npm run ledger -- verify", then start the POS.');
    return EXIT.ok;
  } catch (error) {
    if (temp) removeTemp(temp);
    if (error instanceof CliError) throw error;
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') throw new CliError(EXIT.cannotWrite, `The disk is full: the restore could not be written. Nothing was changed.`, errorText(error));
    throw new CliError(EXIT.cannotWrite, `The restore could not be written. Nothing was changed.`, errorText(error));
  } finally {
    if (backup.open) backup.close();
  }
}

function openBackup(from: string): Db {
  let db: Db;
  try {
    db = new Database(from, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    throw new CliError(EXIT.cannotRead, `${from} cannot be read as a SQLite database (wrong file, or damaged).`, errorText(error));
  }
  return db;
}

const hasTable = (db: Db, name: string) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

function checkBackup(db: Db, from: string): { till: Till; head: Head } {
  const rows = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  if (rows.length !== 1 || rows[0] !== 'ok') {
    throw new CliError(EXIT.problem, `${from} fails SQLite's integrity check (${rows[0] ?? 'no answer'}): it cannot be restored. Nothing was changed.`);
  }
  const till = hasTable(db, 'till') && hasTable(db, 'journal') ? readTill(db) : null;
  if (!till) throw new CliError(EXIT.refused, `${from} is not a POS ledger with a journal (no till identity): it cannot be restored. Nothing was changed.`);
  const chain = verifyChain(db);
  if (!chain.ok || !chain.head) {
    throw new CliError(EXIT.problem, `${from} has a broken journal (row ${chain.problem?.seq ?? '?'}: ${chain.problem?.text ?? 'no rows'}): it cannot be restored. Nothing was changed.`);
  }
  return { till, head: chain.head };
}

function readCurrent(ledgerFile: string): { till: Till | null; head: Head | null } {
  let db: Db;
  try {
    db = new Database(ledgerFile, { fileMustExist: true });
  } catch (error) {
    throw unreadable(ledgerFile, error);
  }
  try {
    const till = hasTable(db, 'till') && hasTable(db, 'journal') ? readTill(db) : null;
    const head = till ? ((db.prepare('SELECT epoch, seq, hash FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1').get(till.id) as Head | undefined) ?? null) : null;
    return { till, head };
  } catch (error) {
    throw unreadable(ledgerFile, error);
  } finally {
    // Closing the last connection checkpoints the WAL into the file, so the file is the whole ledger.
    db.close();
  }
}

function unreadable(ledgerFile: string, error: unknown): CliError {
  return new CliError(EXIT.cannotRead, `The current ledger ${ledgerFile} cannot be read, so its journal cannot be compared with the backup. If it is damaged, move it out of the data directory (keep it) and run the restore again.`, errorText(error));
}

function checkChains(backup: Db, from: string, till: Till, backupHead: Head, current: { till: Till | null; head: Head | null }): void {
  if (!current.till) {
    throw new CliError(EXIT.refused, `The current ledger has no till identity yet (an older version's): start the POS once so it is upgraded, or move it out of the data directory, then restore. Nothing was changed.`);
  }
  if (current.till.id !== till.id) {
    throw new CliError(EXIT.refused, `${basename(from)} is a backup of another till (${till.code}, ${till.id}); this data directory is till ${current.till.code} (${current.till.id}). Nothing was changed.`);
  }
  if (!current.head) return;
  if (current.head.seq > backupHead.seq) {
    throw new CliError(EXIT.refused, `The current ledger's journal is longer (head row ${current.head.seq}, ${hash16(current.head.hash)}) than the backup's (head row ${backupHead.seq}, ${hash16(backupHead.hash)}): restoring would lose ${current.head.seq - backupHead.seq} row(s). Nothing was changed.`);
  }
  const same = backup.prepare('SELECT hash FROM journal WHERE till_id = ? AND seq = ?').pluck().get(till.id, current.head.seq) as string | undefined;
  if (same !== current.head.hash) {
    throw new CliError(EXIT.refused, `The backup's journal differs from the current ledger's at row ${current.head.seq} (current ${hash16(current.head.hash)}, backup ${hash16(same ?? '')}): they are not the same history, so the current one would be lost. Nothing was changed.`);
  }
}

/** `message` in English then Khmer, then what the restore did (nothing) and what to do. */
function bilingual(message: HostMessage): string {
  const refused = hostMessage('sync.restoreRefused');
  return [message, refused].flatMap((m) => [hostMessageText(m, 'en'), hostMessageText(m, 'km')]).join('\n');
}

/**
 * For a till paired with a back office: the rows it holds of this till past the backup's head, each
 * checked, and the highest epoch it holds; null when the till is not paired. Refused (nothing changed)
 * when they cannot be had or replayed.
 */
async function fromBackoffice(dataDir: string, till: Till, backupHead: Head, backup: Db, fetcher: SyncFetch): Promise<Downloaded | null> {
  const pairing = new SyncFiles(dataDir).pairing();
  if (!pairing || pairing.tillId !== till.id) return null;
  const token = await fileSecretStore(dataDir).read('backofficeToken');
  if (!token) throw new CliError(EXIT.refused, bilingual(hostMessage('sync.restoreNoToken')));
  let remote: Downloaded;
  try {
    remote = await downloadOwnRows(backupHead, { url: pairing.url, token, tillId: till.id, fetch: fetcher });
  } catch (error) {
    if (!(error instanceof DownloadProblem)) throw error;
    throw new CliError(EXIT.refused, `${pairing.url}: ${bilingual(error.words)}`, error.message);
  }
  const problem = replayProblem(remote.rows);
  if (problem) throw new CliError(EXIT.refused, bilingual(hostMessage('sync.restoreCannotReplay', { seq: problem.seq, type: problem.type, version: problem.version })));
  const schema = backup.pragma('user_version', { simple: true }) as number;
  if (remote.rows.length > 0 && schema !== MIGRATIONS.at(-1)!.version) throw new CliError(EXIT.refused, bilingual(hostMessage('sync.restoreOldSchema')));
  return remote;
}

function replayInto(file: string, rows: Downloaded['rows']): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('synchronous = FULL');
    replayRows(db, rows);
  } catch (error) {
    // One transaction: nothing of the replay is in the copy, which the caller then removes.
    if (error instanceof ReplayRefused) throw new CliError(EXIT.refused, bilingual(hostMessage('sync.restoreReplayDiffers', { seq: error.seq, type: error.type })), error.message);
    throw error;
  } finally {
    db.close();
  }
}

function journalRestore(file: string, till: Till, payload: LedgerRestored['payload'], epoch: number, at: number) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('synchronous = FULL');
    return db.transaction(() => appendFor(db, till.id, { type: 'ledger.restored', version: 1, payload }, { actor: 'system', at, epoch }))();
  } finally {
    db.close();
  }
}

/** The replaced ledger stays, under a name of its own: a hard link (the same file), or a copy. */
function keepReplaced(ledgerFile: string, replaced: string): void {
  try {
    linkSync(ledgerFile, replaced);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    copyFileSync(ledgerFile, replaced);
  }
  chmodSync(replaced, 0o600);
  syncFile(replaced);
}

/** 2026-12-01T08:01:38.123Z → 2026-12-01-080138 (UTC). */
function stamp(at: number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
