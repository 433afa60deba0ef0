/**
 * A ledger at schema 15 (written by the POS before sales and tenders were split: fixtures/README.md)
 * is upgraded by migrations 016 and 017 without losing a row: old sale N is sale N with KHQR tender N, a
 * paid one completed, its history tender N's, its alert on tender N; the chain, the projections
 * (folded from the v1 rows) and the stored format-1 Z report all still verify; and the old sales
 * go on in the new model: a QR carried over is paid, an expired sale gets a New QR under its own
 * number, and its first QR paid late is an overpayment.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Alerts } from '../../../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger } from '../../../../src/host/ledger/database.ts';
import { checkLedgerGuards } from '../../../../src/host/ledger/guards.ts';
import { verifyChain, verifyProjection } from '../../../../src/host/ledger/journal/verify.ts';
import { MIGRATIONS } from '../../../../src/host/ledger/migrations/index.ts';
import { PrintJobs } from '../../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../../src/host/ledger/shifts.ts';
import { REPORT_FORMAT, verifyZReports } from '../../../../src/host/reports/shift-report.ts';
import { tempDir } from '../../../support/temp.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'schema-15.sqlite3');
const PAYABLE = ['awaiting_payment', 'expired', 'cancelled'] as const;

function upgraded(t: { after(fn: () => void): void }) {
  const dir = tempDir(t);
  copyFileSync(FIXTURE, join(dir, LEDGER_FILE));
  const db = openLedger(dir);
  t.after(() => db.close());
  return db;
}

test('schema 15 → 17: every sale becomes sale N with KHQR tender N, paid ones completed, history and alerts kept, and everything verifies', (t) => {
  const db = upgraded(t);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version, 'and every later migration');
  const sales = db.prepare('SELECT id, status, due_currency, due_amount, training, completed_at IS NOT NULL AS completed, paid_late FROM sales ORDER BY id').all();
  assert.deepEqual(sales.map((s) => Object.values(s as object)), [
    [1, 'completed', 'USD', 1050, 0, 1, 0],
    [2, 'completed', 'USD', 420, 0, 1, 1],
    [3, 'open', 'USD', 300, 0, 0, 0],
    [4, 'open', 'USD', 250, 0, 0, 0],
    [5, 'open', 'USD', 99, 0, 0, 0],
    [6, 'completed', 'USD', 500, 1, 1, 0],
    [7, 'open', 'USD', 777, 0, 0, 0],
    [8, 'open', 'USD', 640, 0, 0, 0],
  ]);
  const tenders = db.prepare('SELECT id, sale_id, kind, currency, amount, status, paid_late, overpaid FROM tenders ORDER BY id').all();
  assert.deepEqual(tenders.map((s) => Object.values(s as object)), [
    [1, 1, 'khqr', 'USD', 1050, 'paid', 0, 0],
    [2, 2, 'khqr', 'USD', 420, 'paid', 1, 0],
    [3, 3, 'khqr', 'USD', 300, 'expired', 0, 0],
    [4, 4, 'khqr', 'USD', 250, 'cancelled', 0, 0],
    [5, 5, 'khqr', 'USD', 99, 'failed', 0, 0],
    [6, 6, 'khqr', 'USD', 500, 'paid', 0, 0],
    [7, 7, 'khqr', 'USD', 777, 'awaiting_payment', 0, 0],
    [8, 8, 'khqr', 'USD', 640, 'creating', 0, 0],
  ]);
  // Sale 1's history, as it was: now tender 1's.
  assert.deepEqual(db.prepare('SELECT from_status, to_status FROM tender_events WHERE tender_id = 1 ORDER BY id').all(),
    [{ from_status: null, to_status: 'creating' }, { from_status: 'creating', to_status: 'awaiting_payment' }, { from_status: 'awaiting_payment', to_status: 'paid' }]);
  assert.deepEqual(db.prepare('SELECT id, sale_id, tender_id, kind, previous_status FROM alerts').all(), [{ id: 1, sale_id: 2, tender_id: 2, kind: 'paid_late', previous_status: 'expired' }]);
  assert.deepEqual(db.prepare("SELECT sale_id, kind, status FROM print_jobs WHERE kind = 'receipt' ORDER BY sale_id").all(),
    [{ sale_id: 1, kind: 'receipt', status: 'printed' }, { sale_id: 2, kind: 'receipt', status: 'queued' }, { sale_id: 6, kind: 'receipt', status: 'queued' }]);
  const ledger = new SalesLedger(db);
  assert.equal(ledger.get(2)!.status, 'paid');
  assert.equal(ledger.get(2)!.paidLate, true);
  assert.equal(new Alerts(db).open()[0]!.amountCents, 420);
  assert.deepEqual(ledger.unresolved().map((tender) => [tender.saleId, tender.status]), [[7, 'awaiting_payment'], [8, 'creating']]);

  assert.ok(checkLedgerGuards(db).ok);
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 8, problem: null });
  const z1 = db.prepare('SELECT report FROM z_reports WHERE shift = 1').pluck().get() as string;
  assert.equal((JSON.parse(z1) as { format: number }).format, 1, 'the Z stored before the upgrade is in format 1');
  assert.equal(verifyZReports(db), null, 'and still equals its shift\'s journal, recomputed in its own format');
});

test('old sales go on in the new model: the carried-over QR is paid, an expired one gets a New QR under its own number, its first QR paid late is an overpayment; Z2 verifies', (t) => {
  let clock = Date.parse('2026-11-30T05:00:00Z');
  const now = () => (clock += 1000);
  const db = upgraded(t);
  const sales = new SalesLedger(db, now);
  const tables = { db, sales, printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  const shifts = new Shifts(db, now);

  // Sale 7, opened under v1 rows and carried over by Z1: its tender 7 is paid with a tender.paid row.
  const carried = recordPayment(tables, 7, 'payment confirmed by the API', PAYABLE)!;
  assert.deepEqual([carried.completed, carried.sale.id, carried.sale.saleStatus], [true, 7, 'completed']);

  // Sale 3 expired before the upgrade: a New QR is tender 9 of sale 3.
  const fresh = sales.addTender(3, 'https://api.test');
  assert.deepEqual([fresh.id, fresh.saleId, fresh.amountCents], [9, 3, 300]);
  sales.attachQr(fresh.id, { md5: 'f'.repeat(32), khqrString: 'NEW-KHQR', expiresAt: clock + 600_000, payTo: 'shop@aclb' });
  assert.equal(recordPayment(tables, fresh.id, 'ok', PAYABLE)!.sale.saleStatus, 'completed');
  const over = recordPayment(tables, 3, 'paid after the QR was expired', PAYABLE)!;
  assert.equal(over.overpaid, true);
  assert.deepEqual(tables.alerts.open().map((alert) => [alert.saleId, alert.kind]), [[2, 'paid_late'], [3, 'overpaid']]);

  assert.deepEqual(verifyProjection(db), { ok: true, sales: 8, problem: null });
  const x = shifts.xReport();
  // Takings are the two sales completed (report format 8); the overpayment on sale 3 is apart, owed back.
  assert.deepEqual(x.takings.byTender.khqr, { count: 2, cents: 777 + 300, riel: 31_900 + 12_300 });
  assert.deepEqual(x.overpaid?.sales, [3]);
  assert.deepEqual([x.overpaid?.count, x.overpaid?.cents], [1, 300]);
  // Sale 8 was left creating by the old POS: its tender fails at the next start; nothing else is pending.
  sales.markFailed(8, { code: 'payment.interrupted' }, 'system');
  const z2 = shifts.close();
  assert.equal(z2.format, REPORT_FORMAT);
  assert.deepEqual(z2.unresolved, []);
  assert.equal(verifyZReports(db), null);
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 8, problem: null });
});
