/**
 * Export from the Settings view in web mode, in Chromium: clicking Export makes the file on the host
 * and the browser receives it as a download (a single-use token in its URL, never the cashier key);
 * the CSV's rows are the sales made today, to the cent.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/host/ledger/database.ts';
import { seedSales } from '../support/seed-sales.ts';
import { parseCsvStrict } from '../host/export/csv-parse.ts';
import { expect, startPos, test } from './fixtures.ts';

test('Export in Settings downloads a CSV whose rows are the sales made', async ({ context }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-export-'));
  const db = openLedger(dataDir);
  let made: Array<{ id: number; amount_cents: number }>;
  try {
    seedSales(db, 4);
    made = db.prepare('SELECT id, due_amount AS amount_cents FROM sales ORDER BY id').all() as typeof made;
  } finally {
    db.close();
  }
  const pos = await startPos({ POS_DATA_DIR: dataDir });
  try {
    const cashier = await context.newPage();
    await cashier.goto(pos.cashierUrl);
    await cashier.getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = cashier.getByRole('region', { name: 'Export for the accountant' });
    const [download] = await Promise.all([cashier.waitForEvent('download'), panel.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sales-\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}-[A-Za-z0-9]{8}\.csv$/);
    expect(download.url()).toMatch(/\/api\/exports\/[A-Za-z0-9_-]{22}\/download\?token=/);
    expect(download.url()).not.toContain(new URL(pos.cashierUrl).hash.slice('#key='.length));
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsvStrict(text.slice(1));
    const header = rows[0]!;
    const id = header.findIndex((h) => /^Sale number/.test(h));
    const usd = header.findIndex((h) => /^Amount USD/.test(h));
    expect(rows.slice(1).map((r) => [Number(r[id]), r[usd]])).toEqual(made.map((s) => [s.id, (s.amount_cents / 100).toFixed(2)]));
    await expect(panel.getByRole('status')).toContainText(`Exported ${made.length} sale(s)`);
  } finally {
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
