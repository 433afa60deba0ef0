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
  // The Summary counts statuses as the Z does (the late-paid sale expired, then was paid: in both).
  assert.deepEqual(csv.byStatus.expired, z1.byStatus.expired);
  assert.deepEqual(csv.byStatus.paid, z1.byStatus.paid);
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

/** A file's rows as { sale, status, paidLate, cents, riel } from its CSV or its XLSX Sales sheet. */
interface FileRow { sale: number; status: string; paidLate: string; cents: number; riel: number }
function csvRows(file: string): FileRow[] {
  const [header, ...rows] = parseCsvStrict(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const at = (name: string) => header!.indexOf(name);
  return rows.filter((r) => r.length > 1).map((r) => ({ sale: Number(r[at('Sale number')]), status: r[at('Status')]!, paidLate: r[at('Paid late')]!,
    cents: Math.round(Number(r[at('Amount USD')]) * 100), riel: Number(r[at('Amount KHR')]) }));
}
async function xlsxRows(file: string): Promise<{ rows: FileRow[]; takings: { count: number; cents: number; riel: number } }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sales = book.getWorksheet('Sales')!;
  const names: string[] = [];
  sales.getRow(1).eachCell((cell, n) => { names[n] = String(cell.value).split('\n')[0]!; });
  const at = (name: string) => names.indexOf(name);
  const rows: FileRow[] = [];
  sales.eachRow((row, n) => {
    if (n === 1) return;
    rows.push({ sale: Number(row.getCell(at('Sale number')).value), status: String(row.getCell(at('Status')).value), paidLate: String(row.getCell(at('Paid late')).value),
      cents: Math.round(Number(row.getCell(at('Amount USD')).value) * 100), riel: Number(row.getCell(at('Amount KHR')).value) });
  });
  let takings = { count: 0, cents: 0, riel: 0 };
  book.getWorksheet('Summary')!.eachRow((row) => {
    if (String(row.getCell(1).value).startsWith('Takings')) {
      takings = { count: Number(row.getCell(3).value), cents: Math.round(Number(row.getCell(4).value) * 100), riel: Number(row.getCell(5).value) };
    }
  });
  return { rows, takings };
}
/** Takings added up from a file's own rows (paid real sales to the shop's account: the test's sales all are). */
function takingsOf(rows: FileRow[]) {
  const paid = rows.filter((r) => r.status === 'paid');
  return { count: paid.length, cents: paid.reduce((a, r) => a + r.cents, 0), riel: paid.reduce((a, r) => a + r.riel, 0) };
}

test('export by Z shows each sale as of its shift\'s end: a sale opened in Z1 and paid (carried over) in Z2, an expired sale paid late; CSV and XLSX read back equal each Z', async (t) => {
  const { dir, db, tables, sell, pay, shifts } = ledger(t);
  const paidInZ1 = sell(1000);
  pay(paidInZ1);
  const crossing = sell(2575, { khrPerUsd: 4050 });
  const expiredInZ1 = sell(640);
  tables.sales.markExpired(expiredInZ1, 'QR expired');
  const z1 = shifts.close({ carryOver: true });
  assert.deepEqual(z1.unresolved.map((u) => u.sale), [crossing]);
  // After the close: the carried-over sale is paid, the expired one is paid late (system opens shift 2).
  pay(crossing);
  recordPayment(tables, expiredInZ1, 'paid after expiry', ['awaiting_payment', 'expired']);
  const expiredThenLate = sell(420);
  tables.sales.markExpired(expiredThenLate, 'QR expired');
  recordPayment(tables, expiredThenLate, 'paid after expiry', ['awaiting_payment', 'expired']);
  const z2 = shifts.close();
  const money = (m: { count: number; cents: number; riel: number }) => ({ count: m.count, cents: m.cents, riel: m.riel });

  for (const [n, z, format] of [[1, z1, 'csv'], [1, z1, 'xlsx'], [2, z2, 'csv'], [2, z2, 'xlsx']] as const) {
    const out = join(dir, `z${n}.${format}`);
    const result = await exportSales(db, { z: n, format, out });
    assert.deepEqual(money(result.takings), money(z.takings), `Z${n} ${format} takings`);
    assert.deepEqual(result.paidLate, money(z.byStatus.paidLate), `Z${n} ${format} paid late`);
    assert.deepEqual(result.byStatus.expired, money(z.byStatus.expired), `Z${n} ${format} expired`);
    assert.deepEqual(result.byStatus.paid, money(z.byStatus.paid), `Z${n} ${format} paid`);
    const read = format === 'csv' ? { rows: csvRows(out), takings: null } : await xlsxRows(out);
    assert.deepEqual(takingsOf(read.rows), money(z.takings), `Z${n} ${format} rows read back`);
    if (read.takings) assert.deepEqual(read.takings, money(z.takings), `Z${n} xlsx Summary takings`);
    const status = new Map(read.rows.map((r) => [r.sale, r]));
    if (n === 1) {
      assert.deepEqual([...status.keys()].sort((a, b) => a - b), [paidInZ1, crossing, expiredInZ1]);
      assert.equal(status.get(crossing)!.status, 'awaiting_payment');
      assert.equal(status.get(expiredInZ1)!.status, 'expired');
      assert.equal(status.get(expiredInZ1)!.paidLate, 'no');
    } else {
      assert.deepEqual([...status.keys()].sort((a, b) => a - b), [crossing, expiredInZ1, expiredThenLate]);
      assert.equal(status.get(crossing)!.status, 'paid');
      assert.equal(status.get(expiredInZ1)!.paidLate, 'yes');
      assert.equal(status.get(expiredThenLate)!.status, 'paid');
    }
  }
  assert.equal(z1.takings.cents, 1000);
  assert.equal(z2.takings.cents, 2575 + 640 + 420);
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
