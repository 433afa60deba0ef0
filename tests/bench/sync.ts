/**
 * The sync's figures (issue 10): rows pushed per second from one till into the real back office on
 * PostgreSQL (a backlog of sales, pushed in the worker's batches), and the lag from a till's paid sale
 * committed to the back office holding its `tender.paid` row, with 10 tills selling and pushing at once
 * (each worker nudged after its commit, as the host does). Everything in this one process: the tills'
 * SQLite writes, their workers, the back office's HTTP service and its pool.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackoffice } from '../support/backoffice.ts';
import { startPostgres } from '../support/postgres.ts';
import { openSyncTill, pairSyncTill, sell, type SyncTill } from '../support/sync.ts';
import { REAL_TIMERS } from '../../src/host/sync/worker.ts';

export interface SyncBench {
  skipped: string | null;
  rowsPerSecond: number;
  rows: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagSamples: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;

export async function benchSync(options: { backlogSales?: number; tills?: number; salesPerTill?: number } = {}): Promise<SyncBench> {
  const postgres = await startPostgres();
  if (postgres.skip) return { skipped: postgres.skip, rowsPerSecond: 0, rows: 0, lagP50Ms: 0, lagP95Ms: 0, lagSamples: 0 };
  const cleanups: Array<() => unknown> = [];
  const t = { after: (fn: () => unknown) => void cleanups.push(fn) };
  const folder = mkdtempSync(join(tmpdir(), 'pos-bench-sync-'));
  let dirs = 0;
  const newDir = (): string => mkdtempSync(join(folder, `till-${dirs++}-`));
  try {
    const backoffice = await startBackoffice(t, postgres);

    // Throughput: a backlog (a till offline for a while) pushed in the worker's batches.
    const backlog = openSyncTill(t, { dataDir: newDir(), timers: REAL_TIMERS });
    sell(backlog.db, options.backlogSales ?? 4_000);
    const rows = backlog.rows();
    const started = performance.now();
    await pairSyncTill(backoffice, backlog); // pairs, then pushes everything
    const seconds = (performance.now() - started) / 1000;
    if (backlog.worker.status().waiting !== 0) throw new Error('the backlog was not all pushed');

    // Lag: 10 tills selling one paid sale at a time, each followed by its worker's push.
    const tills: SyncTill[] = [];
    for (let i = 0; i < (options.tills ?? 10); i++) {
      const till = openSyncTill(t, { dataDir: newDir(), timers: REAL_TIMERS });
      await pairSyncTill(backoffice, till, backoffice.url, `Till ${i + 1}`);
      till.worker.start();
      tills.push(till);
    }
    const pending = new Map<string, { seq: number; at: number }[]>();
    const lags: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching || [...pending.values()].some((list) => list.length > 0)) {
        const { rows: heads } = await backoffice.pool.query<{ till_uuid: string; seq: string }>(
          "SELECT till_uuid, max(seq) AS seq FROM journal_rows WHERE type = 'tender.paid' GROUP BY till_uuid",
        );
        const now = performance.now();
        for (const head of heads) {
          const list = pending.get(head.till_uuid) ?? [];
          while (list.length > 0 && list[0]!.seq <= Number(head.seq)) lags.push(now - list.shift()!.at);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const salesPerTill = options.salesPerTill ?? 30;
    // The watcher stops with the tills, even when one fails (else it would query a closed pool).
    await Promise.all(tills.map(async (till, index) => {
      pending.set(till.till.id, []);
      await new Promise((resolve) => setTimeout(resolve, index * 20)); // staggered, as real tills are
      for (let n = 0; n < salesPerTill; n++) {
        sell(till.db, 1);
        const paid = till.db.prepare("SELECT seq FROM journal WHERE type = 'tender.paid' ORDER BY seq DESC LIMIT 1").get() as { seq: number };
        pending.get(till.till.id)!.push({ seq: paid.seq, at: performance.now() });
        till.worker.nudge();
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 100));
      }
    })).finally(() => {
      watching = false;
    });
    await watcher;
    lags.sort((a, b) => a - b);
    return { skipped: null, rowsPerSecond: rows / seconds, rows, lagP50Ms: percentile(lags, 0.5), lagP95Ms: percentile(lags, 0.95), lagSamples: lags.length };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
