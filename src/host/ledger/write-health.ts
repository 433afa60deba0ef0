/**
 * Whether the ledger can be written, host-wide: not only for the sale on screen. A cancelled or
 * expired sale still watched for a late payment, a receipt job, an alert — any of them can be the
 * first to meet a full disk, and the cashier must hear of it wherever they are.
 *
 * Every module that writes a ledger table (sales.ts, print-jobs.ts, alerts.ts, record-payment.ts,
 * settings) runs its writes through `ledgerWrite`: a write that fails for a storage reason (full
 * disk, I/O error, read-only file) marks the ledger unwritable; the next write that commits a change
 * clears it. One tracker per connection (the host has one), so no constructor has to carry it.
 */
import type { Db } from './database.ts';

export class LedgerWriteHealth {
  #unwritable = false;
  readonly #listeners = new Set<() => void>();

  /** The last write to the ledger failed for a storage reason, and none has committed since. */
  get unwritable(): boolean {
    return this.#unwritable;
  }

  /** Called when `unwritable` changes. Returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(unwritable: boolean): void {
    if (this.#unwritable === unwritable) return;
    this.#unwritable = unwritable;
    for (const listener of this.#listeners) listener();
  }
}

const trackers = new WeakMap<Db, LedgerWriteHealth>();
const changeCounters = new WeakMap<Db, { get(): unknown }>();

/** The tracker of this ledger connection. */
export function ledgerWriteHealth(db: Db): LedgerWriteHealth {
  let health = trackers.get(db);
  if (!health) {
    health = new LedgerWriteHealth();
    trackers.set(db, health);
  }
  return health;
}

/**
 * Runs one write. A storage failure marks the ledger unwritable (and is thrown on as it was); a
 * write that committed at least one change marks it writable again. Inside a transaction nothing is
 * committed yet, so only the outermost write decides (a write that changed nothing proves nothing:
 * a full disk refuses only what must reach the file).
 */
export function ledgerWrite<T>(db: Db, write: () => T): T {
  const health = ledgerWriteHealth(db);
  const before = db.inTransaction ? 0 : totalChanges(db);
  try {
    const result = write();
    if (!db.inTransaction && totalChanges(db) > before) health.set(false);
    return result;
  } catch (error) {
    if (isStorageFailure(error)) health.set(true);
    throw error;
  }
}

/** SQLite could not write its file: full, failing or read-only. (Busy is another process, not the disk.) */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code);
}

function totalChanges(db: Db): number {
  let counter = changeCounters.get(db);
  if (!counter) {
    counter = db.prepare('SELECT total_changes() AS n');
    changeCounters.set(db, counter);
  }
  return (counter.get() as { n: number }).n;
}
