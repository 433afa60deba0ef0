/**
 * The POS's own backups, into POS_DATA_DIR/backups (a 0700 folder of 0600 files named
 * `ledger-<till code>-<YYYY-MM-DD>-<HHMMSS>.sqlite`, UTC): one at start when the newest is older than
 * 24 hours, then one every 24 hours, and one at each shift close (`runNow('close')`), keeping the
 * newest `backupsKept` (Settings). They are written off the selling path: the copy is taken from the
 * POS's own connection a few pages per step (src/host/ledger/backup.ts), and the sales committed
 * between steps carry on (and land in the copy). Free space is checked first; one backup at a time.
 * Failures and refusals are logged, never thrown at the caller: a backup never stops a sale.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database.ts';
import { copyPages, finishCopy, ledgerBytes, megabytes, publish, removeTemp, spaceFor, statfsFreeBytes, syncFile, type FreeBytes } from './backup.ts';

export const BACKUPS_FOLDER = 'backups';
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a POS backup leaves free on the data directory's disk beyond the copy (and the copy's own
 * headroom): the ledger's WAL grows by up to ~4 MB between checkpoints and every sale and print
 * writes, so a backup that merely fits could leave the next sale unable to commit.
 */
export const SELLING_RESERVE_BYTES = 64 * 1024 * 1024;

/** Pages per step of a POS backup: a few milliseconds of work, then the event loop (and selling) runs. */
export const PAGES_PER_STEP = 64;

export type BackupReason = 'daily' | 'close';

export type BackupOutcome =
  | { kind: 'written'; file: string; bytes: number; reason: BackupReason; removed: string[] }
  | { kind: 'refused'; reason: BackupReason; needed: number; free: number }
  | { kind: 'failed'; reason: BackupReason; error: string };

export interface Timer {
  unref?: () => unknown;
}

export interface DailyBackupsOptions {
  db: Db;
  dataDir: string;
  tillCode: string;
  now: () => number;
  /** How many backups to keep (the `backupsKept` setting, read at each backup). */
  kept: () => number;
  freeBytes?: FreeBytes;
  /** The timer the 24-hour schedule runs on; tests capture it instead of waiting. */
  setTimer?: (run: () => void, ms: number) => Timer;
  clearTimer?: (timer: Timer) => void;
  pagesPerStep?: number;
  log?: (line: string) => void;
  /** Told every backup's outcome (written, refused or failed): the host records and shows failures (backup-health.ts). */
  onOutcome?: (outcome: BackupOutcome) => void;
}

const NAME = /^ledger-([0-9A-Z]+)-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([1-9]\d{0,5}))?\.sqlite$/;

/** When a backup named by this module was taken (UTC, to the second), or null for any other file. */
export function backupTime(name: string): number | null {
  return backupOrder(name)?.at ?? null;
}

/** Backups named within one second before the next is refused (a loop, not a shop, makes that many). */
const MAX_PER_SECOND = 99;

/** When it was taken, and its number within that second (0 for the first): the order of the backups. */
function backupOrder(name: string): { at: number; n: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, , y, mo, d, h, mi, s, n] = m.map(Number) as number[];
  return { at: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!), n: Number.isNaN(n) ? 0 : n! };
}

/**
 * `ledger-<till code>-<UTC date>-<hhmmss>.sqlite`; a second backup in the same second (the close's,
 * right after the start's daily one) is `…-<hhmmss>-2.sqlite`, so it is made rather than refused.
 */
export function backupName(tillCode: string, at: number, n = 0): string {
  const iso = new Date(at).toISOString(); // 2026-12-01T08:01:38.123Z
  return `ledger-${tillCode}-${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}${n > 1 ? `-${n}` : ''}.sqlite`;
}

export class DailyBackups {
  readonly folder: string;
  readonly #o: DailyBackupsOptions;
  #running: Promise<BackupOutcome> | null = null;
  #queued: Promise<BackupOutcome> | null = null;
  #timer: Timer | null = null;
  #stopped = false;

  constructor(options: DailyBackupsOptions) {
    this.#o = options;
    this.folder = join(options.dataDir, BACKUPS_FOLDER);
  }

  /** The backups this module wrote, newest first. */
  list(): Array<{ name: string; at: number }> {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return [];
    }
    return names
      .map((name) => ({ name, order: backupOrder(name) }))
      .filter((b): b is { name: string; order: { at: number; n: number } } => b.order !== null)
      .sort((a, b) => b.order.at - a.order.at || b.order.n - a.order.n)
      .map(({ name, order }) => ({ name, at: order.at }));
  }

  /**
   * The schedule: a backup now if the newest is older than 24 h (or there is none, or `retry`: the
   * last one was not made), then one 24 h after the newest, and so on. Returns the start's backup,
   * if one was made.
   */
  start(retry = false): Promise<BackupOutcome> | null {
    const newest = this.list()[0]?.at ?? null;
    const now = this.#o.now();
    const due = retry || newest === null || now - newest >= DAY_MS;
    const first = due ? this.runNow('daily') : null;
    this.#schedule(due ? DAY_MS : newest! + DAY_MS - now);
    return first;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) (this.#o.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout)))(this.#timer);
    this.#timer = null;
  }

  /** Settles when the backup running now (if any) and the one queued after it are done. */
  async idle(): Promise<void> {
    await this.#queued;
    await this.#running;
  }

  /**
   * A backup now (the daily one, or the one at a shift close). Never two at once: asked while one
   * runs, it runs right after it (asked again meanwhile, the same queued one answers).
   */
  runNow(reason: BackupReason): Promise<BackupOutcome> {
    if (!this.#running) return this.#begin(reason);
    if (!this.#queued) {
      this.#queued = this.#running.then(() => {
        this.#queued = null;
        return this.#begin(reason);
      });
    }
    return this.#queued;
  }

  #begin(reason: BackupReason): Promise<BackupOutcome> {
    const run = this.#write(reason).then((outcome) => {
      try {
        this.#o.onOutcome?.(outcome);
      } catch (error) {
        console.error(`[backup] recording the ${reason} backup's outcome failed: ${(error as Error).message}`);
      }
      return outcome;
    }).finally(() => {
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    const set = this.#o.setTimer ?? ((run, delay) => setTimeout(run, delay));
    this.#timer = set(() => {
      this.#timer = null;
      if (this.#stopped) return;
      void this.runNow('daily');
      this.#schedule(DAY_MS);
    }, Math.max(0, ms));
    // The schedule never keeps the process alive on its own.
    this.#timer.unref?.();
  }

  async #write(reason: BackupReason): Promise<BackupOutcome> {
    const log = this.#o.log ?? ((line: string) => console.warn(line));
    const { db } = this.#o;
    let temp: string | null = null;
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      chmodSync(this.folder, 0o700);
      // The copy goes to the ledger's own disk: it must leave room for selling, not only fit.
      const space = spaceFor(this.folder, ledgerBytes(db) + SELLING_RESERVE_BYTES, this.#o.freeBytes ?? statfsFreeBytes);
      if (!space.enough) {
        log(`[backup] no ${reason} backup: not enough free space in ${this.folder} (it needs about ${megabytes(space.needed)}, ${megabytes(space.free)} is free). Nothing was written; selling goes on.`);
        return { kind: 'refused', reason, needed: space.needed, free: space.free };
      }
      const at = this.#o.now();
      temp = join(this.folder, `.${backupName(this.#o.tillCode, at)}.partial`);
      removeTemp(temp);
      await copyPages(db, temp, this.#o.pagesPerStep ?? PAGES_PER_STEP);
      const copy = finishCopy(temp);
      if (copy.integrity !== 'ok') throw new Error(`the copy fails SQLite's integrity check (${copy.integrity}): run "npm run ledger -- verify"`);
      const target = this.#publishNew(temp, at);
      temp = null;
      syncFile(this.folder);
      const removed = this.#prune();
      return { kind: 'written', file: target, bytes: statSync(target).size, reason, removed };
    } catch (error) {
      if (temp) removeTemp(temp);
      const text = error instanceof Error ? error.message : String(error);
      log(`[backup] the ${reason} backup into ${this.folder} failed: ${text}. Selling goes on.`);
      return { kind: 'failed', reason, error: text };
    }
  }

  /** Names the finished copy after its second, never over an existing backup: the next free number. */
  #publishNew(temp: string, at: number): string {
    for (let n = 1; ; n += 1) {
      const target = join(this.folder, backupName(this.#o.tillCode, at, n));
      try {
        publish(temp, target, false);
        return target;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST' || n >= MAX_PER_SECOND) throw error;
      }
    }
  }

  /** Keeps the newest `kept` backups; only files named like ours are ever removed. */
  #prune(): string[] {
    const kept = Math.max(1, this.#o.kept());
    const removed: string[] = [];
    for (const old of this.list().slice(kept)) {
      rmSync(join(this.folder, old.name), { force: true });
      removed.push(old.name);
    }
    return removed;
  }
}
