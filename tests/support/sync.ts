/**
 * A till for the sync tests: a real ledger in a fresh data directory, its SyncWorker with timers the
 * test fires by hand (no real wait ever decides an outcome), paired with a test back office through
 * the real pairing endpoint, and helpers that sell through the ledger's own modules.
 */
import type { TestContext } from 'node:test';
import { openLedger, type Db } from '../../src/host/ledger/database.ts';
import { readTill } from '../../src/host/ledger/journal/till.ts';
import { pairWithBackoffice } from '../../src/host/sync/pair.ts';
import { fileSecretStore, type SecretStore } from '../../src/host/sync/secret-store.ts';
import { SyncFiles } from '../../src/host/sync/sync-files.ts';
import { SyncWorker, type SyncTimers, type SyncWorkerOptions } from '../../src/host/sync/worker.ts';
import { addTill } from '../../src/backoffice/tills.ts';
import type { TestBackoffice } from './backoffice.ts';
import { randomBytes } from 'node:crypto';
import { Alerts } from '../../src/host/ledger/alerts.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { tempDir } from './temp.ts';

type After = Pick<TestContext, 'after'>;

/** Timers that only run when the test says: `delays()` shows what is scheduled, `fire()` runs it. */
export interface ManualTimers extends SyncTimers {
  /** The delays now scheduled (ms), in the order they were set. */
  delays(): number[];
  /** Runs every timer now scheduled with a delay of at most `maxMs` (all, by default). */
  fire(maxMs?: number): void;
}

export function manualTimers(): ManualTimers {
  let next = 1;
  const pending = new Map<number, { run: () => void; ms: number }>();
  return {
    setTimeout(run, ms) {
      const id = next++;
      pending.set(id, { run, ms });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    delays: () => [...pending.values()].map((p) => p.ms),
    fire(maxMs = Infinity) {
      for (const [id, timer] of [...pending]) {
        if (timer.ms > maxMs) continue;
        pending.delete(id);
        timer.run();
      }
    },
  };
}

export interface SyncTill {
  dataDir: string;
  db: Db;
  till: { id: string; code: string };
  secrets: SecretStore;
  timers: ManualTimers;
  worker: SyncWorker;
  /** Sells `count` paid sales (each sale.opened, sale.qrIssued, sale.paid, …) in one transaction. */
  sell(count: number): number[];
  /** Journal rows of this till in the ledger. */
  rows(): number;
}

/** A till in `dataDir` (fresh unless given), its worker not started: tests call `worker.syncNow()`. */
export function openSyncTill(t: After, options: Partial<SyncWorkerOptions> & { dataDir?: string; now?: () => number } = {}): SyncTill {
  const dataDir = options.dataDir ?? tempDir(t as TestContext);
  const db = openLedger(dataDir);
  const till = readTill(db)!;
  const secrets = options.secrets ?? fileSecretStore(dataDir);
  const timers = manualTimers();
  const worker = new SyncWorker({ dataDir, till: { id: till.id, code: till.code }, secrets, timers, random: () => 0.5, log: () => undefined, ...options });
  t.after(async () => {
    await worker.stop();
    db.close();
  });
  return {
    dataDir,
    db,
    till: { id: till.id, code: till.code },
    secrets,
    timers,
    worker,
    sell: (count) => sell(db, count, options.now ?? Date.now),
    rows: () => (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n,
  };
}

/** Makes the till in the back office and pairs it through the host's own pairing function; the pairing code used. */
export async function pairSyncTill(backoffice: TestBackoffice, till: SyncTill, url = backoffice.url, name = `Till ${till.till.code}`): Promise<void> {
  const { code } = await addTill(backoffice.pool, 'Phsar Thmei', name, backoffice.clock.now);
  await pairWithBackoffice({ url, code }, { till: till.till, secrets: till.secrets, files: new SyncFiles(till.dataDir), fetch: (u, init) => fetch(u, init), now: Date.now });
  await till.worker.paired();
}

/** What the back office holds of a till: `epoch:seq` of each row, and whether any (epoch, seq) is there twice. */
export async function storedRows(backoffice: TestBackoffice, tillId: string): Promise<{ keys: string[]; hashes: Map<string, string> }> {
  const { rows } = await backoffice.pool.query<{ epoch: string; seq: string; hash: string }>(
    'SELECT epoch, seq, hash FROM journal_rows WHERE till_uuid = $1 ORDER BY epoch, seq', [tillId],
  );
  return { keys: rows.map((r) => `${r.epoch}:${r.seq}`), hashes: new Map(rows.map((r) => [`${r.epoch}:${r.seq}`, r.hash])) };
}

/** The till's own rows as `epoch:seq` → hash, to compare with the back office's. */
export function localRows(till: SyncTill): Map<string, string> {
  const rows = till.db.prepare('SELECT epoch, seq, hash FROM journal WHERE till_id = ? ORDER BY seq').all(till.till.id) as Array<{ epoch: number; seq: number; hash: string }>;
  return new Map(rows.map((r) => [`${r.epoch}:${r.seq}`, r.hash]));
}

/** `count` sales opened, given a QR and paid, through the ledger's own modules, in one transaction; their numbers. */
export function sell(db: Db, count: number, now: () => number = Date.now): number[] {
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  return db.transaction(() => Array.from({ length: count }, (_, i) => {
    const sale = tables.sales.create({
      amountCents: 100 + i, khrPerUsd: 4_100, training: false, merchantName: 'ហាងកាហ្វេ', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
    });
    tables.sales.attachQr(sale.id, { md5: randomBytes(16).toString('hex'), khqrString: `000201-sync-${sale.id}`, expiresAt: now() + 600_000, payTo: 'shop@aclb' });
    recordPayment(tables, sale.id, 'seeded', ['awaiting_payment']);
    return sale.id;
  }))();
}
