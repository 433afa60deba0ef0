/**
 * Whether the POS's own backups are being made. A backup refused for lack of free space, or failed,
 * is journaled (`backup.failed`, actor `system`, numbers only) and shown to the owner as a notice
 * above every tab until a later backup is written — never blocking a sale or a close. The notice
 * survives a restart: the last `backup.failed` row is compared with the newest backup file (names
 * carry their time, daily-backups.ts), and while it stands the POS tries again at its next start.
 */
import type { BackupState } from '../../shared/contract.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import type { BackupOutcome } from './daily-backups.ts';
import { append, tillId } from './journal/journal.ts';
import { ledgerWrite } from './write-health.ts';

interface Failure {
  at: number;
  reason: 'daily' | 'close';
  outcome: 'no_space' | 'error';
  neededBytes: number | null;
  freeBytes: number | null;
}

/** Whole megabytes, rounded up for what is needed and down for what is free (never "needs 0 MB"). */
const mbUp = (bytes: number | null): number => Math.max(1, Math.ceil((bytes ?? 0) / 1_000_000));
const mbDown = (bytes: number | null): number => Math.max(0, Math.floor((bytes ?? 0) / 1_000_000));

export class BackupHealth {
  readonly #db: Db;
  readonly #now: () => number;
  #failure: Failure | null = null;

  /** `newestBackupAt`: the time of the newest backup file (to the second), or null when there is none. */
  constructor(db: Db, now: () => number, newestBackupAt: number | null) {
    this.#db = db;
    this.#now = now;
    const till = tillId(db);
    if (!till) return;
    const row = db.prepare(`SELECT at, payload FROM journal WHERE till_id = ? AND type = 'backup.failed' ORDER BY seq DESC LIMIT 1`)
      .get(till) as { at: number; payload: string } | undefined;
    if (!row) return;
    // A backup file named in the same second as (or after) the failure was written after it.
    if (newestBackupAt !== null && newestBackupAt >= Math.floor(row.at / 1000) * 1000) return;
    const p = JSON.parse(row.payload) as Omit<Failure, 'at'>;
    this.#failure = { at: row.at, reason: p.reason, outcome: p.outcome, neededBytes: p.neededBytes, freeBytes: p.freeBytes };
  }

  /** A failure not yet followed by a written backup: the POS tries again at start. */
  get outstanding(): boolean {
    return this.#failure !== null;
  }

  /** Records a backup's outcome; true when the screens' notice changed. A write error is logged, never thrown. */
  record(outcome: BackupOutcome): boolean {
    if (outcome.kind === 'written') {
      const changed = this.#failure !== null;
      this.#failure = null;
      return changed;
    }
    const failure: Failure = {
      at: this.#now(),
      reason: outcome.reason,
      outcome: outcome.kind === 'refused' ? 'no_space' : 'error',
      neededBytes: outcome.kind === 'refused' ? outcome.needed : null,
      freeBytes: outcome.kind === 'refused' ? outcome.free : null,
    };
    try {
      ledgerWrite(this.#db, this.#db.transaction(() =>
        append(this.#db, {
          type: 'backup.failed',
          version: 1,
          payload: { reason: failure.reason, outcome: failure.outcome, neededBytes: failure.neededBytes, freeBytes: failure.freeBytes },
        }, { actor: 'system', at: failure.at }),
      ));
    } catch (error) {
      // A disk too full for a backup may be too full for the journal row: the notice is shown anyway.
      console.error(`[backup] could not journal the failed backup: ${(error as Error).message}`);
    }
    this.#failure = failure;
    return true;
  }

  state(): BackupState {
    const f = this.#failure;
    if (!f) return { ok: true };
    const message = f.outcome === 'no_space'
      ? hostMessage(f.reason === 'close' ? 'backup.closeNoSpace' : 'backup.dailyNoSpace', { needed: mbUp(f.neededBytes), free: mbDown(f.freeBytes) })
      : hostMessage(f.reason === 'close' ? 'backup.closeFailed' : 'backup.dailyFailed');
    return { ok: false, message, since: f.at };
  }
}
