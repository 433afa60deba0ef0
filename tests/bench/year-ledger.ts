/**
 * A year of sales for `npm run bench year` (issue 8, part 8), written through the ledger's own modules
 * — SalesLedger, recordPayment, PrintJobs, Shifts — so every journal row is computed by the real
 * journal code (canonical bytes, SHA-256 chain) and `ledger verify` accepts the result. There is no
 * hand-made fast path: when the journal's format changes (epochs, new event versions) the generator
 * follows by itself; only GENERATOR_VERSION needs a bump if what is generated should change.
 *
 * Speed comes from batching, not from bypassing: one transaction per business day (the modules'
 * own transactions nest as savepoints), statements prepared once (below) and synchronous=OFF while
 * generating (the file is a cache: a crash means generating again). The result is cached under POS_BENCH_CACHE (default
 * <tmpdir>/khqr-pos-bench-cache), keyed by generator version, schema version and size, built in a
 * temporary folder and renamed into place when complete.
 *
 * Each day: sales from 08:00 Phnom Penh time, spread over 12 hours; about 85 % paid, 6 % expired,
 * 4 % cancelled, 2 % failed, 1 % paid late after expiring (with its alert), 1 % paid by a New QR after the
 * first expired (a second tender of the same sale), 1 % training, 0.5 % paid
 * to another account than the shop's own; every paid sale's receipt printed (journaled); the KHR
 * rate changes every day; the shift is opened by the day's first sale and closed with its Z report
 * at 20:30, except the last day's, left open for the X report.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Statement } from 'better-sqlite3';
import { join } from 'node:path';
import { hostMessage } from '../../src/shared/messages/index.ts';
import { Alerts } from '../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger } from '../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../src/host/ledger/migrations/index.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { Shifts, businessDate } from '../../src/host/ledger/shifts.ts';

/** Bump when what the generator writes changes, so cached ledgers are made again. */
export const GENERATOR_VERSION = 3;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** 2025-12-02 08:00 in Phnom Penh (01:00 UTC): the first business day. */
export const YEAR_START = Date.UTC(2025, 11, 2, 1, 0, 0);

export interface YearPlan {
  /** Sales on each business day, in order. */
  perDay: number[];
  /** The index of the day with many sales (the 10,000-sale export day). */
  bigDay: number;
}

/** `total` sales over `days` days, one of which (in the middle) has `bigDaySales`. */
export function yearPlan(total: number, days: number, bigDaySales: number): YearPlan {
  const bigDay = Math.floor(days / 2);
  const rest = total - bigDaySales;
  const perDay = Array.from({ length: days }, (_, d) =>
    d === bigDay ? bigDaySales : Math.floor(rest / (days - 1)) + (d - (d > bigDay ? 1 : 0) < rest % (days - 1) ? 1 : 0));
  return { perDay, bigDay };
}

export interface YearLedger {
  dataDir: string;
  file: string;
  sales: number;
  plan: YearPlan;
  /** Business date (YYYY-MM-DD) of each day. */
  dates: string[];
  /** How long generating took (when it was cached: what it took then). */
  generationMs: number;
  cached: boolean;
}

function cacheRoot(): string {
  return process.env.POS_BENCH_CACHE ?? join(tmpdir(), 'khqr-pos-bench-cache');
}

export function yearLedger(plan: YearPlan): YearLedger {
  const sales = plan.perDay.reduce((a, b) => a + b, 0);
  const schema = Math.max(...MIGRATIONS.map((m) => m.version));
  const key = `year-g${GENERATOR_VERSION}-s${schema}-${sales}-${plan.perDay.length}d-big${plan.perDay[plan.bigDay]}`;
  const dataDir = join(cacheRoot(), key);
  const dates = plan.perDay.map((_, d) => businessDate(YEAR_START + d * DAY_MS));
  const done = join(dataDir, 'complete.json');
  if (existsSync(done)) {
    const cached = JSON.parse(readFileSync(done, 'utf8')) as { sales: number; generationMs: number };
    if (cached.sales === sales) return { dataDir, file: join(dataDir, LEDGER_FILE), sales, plan, dates, generationMs: cached.generationMs, cached: true };
  }
  mkdirSync(cacheRoot(), { recursive: true });
  const building = `${dataDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const started = performance.now();
  generate(building, plan);
  const generationMs = performance.now() - started;
  writeFileSync(join(building, 'complete.json'), JSON.stringify({ sales, generatorVersion: GENERATOR_VERSION, schema, generationMs }));
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  return { dataDir, file: join(dataDir, LEDGER_FILE), sales, plan, dates, generationMs, cached: false };
}

function generate(dataDir: string, plan: YearPlan): void {
  const db = openLedger(dataDir);
  // A cache, not a till: no fsync per day. The file is checkpointed and closed before it is used.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  // The ledger's modules prepare their statements at each call (cheap for a till); a million sales
  // make that half the generator's CPU. Here only, the connection hands back the statement already
  // prepared for the same SQL: the modules run unchanged (they only run/get/all, never iterate or
  // switch a statement's mode, which a shared statement would not allow).
  const prepared = new Map<string, Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = prepare(sql)));
    return statement;
  }) as typeof db.prepare;
  let t = YEAR_START;
  const now = (): number => t;
  const sales = new SalesLedger(db, now);
  const tables = { db, sales, printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  const shifts = new Shifts(db, now);
  let n = 0;
  plan.perDay.forEach((count, day) => {
    const open = YEAR_START + day * DAY_MS;
    const slot = Math.floor((12 * 60 * 60 * 1000) / count);
    const khrPerUsd = 4_000 + ((day * 37) % 150);
    db.transaction(() => {
      for (let i = 0; i < count; i++, n++) {
        const start = open + i * slot;
        t = start;
        const training = n % 100 === 37;
        const sale = sales.create({
          amountCents: 50 + ((n * 7919) % 20_000), khrPerUsd, training, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api-bakong.nbc.gov.kh',
        });
        t += 300;
        const payTo = n % 200 === 11 ? 'other@aclb' : 'shop@aclb';
        const khqrString = `00020101021229180014${payTo}52045999530384054${String(n).padStart(8, '0')}5802KH5907My Shop6010Phnom Penh` +
          `99340013${t}0113${t + 600_000}6304${(n % 65_536).toString(16).padStart(4, '0')}`;
        sales.attachQr(sale.id, { md5: n.toString(16).padStart(32, '0'), khqrString, expiresAt: t + 600_000, payTo });
        t = start + Math.floor(slot / 2);
        const kind = n % 100;
        if (kind < 6) sales.markExpired(sale.id, 'expired');
        else if (kind < 10) sales.markCancelled(sale.id, 'cancelled');
        else if (kind < 12) sales.markFailed(sale.id, hostMessage('payment.checkFailed'));
        else if (kind === 12) {
          sales.markExpired(sale.id, 'expired');
          t += 1_000;
          recordPayment(tables, sale.id, 'paid', ['expired']);
        } else if (kind === 13) {
          // The QR expired and the cashier asked for a New QR: a second tender of the same sale, paid.
          sales.markExpired(sale.id, 'expired');
          t += 1_000;
          const again = sales.addTender(sale.saleId, 'https://api-bakong.nbc.gov.kh');
          sales.attachQr(again.id, { md5: `e${n.toString(16).padStart(31, '0')}`, khqrString: `${khqrString}-2`, expiresAt: t + 600_000, payTo });
          t += 1_000;
          recordPayment(tables, again.id, 'paid', ['awaiting_payment']);
        } else recordPayment(tables, sale.id, 'paid', ['awaiting_payment']);
        const job = tables.printJobs.nextQueued();
        if (job) {
          t += 500;
          tables.printJobs.markPrinting(job.id);
          tables.printJobs.markPrinted(job.id);
        }
      }
      if (day < plan.perDay.length - 1) {
        t = open + 12.5 * 60 * 60 * 1000;
        shifts.close({ carryOver: true });
      }
    })();
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
