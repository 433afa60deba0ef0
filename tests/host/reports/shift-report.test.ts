/**
 * X and Z reports (src/host/reports/shift-report.ts) computed from the journal rows of a shift:
 * every kind of sale a shift can hold, summed to the cent and to the riel at each sale's own rate;
 * the Z equals the sum of its shift's journal; `ledger verify --anchor` accepts the Z's anchor.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { centsToRiel } from '../../../src/shared/money.ts';
import { hostMessage } from '../../../src/shared/messages/index.ts';
import { runLedgerCli } from '../../support/ledger-cli.ts';
import { tempDir } from '../../support/temp.ts';

const BASE = { khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };

function ledger(t: TestContext) {
  const clock = { at: Date.parse('2026-12-01T02:00:00Z') };
  const now = () => (clock.at += 1000);
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  return { dir, db, tables, sales: tables.sales, shifts: new Shifts(db, now) };
}

/** One shift holding every kind of sale; returns their numbers. */
function busyShift(tables: ReturnType<typeof ledger>['tables']) {
  const { sales } = tables;
  let n = 0;
  const sell = (amountCents: number, extra: { khrPerUsd?: number; training?: boolean; payTo?: string } = {}) => {
    const sale = sales.create({ ...BASE, amountCents, khrPerUsd: extra.khrPerUsd ?? BASE.khrPerUsd, training: extra.training ?? false });
    n += 1;
    sales.attachQr(sale.id, { md5: n.toString(16).padStart(32, '0'), khqrString: `KHQR-${n}`, expiresAt: 9_999_999_999_999, payTo: extra.payTo ?? 'shop@aclb' });
    return sale.id;
  };
  const paid = sell(1050);
  recordPayment(tables, paid, 'paid', ['awaiting_payment']);
  const expired = sell(300);
  sales.markExpired(expired, 'QR expired');
  const cancelled = sell(250, { khrPerUsd: 4000 });
  sales.markCancelled(cancelled, 'cashier cancelled');
  const failed = sales.create({ ...BASE, amountCents: 99 }).id;
  sales.markFailed(failed, hostMessage('payment.qrNotRecorded'));
  const training = sell(500, { training: true });
  recordPayment(tables, training, 'paid', ['awaiting_payment']);
  const elsewhere = sell(700, { khrPerUsd: 4050, payTo: 'other@aclb' });
  recordPayment(tables, elsewhere, 'paid', ['awaiting_payment']);
  const late = sell(420);
  sales.markExpired(late, 'QR expired');
  recordPayment(tables, late, 'paid after expiry', ['awaiting_payment', 'expired']);
  return { paid, expired, cancelled, failed, training, elsewhere, late };
}

/** An independent fold of the journal: each outcome row's tender, at its sale's own rate. */
function journalSum(db: Db, type: string, filter: (sale: { training: boolean; payTo: string | null; bakongId: string }, payload: Record<string, unknown>) => boolean) {
  const rows = db.prepare('SELECT type, payload FROM journal ORDER BY seq').all() as Array<{ type: string; payload: string }>;
  const sales = new Map<number, { khrPerUsd: number; training: boolean; bakongId: string }>();
  const tenders = new Map<number, { sale: number; amount: number; payTo: string | null }>();
  const sum = { count: 0, cents: 0, riel: 0 };
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Record<string, unknown>;
    if (row.type === 'sale.opened') sales.set(p.sale as number, { khrPerUsd: p.khrPerUsd as number, training: p.training as boolean, bakongId: p.bakongId as string });
    if (row.type === 'tender.opened') tenders.set(p.tender as number, { sale: p.sale as number, amount: p.amount as number, payTo: null });
    if (row.type === 'tender.qrIssued') tenders.get(p.tender as number)!.payTo = p.payTo as string;
    if (row.type === type) {
      const tender = tenders.get(p.tender as number)!;
      const s = sales.get(tender.sale)!;
      if (!filter({ ...s, payTo: tender.payTo }, p)) continue;
      sum.count += 1;
      sum.cents += tender.amount;
      sum.riel += centsToRiel(tender.amount, s.khrPerUsd);
    }
  }
  return sum;
}

test('the X report of a busy shift equals the journal\'s sums, to the cent and the riel, each sale at its own rate', (t) => {
  const { db, tables, shifts } = ledger(t);
  const s = busyShift(tables);
  const x = shifts.xReport();
  assert.equal(x.kind, 'X');
  assert.equal(x.shift, 1);
  assert.equal(x.businessDate, '2026-12-01');
  // Figures worked by hand: riel = round(cents × rate / 100) to the 100 riel, per sale.
  assert.deepEqual(x.takings, { count: 2, cents: 1050 + 420, riel: 43_100 + 17_200, byTender: { khqr: { count: 2, cents: 1470, riel: 60_300 } } });
  assert.deepEqual(x.byStatus, {
    opened: { count: 6, cents: 1050 + 300 + 250 + 99 + 700 + 420, riel: 43_100 + 12_300 + 10_000 + 4_100 + 28_400 + 17_200 },
    paid: { count: 3, cents: 1050 + 700 + 420, riel: 43_100 + 28_400 + 17_200 },
    paidLate: { count: 1, cents: 420, riel: 17_200 },
    expired: { count: 2, cents: 300 + 420, riel: 12_300 + 17_200 },
    cancelled: { count: 1, cents: 250, riel: 10_000 },
    failed: { count: 1, cents: 99, riel: 4_100 },
  });
  assert.deepEqual(x.otherAccount, { count: 1, cents: 700, riel: 28_400, sales: [s.elsewhere], accounts: [{ sale: s.elsewhere, account: 'other@aclb' }] });
  assert.equal(x.envOverrides, null, 'no environment override was journaled');
  assert.deepEqual(x.training.opened, { count: 1, cents: 500, riel: 20_500 });
  assert.deepEqual(x.training.paid, { count: 1, cents: 500, riel: 20_500 });
  assert.deepEqual(x.paidLate, [s.late]);
  assert.deepEqual(x.cancelled, [s.cancelled]);
  assert.deepEqual(x.failed, [s.failed]);
  assert.deepEqual(x.unresolved, []);
  assert.equal(x.firstSale?.sale, s.paid);
  assert.equal(x.lastSale?.sale, s.late);

  // The same figures folded independently from the journal.
  const own = (sale: { training: boolean; payTo: string | null; bakongId: string }) => !sale.training && sale.payTo === sale.bakongId;
  const { count, cents, riel } = x.takings;
  assert.deepEqual({ count, cents, riel }, journalSum(db, 'tender.paid', own));
  assert.deepEqual(x.byStatus.paidLate, journalSum(db, 'tender.paid', (sale, p) => !sale.training && p.late === true));
  assert.deepEqual(x.byStatus.expired, journalSum(db, 'tender.expired', (sale) => !sale.training));
  assert.deepEqual(x.byStatus.cancelled, journalSum(db, 'tender.cancelled', (sale) => !sale.training));
  assert.deepEqual(x.byStatus.failed, journalSum(db, 'tender.failed', (sale) => !sale.training));
  assert.deepEqual(x.training.paid, journalSum(db, 'tender.paid', (sale) => sale.training));
  const other = x.otherAccount;
  assert.deepEqual({ count: other.count, cents: other.cents, riel: other.riel }, journalSum(db, 'tender.paid', (sale) => !sale.training && sale.payTo !== sale.bakongId));
});

test('the Z report is the X report at the close, stored as closed; verify recomputes it from the journal; ledger verify --anchor accepts its anchor', async (t) => {
  const { dir, db, tables, shifts } = ledger(t);
  busyShift(tables);
  const x = shifts.xReport();
  const z = shifts.close();
  assert.deepEqual({ ...z, kind: 'X', zNumber: null, closedAt: null }, x);
  assert.deepEqual(shifts.zReport(1), z);
  assert.equal(verifyZReports(db), null);

  const run = await runLedgerCli(['verify', '--anchor', `${z.anchor.seq}:${z.anchor.hash16}`], dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, new RegExp(`matches the anchor ${z.anchor.seq}:${z.anchor.hash16}`));
  assert.match(run.stdout, /ok +shifts and Z reports: 1 shift\(s\) match the journal; all 1 Z report\(s\) equal the sum of their shift's journal rows/);
});

test('while no shift is open, the X report covers what was journaled since the last close', (t) => {
  const { tables, sales, shifts } = ledger(t);
  const id = sales.create({ ...BASE, amountCents: 800 }).id;
  sales.attachQr(id, { md5: 'f'.repeat(32), khqrString: 'KHQR-F', expiresAt: 9_999_999_999_999, payTo: 'shop@aclb' });
  const z = shifts.close({ carryOver: true });
  sales.markExpired(id, 'QR expired');
  const x = shifts.xReport();
  assert.equal(x.shift, null);
  assert.equal(x.fromSeq, z.anchor.seq + 2, 'from the row after shift.closed');
  assert.deepEqual(x.byStatus.expired, { count: 1, cents: 800, riel: centsToRiel(800, 4100) });
  assert.deepEqual(x.unresolved, []);
  recordPayment(tables, id, 'paid late', ['awaiting_payment', 'expired']);
  const two = shifts.xReport();
  assert.equal(two.shift, 2);
  assert.equal(two.fromSeq, x.fromSeq, 'the expiry after the close belongs to shift 2');
  assert.deepEqual(two.byStatus.expired, x.byStatus.expired);
  assert.equal(two.takings.cents, 800);
});
