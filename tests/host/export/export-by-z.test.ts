/**
 * Export by Z report (exportSales with { z }): exactly the sales with a row journaled in the shift's
 * seq range (the X/Z report's own rule, SHIFT_SALE_ROW_TYPES), totals equal to the Z's to the cent
 * and riel, the Summary sheet carrying the Z number and anchor; unknown Z refused in words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import ExcelJS from 'exceljs';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { PosError } from '../../../src/shared/errors.ts';
import { runLedgerCli } from '../../support/ledger-cli.ts';
import { tempDir } from '../../support/temp.ts';
import { parseCsvStrict } from './csv-parse.ts';

const BASE = { khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };

function ledger(t: TestContext) {
  const clock = { at: Date.parse('2026-12-01T02:00:00Z') };
  const now = () => (clock.at += 1000);
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  let n = 0;
  const sell = (amountCents: number, extra: { khrPerUsd?: number; training?: boolean; payTo?: string } = {}) => {
    const sale = tables.sales.create({ ...BASE, amountCents, khrPerUsd: extra.khrPerUsd ?? BASE.khrPerUsd, training: extra.training ?? false });
    n += 1;
    tables.sales.attachQr(sale.id, { md5: n.toString(16).padStart(32, '0'), khqrString: `KHQR-${n}`, expiresAt: 9_999_999_999_999, payTo: extra.payTo ?? 'shop@aclb' });
    return sale.id;
  };
  const pay = (id: number) => recordPayment(tables, id, 'paid', ['awaiting_payment']);
  return { dir, db, tables, sell, pay, shifts: new Shifts(db, now) };
}

test('export by Z: the shift\'s sales only, totals equal to the Z report to the cent and riel; Summary names the Z and its anchor', async (t) => {
  const { dir, db, tables, sell, pay, shifts } = ledger(t);
  // Shift 1: paid at two rates, expired, cancelled, training, paid to another account, paid late.
  const s1 = [sell(1050), sell(333, { khrPerUsd: 4000 }), sell(300), sell(250), sell(500, { training: true }), sell(700, { payTo: 'other@aclb' }), sell(420)];
  pay(s1[0]!); pay(s1[1]!);
  tables.sales.markExpired(s1[2]!, 'QR expired');
  tables.sales.markCancelled(s1[3]!, 'cashier cancelled');
  pay(s1[4]!); pay(s1[5]!);
  tables.sales.markExpired(s1[6]!, 'QR expired');
  recordPayment(tables, s1[6]!, 'paid after expiry', ['awaiting_payment', 'expired']);
  const z1 = shifts.close();
  // Shift 2: other sales, not in Z 1's export.
  const s2 = [sell(999), sell(111)];
  pay(s2[0]!);
  tables.sales.markCancelled(s2[1]!, 'cashier cancelled');
  const z2 = shifts.close();
  assert.ok(z1.zNumber && z2.zNumber);

  const csv = await exportSales(db, { z: 1, format: 'csv', out: join(dir, 'z1.csv') });
  const rows = parseCsvStrict(readFileSync(join(dir, 'z1.csv'), 'utf8').replace(/^\uFEFF/, ''));
  const idColumn = rows[0]!.findIndex((h) => /sale/i.test(h));
  assert.deepEqual(rows.slice(1).map((r) => Number(r[idColumn])).sort((a, b) => a - b), [...s1].sort((a, b) => a - b));
  assert.equal(csv.rows, s1.length);
  assert.equal(csv.z?.zNumber, z1.zNumber);
  assert.deepEqual(csv.z?.anchor, z1.anchor);
  // The Z report's totals, to the cent and riel.
  assert.deepEqual({ count: csv.takings.count, cents: csv.takings.cents, riel: csv.takings.riel },
    { count: z1.takings.count, cents: z1.takings.cents, riel: z1.takings.riel });
  assert.deepEqual(csv.otherAccount, { count: z1.otherAccount.count, cents: z1.otherAccount.cents, riel: z1.otherAccount.riel });
  assert.deepEqual(csv.paidLate, z1.byStatus.paidLate);
  assert.deepEqual(csv.trainingPaid, z1.training.paid);
  // The Z counts events (the late-paid sale expired, then was paid); the rows show each sale's final status.
  assert.equal(csv.byStatus.expired.count + csv.paidLate.count, z1.byStatus.expired.count);
  assert.deepEqual(csv.byStatus.cancelled, z1.byStatus.cancelled);

  const x = await exportSales(db, { z: 2, format: 'xlsx', out: join(dir, 'z2.xlsx') });
  assert.equal(x.rows, 2);
  assert.equal(x.takings.cents, z2.takings.cents);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, 'z2.xlsx'));
  const summary = book.getWorksheet('Summary')!;
  const cells = new Map<string, unknown>();
  summary.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(3).value));
  assert.equal(cells.get('Z report'), z2.zNumber);
  assert.equal(cells.get('Anchor (ledger verify --anchor)'), `${z2.anchor.seq}:${z2.anchor.hash16}`);

  await assert.rejects(exportSales(db, { z: 3, format: 'csv', out: join(dir, 'z3.csv') }), (error) => error instanceof PosError && /no Z report 3/.test(error.message));
});

test('ledger export --z N writes the Z\'s file; --z with --from is a usage error', async (t) => {
  const { dir, db, sell, pay, shifts } = ledger(t);
  pay(sell(1234));
  const z = shifts.close();
  db.close();
  const elsewhere = tempDir(t);
  const out = join(elsewhere, 'z.csv');
  const ok = await runLedgerCli(['export', '--z', '1', '--format', 'csv', '--out', out], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`Z report ${z.zNumber}`));
  assert.match(readFileSync(out, 'utf8'), /12\.34/);
  const both = await runLedgerCli(['export', '--z', '1', '--from', '2026-12-01', '--format', 'csv', '--out', join(elsewhere, 'b.csv')], dir);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--z N goes without --from and --to/);
});
