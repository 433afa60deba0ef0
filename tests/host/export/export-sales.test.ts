/**
 * The accountant's export against a real ledger file: the CSV (read back with a strict RFC 4180
 * reader) and the XLSX (read back with exceljs) agree with the ledger to the cent, row by row and in
 * the totals; training and other-account sales are flagged and kept out of takings; Khmer survives;
 * formulas are neutralized; files are private; bad ranges are refused in words.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { hostMessage } from '../../../src/shared/messages/index.ts';
import { centsToRiel } from '../../../src/shared/money.ts';
import { seedSales } from '../../support/seed-sales.ts';
import { tempDir } from '../../support/temp.ts';
import { parseCsvStrict } from './csv-parse.ts';
import { SALE_ROW_SQL } from '../../support/sale-row.ts';

const KHMER_SHOP = 'ហាងកាហ្វេ សុខា';
const FORMULA_SHOP = '=HYPERLINK("http://evil.example","Click")';
/** 2026-12-01 10:00 in Phnom Penh. */
const DAY_ONE = Date.UTC(2026, 11, 1, 3, 0, 0);

interface Ledger {
  db: Db;
  dir: string;
  sales: SalesLedger;
  at: { now: number };
}

function ledger(t: Parameters<typeof tempDir>[0]): Ledger {
  const dir = tempDir(t, 'pos-export-');
  const db = openLedger(join(dir, 'data'));
  t.after(() => db.close());
  const at = { now: DAY_ONE };
  return { db, dir, sales: new SalesLedger(db, () => at.now), at };
}

/** One sale through the ledger's own code: QR attached, then ended as asked. */
function sale(l: Ledger, o: { cents: number; rate?: number; training?: boolean; name?: string; payTo?: string;
  end: 'paid' | 'expired' | 'failed' | 'cancelled' | 'late' | 'open' }): number {
  const tables = { db: l.db, sales: l.sales, printJobs: new PrintJobs(l.db, () => l.at.now), alerts: new Alerts(l.db, () => l.at.now) };
  const created = l.sales.create({ amountCents: o.cents, khrPerUsd: o.rate ?? 4_100, training: o.training ?? false,
    merchantName: o.name ?? 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  l.at.now += 1_000;
  if (o.end === 'failed') {
    l.sales.markFailed(created.id, hostMessage('payment.checkFailed'));
    return created.id;
  }
  l.sales.attachQr(created.id, { md5: `d${String(created.id).padStart(31, '0')}`, khqrString: `khqr-${created.id}`, expiresAt: l.at.now + 600_000,
    payTo: o.payTo ?? 'shop@aclb' });
  l.at.now += 1_000;
  if (o.end === 'paid') recordPayment(tables, created.id, 'test', ['awaiting_payment']);
  if (o.end === 'expired' || o.end === 'late') l.sales.markExpired(created.id, 'test');
  if (o.end === 'cancelled') l.sales.markCancelled(created.id, 'test');
  if (o.end === 'late') {
    l.at.now += 1_000;
    recordPayment(tables, created.id, 'test', ['expired']);
  }
  l.at.now += 1_000;
  return created.id;
}

/** A day with every kind of row the accountant must see, plus a few hundred ordinary sales. */
function busyDay(l: Ledger): void {
  sale(l, { cents: 1_050, end: 'paid' });
  sale(l, { cents: 999, rate: 4_050, end: 'paid', name: KHMER_SHOP });
  sale(l, { cents: 2_500, end: 'expired' });
  sale(l, { cents: 700, end: 'failed' });
  sale(l, { cents: 1_234, end: 'cancelled' });
  sale(l, { cents: 5_000, end: 'paid', training: true });
  sale(l, { cents: 300, end: 'expired', training: true });
  sale(l, { cents: 7_777, end: 'paid', payTo: 'other@aclb' });
  sale(l, { cents: 101, end: 'late' });
  sale(l, { cents: 4_321, end: 'paid', name: FORMULA_SHOP });
  sale(l, { cents: 50, end: 'open', name: '+la, "quoted"\nname' });
  seedSales(l.db, 300, { now: () => (l.at.now += 10), unpaidEvery: 4 });
}

interface DbRow {
  id: number; amount_cents: number; khr_per_usd: number; status: string; training: number; merchant_name: string;
  bakong_id: string; pay_to: string | null; md5: string | null; paid_late: number; failure_code: string | null;
}

function dbRows(db: Db): DbRow[] {
  return db.prepare(`${SALE_ROW_SQL} ORDER BY s.created_at, s.id`).all() as DbRow[];
}

/** Parses "10.50" into cents with integers only; anything else fails the test. */
function decimalToCents(text: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(text);
  assert.ok(match, `not a USD decimal: ${text}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

test('the CSV read back agrees with the ledger row by row and to the cent, with a BOM, CRLF and no formula', async (t) => {
  const l = ledger(t);
  busyDay(l);
  const out = join(l.dir, 'sales.csv');
  const result = await exportSales(l.db, { from: '2026-12-01', to: '2026-12-01', format: 'csv', out });

  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark first');
  const [header, ...rows] = parseCsvStrict(bytes.subarray(3).toString('utf8'));
  assert.equal(header![0], 'Sale number');
  const col = (name: string): number => header!.indexOf(name);
  const expected = dbRows(l.db);
  assert.equal(rows.length, expected.length);
  assert.equal(result.rows, expected.length);

  for (const [i, row] of rows.entries()) {
    const sale = expected[i]!;
    assert.equal(Number(row[col('Sale number')]), sale.id);
    assert.equal(decimalToCents(row[col('Amount USD')]!), sale.amount_cents);
    assert.equal(Number(row[col('KHR per USD')]), sale.khr_per_usd);
    assert.equal(Number(row[col('Amount KHR')]), centsToRiel(sale.amount_cents, sale.khr_per_usd));
    assert.equal(row[col('Status')], sale.status);
    assert.equal(row[col('Training')], sale.training ? 'yes' : 'no');
    assert.equal(row[col('Paid late')], sale.paid_late ? 'yes' : 'no');
    assert.equal(row[col('Receiving account')], sale.pay_to ?? '');
    assert.equal(row[col("Paid to shop's own account")], sale.pay_to === null ? '' : sale.pay_to === sale.bakong_id ? 'yes' : 'no');
    assert.equal(row[col('MD5 reference')], sale.md5 ?? '');
    assert.equal(row[col('Failure code')], sale.failure_code ?? '');
    assert.equal(row[col('Business date')], '2026-12-01');
    assert.match(row[col('Created at')]!, /^2026-12-01T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
    const name = sale.merchant_name;
    assert.equal(row[col('Merchant name')], /^[=+\-@]/.test(name) ? `'${name}` : name);
  }
  const names = rows.map((row) => row[col('Merchant name')]);
  assert.ok(names.includes(KHMER_SHOP), 'Khmer comes back intact');
  assert.ok(names.includes(`'${FORMULA_SHOP}`), 'a name starting with = is prefixed with a quote');
  assert.ok(names.includes(`'+la, "quoted"\nname`), 'quotes, commas and line breaks survive RFC 4180 quoting');
  assert.ok(!names.some((name) => /^[=+\-@]/.test(name!)), 'no cell starts a formula');

  // The export's takings are the ledger's own day totals (SalesLedger.totals), to the cent and riel.
  const day = l.sales.totals(DAY_ONE);
  assert.equal(result.takings.count, day.paidCount);
  assert.equal(result.takings.cents, day.paidCents);
  assert.equal(result.takings.riel, day.paidRiel);
  assert.equal(result.otherAccount.count, day.otherAccountCount);
  assert.equal(result.otherAccount.cents, day.otherAccountCents);
  assert.deepEqual(result.training, { count: 2, cents: 5_300, riel: centsToRiel(5_000, 4_100) + centsToRiel(300, 4_100) });
  assert.deepEqual(result.trainingPaid, { count: 1, cents: 5_000, riel: centsToRiel(5_000, 4_100) });
  assert.deepEqual(result.paidLate, { count: 1, cents: 101, riel: centsToRiel(101, 4_100) });
  assert.equal(result.byStatus.failed.count, 1);
  assert.equal(result.byStatus.awaiting_payment.count, 1);
  // Every real sale is in exactly one status; the paid ones are takings plus other accounts.
  const real = expected.filter((s) => !s.training);
  assert.equal(Object.values(result.byStatus).reduce((n, s) => n + s.count, 0), real.length);
  assert.equal(result.byStatus.paid.cents, result.takings.cents + result.otherAccount.cents);
});

test('the XLSX read back (Summary and Sales sheets) agrees with the ledger to the cent', async (t) => {
  const l = ledger(t);
  busyDay(l);
  const out = join(l.dir, 'sales.xlsx');
  const result = await exportSales(l.db, { from: '2026-12-01', to: '2026-12-01', format: 'xlsx', out });

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  assert.deepEqual(book.worksheets.map((sheet) => sheet.name), ['Sales', 'Summary']);
  assert.equal(book.views[0]?.activeTab, 1, 'the workbook opens on the Summary');
  const sales = book.getWorksheet('Sales')!;
  const header = (sales.getRow(1).values as unknown[]).slice(1) as string[];
  assert.equal(header[0], 'Sale number\nលេខការលក់');
  const col = (en: string): number => header.findIndex((cell) => cell.split('\n')[0] === en) + 1;
  const expected = dbRows(l.db);
  assert.equal(sales.rowCount, expected.length + 1);
  let cents = 0;
  for (const [i, sale] of expected.entries()) {
    const row = sales.getRow(i + 2);
    assert.equal(row.getCell(col('Sale number')).value, sale.id);
    const usd = row.getCell(col('Amount USD')).value;
    assert.equal(typeof usd, 'number', 'amounts are numbers');
    assert.equal(Math.round((usd as number) * 100), sale.amount_cents);
    assert.equal(row.getCell(col('Amount KHR')).value, centsToRiel(sale.amount_cents, sale.khr_per_usd));
    assert.equal(row.getCell(col('Merchant name')).value, sale.merchant_name, 'text cells are text, unchanged');
    assert.equal(row.getCell(col('Training')).value, sale.training ? 'yes' : 'no');
    if (sale.status === 'paid' && !sale.training && (sale.pay_to === null || sale.pay_to === sale.bakong_id)) cents += sale.amount_cents;
  }
  assert.equal(cents, result.takings.cents);
  assert.ok(!sales.getColumn(col('Merchant name')).values.some((v) => typeof v === 'object' && v !== null && 'formula' in v));

  const summary = book.getWorksheet('Summary')!;
  const line = (en: string): unknown[] => {
    let found: unknown[] | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === en) found = (row.values as unknown[]).slice(1);
    });
    assert.ok(found, `summary line ${en}`);
    return found;
  };
  assert.deepEqual(line('From (business date)').slice(2), ['2026-12-01']);
  const takings = line("Takings (paid to the shop's own account)");
  assert.equal(takings[2], result.takings.count);
  assert.equal(Math.round((takings[3] as number) * 100), result.takings.cents);
  assert.equal(takings[4], result.takings.riel);
  const day = l.sales.totals(DAY_ONE);
  assert.equal(Math.round((takings[3] as number) * 100), day.paidCents);
  assert.equal(takings[4], day.paidRiel);
  const other = line('Paid to other accounts (not takings)');
  assert.equal(Math.round((other[3] as number) * 100), 7_777);
  const training = line('Training sales (never takings)');
  assert.equal(training[2], 2);
});

test('a business date is the calendar day in Phnom Penh (UTC+07:00): the range selects by it', async (t) => {
  const l = ledger(t);
  l.at.now = Date.UTC(2026, 11, 1, 16, 59, 50); // 23:59:50 on 1 December in Phnom Penh
  const late = sale(l, { cents: 100, end: 'paid' });
  l.at.now = Date.UTC(2026, 11, 1, 17, 0, 0); // 00:00 on 2 December
  const next = sale(l, { cents: 200, end: 'paid' });
  const out = join(l.dir, 'one-day.csv');
  const first = await exportSales(l.db, { from: '2026-12-01', to: '2026-12-01', format: 'csv', out });
  const [, ...rows] = parseCsvStrict(readFileSync(out, 'utf8').slice(1));
  assert.deepEqual(rows.map((row) => Number(row[0])), [late]);
  assert.equal(rows[0]![4], '2026-12-01T23:59:50.000+07:00');
  assert.equal(first.takings.cents, 100);
  const second = await exportSales(l.db, { from: '2026-12-02', to: '2026-12-02', format: 'csv', out });
  assert.equal(second.rows, 1);
  assert.equal(parseCsvStrict(readFileSync(out, 'utf8').slice(1))[1]![0], String(next));
});

test('export files are private (0600), written whole, and nothing else is left beside them', async (t) => {
  const l = ledger(t);
  busyDay(l);
  for (const format of ['csv', 'xlsx'] as const) {
    const out = join(l.dir, `private.${format}`);
    await exportSales(l.db, { from: '2026-12-01', to: '2026-12-02', format, out });
    assert.equal(statSync(out).mode & 0o777, 0o600, format);
  }
  assert.deepEqual(readdirSync(l.dir).sort(), ['data', 'private.csv', 'private.xlsx']);
});

test('bad ranges and formats are refused in words, before any file is written', async (t) => {
  const l = ledger(t);
  const out = join(l.dir, 'never.csv');
  const refused = async (from: string, to: string, words: RegExp, format = 'csv'): Promise<void> => {
    await assert.rejects(exportSales(l.db, { from, to, format: format as 'csv', out }), (error: Error) => {
      assert.match(error.message, words);
      return true;
    });
  };
  await refused('2026-12-1', '2026-12-02', /YYYY-MM-DD/);
  await refused('2026-02-30', '2026-03-01', /real calendar dates/);
  await refused('01/12/2026', '2026-12-02', /YYYY-MM-DD/);
  await refused('2026-12-01 ', '2026-12-02', /YYYY-MM-DD/);
  await refused('2026-12-02', '2026-12-01', /start date 2026-12-02 is after the end date 2026-12-01/);
  await refused('2025-01-01', '2026-02-05', /covers 401 days; one export covers at most 400/);
  await refused('2026-12-01', '2026-12-01', /csv or xlsx/, 'pdf');
  assert.equal(existsSync(out), false);
  // The longest range allowed is accepted.
  await exportSales(l.db, { from: '2025-11-01', to: '2026-12-05', format: 'csv', out });
  assert.equal(existsSync(out), true);
});
