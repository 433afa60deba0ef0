/**
 * The back office's export across tills against a real PostgreSQL: each till's sales, folded from
 * the rows it pushed, come out exactly as the till's own export writes them (CSV byte for byte, XLSX
 * cell for cell), tills in order, for an accountant as for the owner; a bad range is refused in words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import ExcelJS from 'exceljs';
import { exportSales } from '../../src/host/export/export-sales.ts';
import { BOM } from '../../src/host/export/csv.ts';
import { pairTestTill, startBackoffice, type TestBackoffice } from '../support/backoffice.ts';
import { addTestUser, pushRows, signInHttp } from '../support/backoffice-ui.ts';
import { testPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/temp.ts';
import { sellADay, tillLedger, type TillLedger } from '../support/till-ledger.ts';

const postgres = await testPostgres();
const skip = postgres.skip;

async function twoTills(t: TestContext): Promise<{ backoffice: TestBackoffice; cookie: string; back: TillLedger; front: TillLedger }> {
  const backoffice = await startBackoffice(t, postgres);
  await addTestUser(backoffice.pool, 'Chan Vanna', 'accountant');
  const { cookie } = await signInHttp(backoffice.url, 'Chan Vanna');
  const tills: TillLedger[] = [];
  for (const [name, scale] of [['Front', 1], ['Back', 3]] as const) {
    const till = tillLedger(t, Date.parse('2026-12-01T03:00:00Z'), `ហាង ${name} =HYPERLINK("x")`);
    sellADay(till, scale);
    // A sale the next day, outside a one-day range.
    till.clock.at = Date.parse('2026-12-02T03:00:00Z');
    till.pay(till.sell(4242));
    await pushRows(backoffice.url, await pairTestTill(backoffice, till.till(), name), till.wireRows());
    tills.push(till);
  }
  return { backoffice, cookie: cookie!, front: tills[0]!, back: tills[1]! };
}

/** The till's own export of [from, to], as its file's bytes. */
async function tillsOwnExport(t: TestContext, till: TillLedger, format: 'csv' | 'xlsx', from: string, to: string): Promise<Buffer> {
  const out = join(tempDir(t), `own.${format}`);
  await exportSales(till.db, { format, from, to, out });
  return readFileSync(out);
}

async function download(backoffice: TestBackoffice, cookie: string, query: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`${backoffice.url}/export?${query}`, { headers: { Cookie: cookie } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

test('CSV across tills: each till\'s lines exactly as its own export writes them, tills by name, only the range\'s business dates', { skip }, async (t) => {
  const { backoffice, cookie, back, front } = await twoTills(t);
  const file = await download(backoffice, cookie, 'from=2026-12-01&to=2026-12-01&format=csv');
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(file.headers.get('content-disposition'), 'attachment; filename="sales-2026-12-01-to-2026-12-01.csv"');
  const lines = (buffer: Buffer): string[] => buffer.toString('utf8').split('\r\n');
  const [header, ...backLines] = lines(await tillsOwnExport(t, back, 'csv', '2026-12-01', '2026-12-01'));
  const [, ...frontLines] = lines(await tillsOwnExport(t, front, 'csv', '2026-12-01', '2026-12-01'));
  const expected = [header!, ...backLines.filter(Boolean), ...frontLines.filter(Boolean), ''].join('\r\n');
  assert.ok(header!.startsWith(BOM));
  assert.equal(file.body.toString('utf8'), expected);
  assert.equal(backLines.filter(Boolean).length, 10);
  assert.doesNotMatch(file.body.toString('utf8'), /42\.42/, 'the next day is not in a one-day range');
  // Two days: the next day's sale of each till comes too.
  const both = await download(backoffice, cookie, 'from=2026-12-01&to=2026-12-02&format=csv');
  assert.equal(both.body.toString('utf8').match(/42\.42/g)?.length, 2);
});

test('XLSX across tills: the same Sales cells as the tills\' own workbooks, and a Summary of the rows written', { skip }, async (t) => {
  const { backoffice, cookie, back, front } = await twoTills(t);
  const file = await download(backoffice, cookie, 'from=2026-12-01&to=2026-12-02&format=xlsx');
  assert.equal(file.status, 200);
  const cells = async (buffer: Buffer, sheet: string): Promise<unknown[][]> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  const [header, ...backRows] = await cells(await tillsOwnExport(t, back, 'xlsx', '2026-12-01', '2026-12-02'), 'Sales');
  const [, ...frontRows] = await cells(await tillsOwnExport(t, front, 'xlsx', '2026-12-01', '2026-12-02'), 'Sales');
  assert.deepEqual(await cells(file.body, 'Sales'), [header, ...backRows, ...frontRows]);
  const summary = await cells(file.body, 'Summary');
  const takings = summary.find((row) => String(row[0]).startsWith('Takings'))!;
  const own = async (till: TillLedger): Promise<number> => Number((await cells(await tillsOwnExport(t, till, 'xlsx', '2026-12-01', '2026-12-02'), 'Summary')).find((row) => String(row[0]).startsWith('Takings'))![3]);
  assert.equal(Math.round(Number(takings[3]) * 100), Math.round(((await own(back)) + (await own(front))) * 100));
});

test('a range that is not two dates in order, or too long, or an unknown format, is refused in words', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  await addTestUser(backoffice.pool, 'Chan Vanna', 'accountant');
  const { cookie } = await signInHttp(backoffice.url, 'Chan Vanna');
  for (const query of ['from=2026-12-02&to=2026-12-01&format=csv', 'from=2025-01-01&to=2026-12-01&format=csv', 'from=2026-02-30&to=2026-03-01&format=csv', 'from=2026-12-01&to=2026-12-01&format=pdf']) {
    const answer = await download(backoffice, cookie!, query);
    assert.equal(answer.status, 400, query);
    assert.match(answer.body.toString('utf8'), /Give two dates \(YYYY-MM-DD\), the first not after the second, at most 400 days apart/);
  }
});
