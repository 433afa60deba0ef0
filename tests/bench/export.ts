/**
 * Export figures (issue 8, part 5): time of a CSV and an XLSX export of a 10,000-sale day, and the
 * peak memory (max RSS) of exporting 10,000 against 100,000 rows, each export in a process of its own
 * so one peak does not hide another. Flat memory means the 100k figure is close to the 10k one.
 * The ledger is generated once: 10,000 sales on 2026-12-01 through the ledger's own code
 * (tests/support/seed-sales.ts), then copied nine times in SQL onto 2026-12-02 (Phnom Penh business
 * dates), 100,000 in all: seeding them one by one would take the bench's whole minute.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/host/ledger/database.ts';
import { seedSales } from '../support/seed-sales.ts';
import type { Statement } from 'better-sqlite3';

export interface ExportFigure {
  name: string;
  value: number;
  unit: string;
}

/** 2026-12-01 08:00 in Phnom Penh. */
const DAY_ONE = Date.UTC(2026, 11, 1, 1, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

interface ChildResult {
  ms: number;
  rows: number;
  maxRssMb: number;
  startRssMb: number;
}

function runChild(dataDir: string, format: 'csv' | 'xlsx', to: string, out: string): ChildResult {
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'export-child.ts'), dataDir, format, '2026-12-01', to, out], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export function benchExport(): ExportFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-export-'));
  try {
    const dataDir = join(dir, 'data');
    const db = openLedger(dataDir);
    let t = DAY_ONE;
    seedSales(db, 10_000, { now: () => (t += 1), unpaidEvery: 5 });
    // The next day holds nine copies of the first: each sale and its one tender copied a day later,
    // under numbers 10,000 higher per copy (a fresh ledger's sale N has tender N).
    const copyOf = (table: 'sales' | 'tenders'): Statement => {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
      const copied = columns.map((name) => (name === 'md5' ? "md5 || '-' || :k"
        : ['id', 'sale_id'].includes(name) ? `${name} + :k * 10000`
          : ['created_at', 'updated_at', 'paid_at', 'completed_at'].includes(name) ? `${name} + :shift` : name));
      return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM ${table} WHERE id <= 10000 ORDER BY id`);
    };
    const copies = [copyOf('sales'), copyOf('tenders')];
    db.transaction(() => {
      for (let k = 1; k <= 9; k++) for (const copy of copies) copy.run({ k, shift: DAY_MS });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const figures: ExportFigure[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const day = runChild(dataDir, format, '2026-12-01', join(dir, `day.${format}`));
      const all = runChild(dataDir, format, '2026-12-02', join(dir, `all.${format}`));
      if (day.rows !== 10_000 || all.rows !== 100_000) throw new Error(`unexpected row counts ${day.rows} / ${all.rows}`);
      figures.push(
        { name: `export_${format}_10000_ms`, value: day.ms, unit: 'ms' },
        { name: `export_${format}_100000_ms`, value: all.ms, unit: 'ms' },
        { name: `export_${format}_10000_peak_rss`, value: day.maxRssMb, unit: 'MB' },
        { name: `export_${format}_100000_peak_rss`, value: all.maxRssMb, unit: 'MB' },
      );
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
