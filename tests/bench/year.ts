/**
 * Figures on a year of sales (issue 8, part 8), group `year`. The ledger comes from year-ledger.ts
 * (cached; its generation time is printed apart). `npm run bench year` uses 1,000,000 sales over 365
 * days; plain `npm run bench` a small one (8 days, 29,180 sales) so the whole bench stays in minutes
 * on a 2-core machine — the first figure says which.
 *
 *   x_report_ms / z_report_ms           the open shift of the last day (median of 5; _first apart;
 *                                       _cpu_ms: the process's CPU time, the wall time on a busy machine
 *                                       includes waiting for a core);
 *                                       the Z is a real close, rolled back so the cache stays as it was
 *   export_<csv|xlsx>_day_10000_ms      the accountant's export of the 10,000-sale day
 *   export_all_rows_ms_<n> / export_all_peak_rss_mb_<n>
 *                                       CSV of the first n rows' days and of every row, each in a process
 *                                       of its own (flat memory: the two peaks close together)
 *   verify_chain_rows_per_s             verifyChain over the whole journal (what `ledger verify` runs)
 *   verify_projection_sales_per_s       verifyProjection over every sale
 *   paid_sale_commit_p50_ms / _p99_ms   recordPayment (sale paid + receipt owed + journal row) with
 *                                       synchronous=FULL, on a copy of the big ledger opened as the host does
 *   ledger_file_mb / bytes_per_sale     size of the checkpointed file
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Alerts } from '../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger } from '../../src/host/ledger/database.ts';
import { verifyChain, verifyProjection } from '../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { Shifts } from '../../src/host/ledger/shifts.ts';
import { yearLedger, yearPlan, type YearLedger } from './year-ledger.ts';

export interface YearFigure {
  name: string;
  value: number;
  unit: string;
}

class RolledBack extends Error {}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface ChildResult {
  ms: number;
  rows: number;
  maxRssMb: number;
}

function exportChild(dataDir: string, format: 'csv' | 'xlsx', from: string, to: string, out: string): ChildResult {
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'export-child.ts'), dataDir, format, from, to, out], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** `full`: 1,000,000 sales over 365 days; else 8 days (7 × 2,740 + one 10,000-sale day). */
export function benchYear(full: boolean, print: (figure: YearFigure) => void): void {
  const plan = full ? yearPlan(1_000_000, 365, 10_000) : yearPlan(7 * 2_740 + 10_000, 8, 10_000);
  print({ name: 'year_sales', value: plan.perDay.reduce((a, b) => a + b, 0), unit: full ? 'sales (full: npm run bench year)' : 'sales (small default; npm run bench year for 1,000,000)' });
  const ledger = yearLedger(plan);
  print({ name: 'year_generation_ms', value: Math.round(ledger.generationMs), unit: ledger.cached ? `ms (when generated; cached in ${ledger.dataDir})` : 'ms' });
  const bytes = statSync(ledger.file).size;
  print({ name: 'ledger_file_mb', value: bytes / 1024 / 1024, unit: 'MB' });
  print({ name: 'bytes_per_sale', value: Math.round(bytes / ledger.sales), unit: 'bytes' });

  readOnlyFigures(ledger, print);
  writeFigures(ledger, print);
}

function readOnlyFigures(ledger: YearLedger, print: (figure: YearFigure) => void): void {
  const out = mkdtempSync(join(tmpdir(), 'pos-bench-year-'));
  try {
    const bigDate = ledger.dates[ledger.plan.bigDay]!;
    for (const format of ['csv', 'xlsx'] as const) {
      const day = exportChild(ledger.dataDir, format, bigDate, bigDate, join(out, `day.${format}`));
      print({ name: `export_${format}_day_${day.rows}_ms`, value: day.ms, unit: 'ms' });
    }
    // The first days up to about 100,000 rows (a tenth of the ledger when small), then every row.
    let cumulative = 0;
    let last = 0;
    const part = Math.min(100_000, Math.floor(ledger.sales / 10));
    while (cumulative < part) cumulative += ledger.plan.perDay[last++]!;
    for (const to of [ledger.dates[last - 1]!, ledger.dates.at(-1)!]) {
      const all = exportChild(ledger.dataDir, 'csv', ledger.dates[0]!, to, join(out, 'all.csv'));
      print({ name: `export_all_rows_ms_${all.rows}`, value: all.ms, unit: 'ms (CSV)' });
      print({ name: `export_all_peak_rss_mb_${all.rows}`, value: all.maxRssMb, unit: 'MB' });
    }

    const db = new Database(ledger.file, { readonly: true, fileMustExist: true });
    try {
      let started = performance.now();
      const chain = verifyChain(db);
      const chainMs = performance.now() - started;
      if (!chain.ok) throw new Error(`the generated ledger's chain does not verify: ${JSON.stringify(chain.problem)}`);
      print({ name: 'verify_chain_rows', value: chain.rows, unit: 'rows' });
      print({ name: 'verify_chain_rows_per_s', value: Math.round(chain.rows / (chainMs / 1000)), unit: 'rows/s' });
      started = performance.now();
      const projection = verifyProjection(db);
      const projectionMs = performance.now() - started;
      if (!projection.ok) throw new Error(`the generated ledger's projections do not verify: ${JSON.stringify(projection.problem)}`);
      print({ name: 'verify_projection_sales_per_s', value: Math.round(projection.sales / (projectionMs / 1000)), unit: 'sales/s' });
    } finally {
      db.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** X, Z and a paid sale's commit, on a copy of the cached ledger opened as the host opens it. */
function writeFigures(ledger: YearLedger, print: (figure: YearFigure) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-year-host-'));
  try {
    copyFileSync(ledger.file, join(dir, LEDGER_FILE));
    const db = openLedger(dir);
    try {
      const lastDay = ledger.plan.perDay.length - 1;
      let t = Date.now();
      const now = (): number => t;
      const shifts = new Shifts(db, now);
      if (shifts.current()?.businessDate !== ledger.dates[lastDay]) throw new Error('the last day\'s shift is not the open one');
      const xs: number[] = [];
      const zs: number[] = [];
      const xCpu: number[] = [];
      const zCpu: number[] = [];
      const cpuMs = (since: NodeJS.CpuUsage): number => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
      for (let i = 0; i < 6; i++) {
        let started = performance.now();
        let cpu = process.cpuUsage();
        shifts.xReport();
        xs.push(performance.now() - started);
        xCpu.push(cpuMs(cpu));
        started = performance.now();
        cpu = process.cpuUsage();
        try {
          db.transaction(() => {
            shifts.close({ carryOver: true });
            zs.push(performance.now() - started);
            zCpu.push(cpuMs(cpu));
            throw new RolledBack();
          })();
        } catch (error) {
          if (!(error instanceof RolledBack)) throw error;
        }
      }
      print({ name: 'x_report_ms_first', value: xs[0]!, unit: 'ms' });
      print({ name: 'x_report_ms', value: median(xs.slice(1)), unit: 'ms' });
      print({ name: 'z_report_ms_first', value: zs[0]!, unit: 'ms' });
      print({ name: 'z_report_ms', value: median(zs.slice(1)), unit: 'ms' });
      // CPU time of the same calls: on a shared machine the wall time includes waiting for a core.
      print({ name: 'x_report_cpu_ms', value: median(xCpu.slice(1)), unit: 'ms' });
      print({ name: 'z_report_cpu_ms', value: median(zCpu.slice(1)), unit: 'ms' });

      // A real host's payment path: the sale and its QR are committed first (untimed), then the
      // payment (sale paid, receipt owed, journal row) is timed to its commit with synchronous=FULL.
      if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('expected synchronous=FULL');
      const sales = new SalesLedger(db, now);
      const tables = { db, sales, printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
      const commits: number[] = [];
      for (let i = 0; i < 200; i++) {
        t += 10_000;
        const sale = sales.create({ amountCents: 250 + i, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api-bakong.nbc.gov.kh' });
        sales.attachQr(sale.id, { md5: `f${i.toString(16).padStart(31, '0')}`, khqrString: `000201-bench-${i}`, expiresAt: t + 600_000, payTo: 'shop@aclb' });
        t += 5_000;
        const started = performance.now();
        if (!recordPayment(tables, sale.id, 'paid', ['awaiting_payment'])) throw new Error('payment not recorded');
        commits.push(performance.now() - started);
      }
      print({ name: 'paid_sale_commit_p50_ms', value: percentile(commits, 50), unit: 'ms' });
      print({ name: 'paid_sale_commit_p99_ms', value: percentile(commits, 99), unit: 'ms' });
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
