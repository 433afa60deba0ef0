/**
 * One export in a process of its own, for tests/bench/export.ts: prints its time and the process's
 * peak RSS as one JSON line. Opens the ledger read-only, as the ledger CLI does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { exportSales, type ExportFormat } from '../../src/host/export/export-sales.ts';
import { LEDGER_FILE } from '../../src/host/ledger/database.ts';

const [dataDir, format, from, to, out] = process.argv.slice(2) as [string, ExportFormat, string, string, string];
const db = new Database(join(dataDir, LEDGER_FILE), { readonly: true, fileMustExist: true });
const startRssMb = process.memoryUsage().rss / 1024 / 1024;

/** Peak RSS of this process in MB: Linux's VmHWM, else the largest of samples taken during the export. */
let sampledMb = startRssMb;
const sampler = setInterval(() => (sampledMb = Math.max(sampledMb, process.memoryUsage().rss / 1024 / 1024)), 5);
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: the samples.
  }
  return sampledMb;
}
const started = performance.now();
const result = await exportSales(db, { from, to, format, out });
const ms = performance.now() - started;
clearInterval(sampler);
db.close();
console.log(JSON.stringify({ ms: Math.round(ms), rows: result.rows, maxRssMb: Math.round(peakRssMb()), startRssMb: Math.round(startRssMb) }));
