/**
 * Memory stays flat because the exporters never hold the rows: they read a row only when the
 * output can take more. Shown without timing: the output (a Writable the test controls) stops
 * accepting, and the number of rows pulled from the row iterator stops far below the 20,000
 * available; once the output accepts again, every row arrives. An exporter that collected the rows
 * first (or ignored backpressure) would pull all 20,000 before the first write could complete.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { writeCsv } from '../../../src/host/export/csv.ts';
import type { ExportSaleRow } from '../../../src/host/export/sales-rows.ts';
import { emptySummary } from '../../../src/shared/export/summary.ts';
import { writeXlsx } from '../../../src/host/export/xlsx.ts';
import { centsToRiel } from '../../../src/shared/money.ts';

const ROWS = 20_000;

function* rows(counter: { pulled: number }): Generator<ExportSaleRow> {
  for (let i = 1; i <= ROWS; i++) {
    counter.pulled += 1;
    yield {
      id: i, currency: 'USD', amount_cents: 100 + i, amount_riel: centsToRiel(100 + i, 4_100), change_usd: 0, change_khr: 0, rounding_exact: 0, khr_per_usd: 4_100, status: 'paid', training: 0, merchant_name: `Shop ${i}`,
      bakong_id: 'shop@aclb', pay_to: 'shop@aclb', md5: i.toString(16).padStart(32, '0'),
      created_at: 1_796_000_000_000 + i * 1_000, paid_at: 1_796_000_000_000 + i * 1_000 + 500, paid_late: 0, failure_code: null, tenders: 1, overpaid_count: 0, overpaid_cents: 0, till_code: 'K7QX2M', epoch: 1, approved_account: 'shop@aclb',
      refund_count: 0, refunded_cents: 0, refunded_riel: 0, voided: 0,
    };
  }
}

/** A file stand-in that holds every write until released, then keeps what it was given. */
function gatedOutput(): { out: Writable; release(): void; bytes(): Buffer; held(): number } {
  const chunks: Buffer[] = [];
  const waiting: Array<() => void> = [];
  let open = false;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (open) done();
      else waiting.push(() => done());
    },
  });
  return {
    out,
    release() {
      open = true;
      for (const done of waiting.splice(0)) done();
    },
    bytes: () => Buffer.concat(chunks),
    held: () => waiting.length,
  };
}

/** Waits until the exporter has stopped pulling rows: the count stays the same over several turns of the event loop. */
async function settled(counter: { pulled: number }): Promise<number> {
  let last = -1;
  let same = 0;
  for (let turn = 0; turn < 2_000 && same < 10; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    same = counter.pulled === last ? same + 1 : 0;
    last = counter.pulled;
  }
  return counter.pulled;
}

test('CSV: with the output stalled, the exporter stops reading rows; released, all 20,000 arrive', async () => {
  const counter = { pulled: 0 };
  const gate = gatedOutput();
  let counted = 0;
  const done = writeCsv(rows(counter), gate.out, () => (counted += 1));
  const pulled = await settled(counter);
  assert.ok(gate.held() > 0, 'the output is holding a write');
  assert.ok(pulled < 2_000, `read ${pulled} rows while the output took none: the rows are not being collected`);
  gate.release();
  await done;
  assert.equal(counter.pulled, ROWS);
  assert.equal(counted, ROWS);
  const lines = gate.bytes().toString('utf8').split('\r\n');
  assert.equal(lines.length, ROWS + 2, 'header, every row, and the final CRLF');
  assert.equal(lines.at(-2)!.split(',')[0], String(ROWS));
});

test('XLSX: with the output stalled, the exporter stops reading rows; released, all 20,000 arrive', async () => {
  const counter = { pulled: 0 };
  const gate = gatedOutput();
  const summary = emptySummary('2026-12-01', '2026-12-01');
  const done = writeXlsx(rows(counter), gate.out, () => (summary.rows += 1), () => summary);
  const pulled = await settled(counter);
  assert.ok(gate.held() > 0, 'the output is holding a write');
  assert.ok(pulled < ROWS / 2, `read ${pulled} rows while the output took none: the rows are not being collected`);
  gate.release();
  await done;
  assert.equal(counter.pulled, ROWS);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(gate.bytes() as unknown as ArrayBuffer);
  const sales = book.getWorksheet('Sales')!;
  assert.equal(sales.rowCount, ROWS + 1);
  assert.equal(sales.getRow(ROWS + 1).getCell(1).value, ROWS);
});
