/**
 * One POS per data directory. Two hosts on one ledger would both poll every sale and both print
 * every receipt. The lock is an exclusive SQLite lock on a small file beside the ledger: the
 * operating system drops it the moment the process ends, even on SIGKILL or a power cut, so a
 * crash never leaves a stale lock that stops the POS from starting.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hostMessage } from '../../shared/messages/index.ts';
import { LedgerError } from './database.ts';

export const LOCK_FILE = 'instance.lock';

/** Takes the lock or throws LedgerError saying another POS holds it. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const lock = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in EXCLUSIVE locking mode it is kept until close.
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    lock.transaction(() => {
      lock.exec('DELETE FROM holder');
      lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    })();
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new LedgerError(hostMessage('ledger.locked', { dataDir }));
    }
    throw error;
  }
  return () => lock.close();
}
