/**
 * A sale and its tenders (issue 8 part 3): New QR adds a KHQR tender to the same sale; the sale
 * completes when its paid tenders cover what is due; a payment on a sale already covered is recorded,
 * never lost, and raised to the cashier as an overpayment (alert, X/Z, export); a late payment on an
 * ended QR of a sale not yet covered completes it, paid late, as before. The journal, the tables and
 * the X report agree throughout (verifyProjection, verifyZReports).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseCsvStrict } from '../export/csv-parse.ts';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger, TransitionRefused } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { canonicalJson } from '../../../src/host/ledger/journal/canonical.ts';
import { REPORT_FORMAT, verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { englishText, hostMessageText } from '../../../src/shared/messages/index.ts';
import { tempDir } from '../../support/temp.ts';
import { asFormat } from '../../support/z-formats.ts';
import { readFileSync } from 'node:fs';

const SALE = { amountCents: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };
const PAYABLE = ['awaiting_payment', 'expired', 'cancelled'] as const;

function shop(t: TestContext) {
  const clock = { at: Date.parse('2026-12-01T03:00:00Z') };
  const now = () => (clock.at += 1000);
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const sales = new SalesLedger(db, now);
  const tables = { db, sales, printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  let n = 0;
  const qr = (tender: number) => sales.attachQr(tender, { md5: (++n).toString(16).padStart(32, '0'), khqrString: `KHQR-${n}`, expiresAt: clock.at + 600_000, payTo: 'shop@aclb' });
  return { dir, db, sales, tables, qr, shifts: new Shifts(db, now) };
}

test('New QR after expiry adds a second KHQR tender to the same sale, for what is still due, and its payment completes the sale', (t) => {
  const { db, sales, tables, qr } = shop(t);
  const first = sales.create(SALE);
  qr(first.id);
  sales.markExpired(first.id, 'QR expired');
  assert.equal(sales.get(first.saleId)!.saleStatus, 'open', 'an expired QR leaves the sale open, nothing paid');
  const second = sales.addTender(first.saleId, 'https://api.test');
  assert.equal(second.saleId, first.saleId, 'the same sale, the same number on screen and receipt');
  assert.notEqual(second.id, first.id);
  assert.equal(second.amountCents, 1050);
  assert.throws(() => sales.addTender(first.saleId, 'x'), TransitionRefused, 'one pending tender at a time');
  qr(second.id);
  const paid = recordPayment(tables, second.id, 'ok', PAYABLE)!;
  assert.deepEqual([paid.completed, paid.overpaid, paid.sale.saleStatus, paid.sale.status, paid.sale.tenderId], [true, false, 'completed', 'paid', second.id]);
  assert.deepEqual(paid.sale.tenders.map((x) => [x.id, x.status]), [[first.id, 'expired'], [second.id, 'paid']]);
  assert.deepEqual(tables.printJobs.latest(10).map((job) => [job.saleId, job.kind]), [[first.saleId, 'receipt']], 'one receipt, for the sale');
  assert.throws(() => sales.addTender(first.saleId, 'x'), TransitionRefused, 'a completed sale takes no new tender');
  assert.deepEqual(tables.alerts.open(), []);
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 1, problem: null });
});

test('the first, expired QR paid late after the second was paid: recorded, never lost, an overpayment raised to the cashier in both languages, counted on the X and in the export', async (t) => {
  const { dir, db, sales, tables, qr, shifts } = shop(t);
  const first = sales.create(SALE);
  qr(first.id);
  sales.markExpired(first.id, 'QR expired');
  const second = sales.addTender(first.saleId, 'https://api.test');
  qr(second.id);
  recordPayment(tables, second.id, 'ok', PAYABLE);
  const late = recordPayment(tables, first.id, 'paid after the QR was expired', PAYABLE)!;
  assert.deepEqual([late.completed, late.overpaid, late.tender.status, late.tender.overpaid], [false, true, 'paid', true]);
  assert.equal(late.sale.tenderId, second.id, 'the sale still shows the tender that completed it');
  assert.equal(late.sale.paidAt, sales.getTender(second.id)!.paidAt, 'completed once, when the second QR was paid');
  assert.equal(tables.printJobs.latest(10).length, 1, 'no second receipt');
  const [alert] = tables.alerts.open();
  assert.equal(alert?.kind, 'overpaid');
  assert.deepEqual(alert?.message, { code: 'alert.overpaid', params: { sale: first.saleId, amount: '$10.50' } });
  assert.match(englishText(alert!.message), /Overpaid: sale #1 was already paid, and another \$10\.50 arrived for it/);
  assert.match(hostMessageText(alert!.message, 'km'), /បង់លើស៖ ការលក់ #1/);
  assert.equal(recordPayment(tables, first.id, 'again', PAYABLE), null, 'paid once');

  // The cashier's day totals: one paid sale at its amount (not two paid tenders), the overpayment apart, owed back.
  const totals = sales.totals(Date.parse('2026-12-01T03:00:00Z'));
  assert.deepEqual([totals.paidCount, totals.paidCents, totals.overpaidCount, totals.overpaidCents], [1, 1050, 1, 1050]);

  const x = shifts.xReport();
  assert.deepEqual(x.overpaid, { count: 1, cents: 1050, riel: 43_100, sales: [first.saleId] });
  // Takings are the sale, once (report format 8); the second payment is apart, owed back.
  assert.deepEqual(x.takings.byTender.khqr, { count: 1, cents: 1050, riel: 43_100 });
  assert.deepEqual(x.takingsByTender?.khqr, { count: 1, amount: 1050, exact: 1050 * 4100 });
  assert.deepEqual(x.paidLate, [], 'the sale was completed by its second QR, on time; the late one is the overpayment');
  assert.deepEqual(x.byStatus.opened, { count: 1, cents: 1050, riel: 43_100 }, 'one sale opened');
  assert.deepEqual(x.unpaid, []);
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 1, problem: null });

  // The close's Z equals the journal; its export agrees with it to the cent, the overpayment included.
  const z = shifts.close();
  assert.equal(z.format, REPORT_FORMAT);
  assert.equal(verifyZReports(db), null);
  const out = join(dir, 'z1.csv');
  const result = await exportSales(db, { z: 1, format: 'csv', out });
  assert.deepEqual(result.overpaid, { count: 1, cents: 1050, riel: 43_100 });
  assert.deepEqual(result.takings, { count: z.takings.count, cents: z.takings.cents, riel: z.takings.riel });
  const [header, row] = parseCsvStrict(readFileSync(out).subarray(3).toString('utf8'));
  assert.equal(row![header!.indexOf('Tenders')], '2');
  assert.equal(row![header!.indexOf('Overpaid USD')], '10.50');
  assert.equal(row![header!.indexOf('Status')], 'paid');
  const range = await exportSales(db, { from: '2026-12-01', to: '2026-12-01', format: 'csv', out: join(dir, 'day.csv') });
  assert.deepEqual(range.takings, result.takings, 'the day\'s export counts the overpayment in the takings as the Z does');
  assert.deepEqual(range.overpaid, result.overpaid);
});

test('a late payment on an ended QR of a sale not yet covered completes the sale, paid late, and cancels the QR that replaced it', (t) => {
  const { db, sales, tables, qr } = shop(t);
  const first = sales.create(SALE);
  qr(first.id);
  sales.markCancelled(first.id, 'cashier cancelled');
  const second = sales.addTender(first.saleId, 'https://api.test');
  qr(second.id);
  const late = recordPayment(tables, first.id, 'paid after the QR was cancelled', PAYABLE)!;
  assert.deepEqual([late.completed, late.overpaid, late.sale.saleStatus, late.sale.paidLate, late.sale.tenderId], [true, false, 'completed', true, first.id]);
  assert.equal(sales.getTender(second.id)!.status, 'cancelled', 'the second QR is no longer needed');
  assert.deepEqual(sales.unresolved(), [], 'the till is free');
  assert.deepEqual(tables.alerts.open().map((a) => [a.kind, a.message.code]), [['paid_late', 'alert.paidAfterCancel']]);
  // The customer pays the second QR too (it is still checked through its grace period): an overpayment.
  const again = recordPayment(tables, second.id, 'paid after the QR was cancelled', PAYABLE)!;
  assert.deepEqual([again.completed, again.overpaid], [false, true]);
  assert.deepEqual(tables.alerts.open().map((a) => a.kind), ['paid_late', 'overpaid']);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 1, problem: null });
});

test('a sale abandoned with nothing paid stays open: the X lists it as unpaid, and no tender keeps the till busy', (t) => {
  const { db, sales, qr, shifts } = shop(t);
  const first = sales.create(SALE);
  qr(first.id);
  sales.markExpired(first.id, 'QR expired');
  const x = shifts.xReport();
  assert.deepEqual(x.unpaid, [first.saleId]);
  assert.deepEqual(x.unresolved, []);
  assert.equal(sales.get(first.saleId)!.saleStatus, 'open');
  assert.equal(verifyZReports(db), null);

  // A Z closed in format 2 (cash control, before tenders) is recomputed in format 2: no tender lines.
  const z = shifts.close();
  const format2 = asFormat(z, 2);
  db.exec('DROP TRIGGER z_reports_never_updated');
  db.prepare('UPDATE z_reports SET report = ? WHERE shift = 1').run(canonicalJson(format2));
  assert.equal(verifyZReports(db), null);
  db.prepare('UPDATE z_reports SET report = ? WHERE shift = 1').run(canonicalJson({ ...format2, format: 3 }));
  assert.match(verifyZReports(db)?.text ?? '', /differs from the sum of shift 1's journal rows/, 'a format-3 Z without its tender lines is named');
});
