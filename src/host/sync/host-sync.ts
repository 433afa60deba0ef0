/**
 * The sync as the host runs it: the worker started with the host, nudged after each commit (only
 * when the ledger really changed, so its own state pushes never wake it), its state in words for the
 * screens (`SyncView`), pairing from the Settings screen, and stopped before the ledger closes.
 */
import type { SyncView } from '../../shared/contract.ts';
import type { Db } from '../ledger/database.ts';
import { readTill } from '../ledger/journal/till.ts';
import type { SyncFetch } from './client.ts';
import { pairWithBackoffice } from './pair.ts';
import type { SecretStore } from './secret-store.ts';
import { SyncWorker, type SyncStatus, type SyncWorkerOptions } from './worker.ts';

export type HostSyncOptions = Pick<SyncWorkerOptions, 'timers' | 'fetch' | 'random' | 'batchRows' | 'log' | 'idlePollMs'>;

export interface HostSync {
  view(): SyncView;
  pair(input: { url: string; code: string }): Promise<SyncView>;
  syncNow(): Promise<SyncView>;
  /** Called after commits: pushes soon if the ledger's rows changed. */
  ledgerChanged(): void;
  stop(): Promise<void>;
}

export function toSyncView(status: SyncStatus): SyncView {
  return { url: status.paired?.url ?? null, waiting: status.waiting, words: status.words, lastError: status.lastError, lastSyncedAt: status.lastSyncedAt };
}

export function createHostSync(deps: {
  db: Db;
  dataDir: string;
  secrets: SecretStore;
  now: () => number;
  /** SQLite's count of rows changed on the host's connection: the worker is nudged when it moves. */
  changes: () => number;
  onChange: () => void;
  options?: HostSyncOptions;
}): HostSync {
  const till = readTill(deps.db)!;
  // The screens hear of the sync only when what they show of it changed (an unpaired till's idle
  // cycles, or a push that changed nothing visible, push no state).
  let shown = '';
  const changed = (): void => {
    const now = JSON.stringify(toSyncView(worker.status()));
    if (now === shown) return;
    shown = now;
    deps.onChange();
  };
  const worker: SyncWorker = new SyncWorker({ ...deps.options, dataDir: deps.dataDir, till: { id: till.id, code: till.code }, secrets: deps.secrets, now: deps.now, onChange: changed });
  shown = JSON.stringify(toSyncView(worker.status()));
  let seen = deps.changes();
  let stopped = false;
  worker.start();
  return {
    view: () => toSyncView(worker.status()),
    async pair(input) {
      const fetcher: SyncFetch = deps.options?.fetch ?? ((url, init) => fetch(url, init));
      const { head } = await pairWithBackoffice(input, { till: { id: till.id, code: till.code }, secrets: deps.secrets, files: worker.files, fetch: fetcher, now: deps.now });
      return toSyncView(await worker.paired(head ?? undefined));
    },
    syncNow: async () => toSyncView(await worker.syncNow()),
    ledgerChanged() {
      if (stopped) return;
      const changes = deps.changes();
      if (changes === seen) return;
      seen = changes;
      worker.nudge();
    },
    stop: () => {
      stopped = true;
      return worker.stop();
    },
  };
}
