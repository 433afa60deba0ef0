/**
 * One "day" (review 8, finding 6): the cashier's today totals, the export and the shifts use one
 * function (src/host/export/business-date.ts), Asia/Phnom_Penh (+07:00) whatever the machine's zone,
 * and takings count by the day the payment was journaled (paid_at). Across 16:59:59Z / 17:00:00Z
 * (midnight in Phnom Penh), and for a sale created at 23:58 and paid at 00:02 local, the screen's
 * total and the export's takings for the same date agree. And the export's Till and Receipt number
 * columns (finding 9).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { businessDate, businessDay, saleBusinessDate } from '../../../src/host/export/business-date.ts';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { readTill } from '../../../src/host/ledger/journal/till.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { receiptNumber } from '../../../src/host/printing/receipt-data.ts';
import { businessDate as shiftBusinessDate } from '../../../src/host/ledger/shifts.ts';
import { tempDir } from '../../support/temp.ts';
import { parseCsvStrict } from './csv-parse.ts';

const NEW_SALE = { amountCents: 100, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };

test('the business day is Phnom Penh\'s, whatever the machine\'s zone; one function for the screen, the export and the shifts', () => {
  const zone = process.env.TZ;
  process.env.TZ = 'America/New_York';
  try {
    assert.equal(businessDate(Date.parse('2026-11-24T16:59:59.999Z')), '2026-11-24');
    assert.equal(businessDate(Date.parse('2026-11-24T17:00:00.000Z')), '2026-11-25');
    assert.deepEqual(businessDay(Date.parse('2026-11-24T17:00:00.000Z')), {
      day: '2026-11-25', start: Date.parse('2026-11-24T17:00:00.000Z'), end: Date.parse('2026-11-25T17:00:00.000Z'),
    });
    assert.equal(shiftBusinessDate, businessDate, 'shifts use the same function');
    assert.equal(saleBusinessDate({ created_at: Date.parse('2026-11-24T16:58:00Z'), paid_at: Date.parse('2026-11-24T17:02:00Z') }), '2026-11-25');
    assert.equal(saleBusinessDate({ created_at: Date.parse('2026-11-24T16:58:00Z'), paid_at: null }), '2026-11-24');
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('screen totals and export takings agree on each day: across 17:00Z, and a sale made 23:58 paid 00:02', async (t) => {
  const zone = process.env.TZ;
  process.env.TZ = 'Europe/London';
  t.after(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  let now = 0;
  const ledger = new SalesLedger(db, () => now);
  const sell = (cents: number, created: string, paid: string | null): number => {
    now = Date.parse(created);
    const sale = ledger.create({ ...NEW_SALE, amountCents: cents });
    ledger.attachQr(sale.id, { md5: `m${String(sale.id).padStart(31, '0')}`, khqrString: `k${sale.id}`, expiresAt: now + 86_400_000, payTo: 'shop@aclb' });
    if (paid) {
      now = Date.parse(paid);
      ledger.markPaid(sale.id, 'ok');
    }
    return sale.id;
  };
  const late = sell(1000, '2026-11-24T16:58:00Z', '2026-11-24T17:02:00Z'); // 23:58 → 00:02 in Phnom Penh
  const before = sell(200, '2026-11-24T16:59:00Z', '2026-11-24T16:59:59Z'); // 23:59:59, the 24th
  const after = sell(30, '2026-11-24T16:59:30Z', '2026-11-24T17:00:00Z'); // 00:00:00, the 25th
  const unpaid = sell(4, '2026-11-24T16:59:50Z', null); // created on the 24th, never paid

  const days: Array<[string, number, number[]]> = [['2026-11-24', 200, [before, unpaid]], ['2026-11-25', 1030, [late, after]]];
  for (const [day, cents, ids] of days) {
    const screen = ledger.totals(Date.parse(`${day}T05:00:00Z`));
    assert.equal(screen.day, day);
    assert.equal(screen.paidCents, cents, `screen takings of ${day}`);
    const out = join(dir, `${day}.csv`);
    const exported = await exportSales(db, { from: day, to: day, format: 'csv', out });
    assert.equal(exported.takings.cents, cents, `export takings of ${day}`);
    const rows = parseCsvStrict(readFileSync(out, 'utf8').slice(1));
    const header = rows[0]!;
    const body = rows.slice(1);
    assert.deepEqual(body.map((r) => Number(r[header.indexOf('Sale number')])), ids, `sales exported for ${day}`);
    assert.ok(body.every((r) => r[header.indexOf('Business date')] === day));
  }
});

test('the export has the till\'s code and the receipt number as printed (receipt-data.ts receiptNumber)', async (t) => {
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const now = Date.parse('2026-11-24T05:00:00Z');
  const ledger = new SalesLedger(db, () => now);
  const sale = ledger.create(NEW_SALE);
  const code = readTill(db)!.code;
  const out = join(dir, 'x.csv');
  await exportSales(db, { from: '2026-11-24', to: '2026-11-24', format: 'csv', out });
  const [header, row] = parseCsvStrict(readFileSync(out, 'utf8').slice(1));
  assert.deepEqual(header!.slice(0, 3), ['Sale number', 'Till', 'Receipt number']);
  assert.deepEqual(row!.slice(0, 3), [String(sale.id), code, receiptNumber(code, sale.id)]);
});
