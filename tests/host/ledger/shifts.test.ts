/**
 * Shifts as ranges of the till's journal (src/host/ledger/shifts.ts): the first sale opens one with
 * its Phnom Penh business date, a close is numbered, anchored, stored immutably and never repeated,
 * a payment journaled after a close opens the next shift (by `system`), and a close while a QR is
 * still watched is refused unless carried over.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { readTill } from '../../../src/host/ledger/journal/till.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { ShiftRefused, Shifts, businessDate } from '../../../src/host/ledger/shifts.ts';
import { verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { tempDir } from '../../support/temp.ts';
import { asActor } from '../../../src/host/auth/actor-context.ts';

const SALE = { amountCents: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };

function ledger(t: TestContext, start = Date.parse('2026-12-01T03:00:00Z')) {
  const clock = { at: start };
  const now = () => clock.at;
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => { if (db.open) db.close(); });
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  return { dir, clock, db, tables, sales: tables.sales, shifts: new Shifts(db, now) };
}

function journal(db: Db) {
  return db.prepare('SELECT seq, actor, at, type, version, payload, hash FROM journal ORDER BY seq').all() as Array<{
    seq: number; actor: string; at: number; type: string; version: number; payload: string; hash: string;
  }>;
}

let md5Counter = 0;
function qr(sales: SalesLedger, id: number, payTo = 'shop@aclb') {
  md5Counter += 1;
  return sales.attachQr(id, { md5: md5Counter.toString(16).padStart(32, '0'), khqrString: `KHQR-${md5Counter}`, expiresAt: 9_999_999_999_999, payTo });
}

test('business date is the Asia/Phnom_Penh calendar date, with a fixed +7 h offset', () => {
  assert.equal(businessDate(Date.parse('2026-12-01T16:59:59.999Z')), '2026-12-01');
  assert.equal(businessDate(Date.parse('2026-12-01T17:00:00.000Z')), '2026-12-02');
  assert.equal(businessDate(Date.parse('2026-12-31T17:00:00Z')), '2027-01-01');
});

for (const [at, date] of [['2026-12-01T16:59:59Z', '2026-12-01'], ['2026-12-01T17:00:00Z', '2026-12-02']] as const) {
  test(`the first sale at ${at} opens shift 1 dated ${date}, in the sale's transaction, just before its row`, (t) => {
    const { db, sales, shifts } = ledger(t, Date.parse(at));
    assert.equal(shifts.current(), null);
    // Sold by a signed-in user (a command runs as them): the shift is opened by them.
    const user = 'user:5d1f0c2a-9b7e-4c3d-8a6f-1e2d3c4b5a60' as const;
    asActor(user, () => sales.create(SALE));
    const open = shifts.current()!;
    assert.equal(open.shift, 1);
    assert.equal(open.businessDate, date);
    assert.equal(open.reason, 'first_sale');
    assert.equal(open.openedBy, user);
    const rows = journal(db);
    assert.deepEqual(rows.map((r) => r.type), ['till.created', 'settings.snapshot', 'shift.opened', 'sale.opened', 'tender.opened']);
    assert.deepEqual(JSON.parse(rows[2]!.payload), { shift: 1, businessDate: date, reason: 'first_sale' });
    assert.equal(open.openedSeq, 3);
    // A second sale stays in the same shift.
    sales.create(SALE);
    assert.equal(journal(db).filter((r) => r.type === 'shift.opened').length, 1);
    assert.equal(verifyZReports(db), null);
  });
}

test('a journal write that fails opens no shift (one transaction with the sale)', (t) => {
  const { db, sales, shifts } = ledger(t);
  db.exec(`CREATE TEMP TRIGGER sale_fails BEFORE INSERT ON main.journal WHEN NEW.type = 'sale.opened' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
  assert.throws(() => sales.create(SALE), /disk trouble/);
  assert.equal(shifts.current(), null);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM shifts').get() as { n: number }).n, 0);
});

test('close: Z 1 numbered <till>-Z1, anchored at the journal head, stored; a second close is refused in words; a late payment opens shift 2 by system', (t) => {
  const { db, clock, tables, sales, shifts } = ledger(t);
  const paid = sales.create(SALE);
  qr(sales, paid.id);
  recordPayment(tables, paid.id, 'paid', ['awaiting_payment']);
  const ended = sales.create({ ...SALE, amountCents: 300 });
  qr(sales, ended.id);
  sales.markExpired(ended.id, 'QR expired');
  const headBefore = journal(db).at(-1)!;

  clock.at += 60_000;
  const z = shifts.close();
  const code = readTill(db)!.code;
  assert.equal(z.kind, 'Z');
  assert.equal(z.zNumber, `${code}-Z1`);
  assert.deepEqual(z.anchor, { seq: headBefore.seq, hash16: headBefore.hash.slice(0, 16) });
  assert.equal(z.takings.cents, 1050);
  const closedRow = journal(db).at(-1)!;
  assert.equal(closedRow.type, 'shift.closed');
  assert.equal(closedRow.version, 2, 'shift.closed v2: with the count (none here)');
  assert.deepEqual(JSON.parse(closedRow.payload), { shift: 1, zNumber: `${code}-Z1`, lastSeq: headBefore.seq, headHash16: headBefore.hash.slice(0, 16), count: null });
  assert.equal(shifts.current(), null);
  assert.deepEqual(shifts.zReport(1), z);
  assert.deepEqual(shifts.zReports(), [{ shift: 1, zNumber: `${code}-Z1`, businessDate: '2026-12-01', closedAt: z.closedAt, takings: { count: 1, cents: 1050, riel: 43_100 }, anchor: z.anchor }]);

  assert.throws(() => shifts.close(), (error: unknown) =>
    error instanceof ShiftRefused && error.text.code === 'shift.alreadyClosed' && /Shift 1 is already closed \([2-9A-Z]{6}-Z1\)/.test(error.message));
  assert.equal(journal(db).filter((r) => r.type === 'shift.closed').length, 1);

  // The expired sale is paid after the close: the POS opens shift 2, and the money counts there.
  clock.at += 60_000;
  recordPayment(tables, ended.id, 'paid late', ['awaiting_payment', 'expired']);
  const two = shifts.current()!;
  assert.deepEqual({ shift: two.shift, reason: two.reason, openedBy: two.openedBy }, { shift: 2, reason: 'late_payment', openedBy: 'system' });
  const tail = journal(db).slice(-4).map((r) => [r.type, r.actor]);
  assert.deepEqual(tail, [['shift.opened', 'system'], ['tender.paid', 'system'], ['sale.completed', 'system'], ['alert.raised', 'system']]);
  const x = shifts.xReport();
  assert.equal(x.shift, 2);
  assert.equal(x.fromSeq, closedRow.seq + 1);
  assert.deepEqual({ count: x.takings.count, cents: x.takings.cents }, { count: 1, cents: 300 });
  assert.deepEqual(x.paidLate, [ended.id]);
  assert.equal(shifts.zReport(1)!.takings.cents, 1050, 'the stored Z 1 does not change');

  const z2 = shifts.close();
  assert.equal(z2.zNumber, `${code}-Z2`);
  assert.ok(verifyChain(db).ok);
  assert.ok(verifyProjection(db).ok);
  assert.equal(verifyZReports(db), null);
});

test('closing while a QR is still watched is refused unless carried over; its outcome then counts in the next shift', (t) => {
  const { db, tables, sales, shifts } = ledger(t);
  const watched = sales.create(SALE);
  qr(sales, watched.id);
  assert.throws(() => shifts.close(), (error: unknown) =>
    error instanceof ShiftRefused && error.text.code === 'shift.paymentWatched' && error.text.params?.count === 1 && /1 payment\(s\) still being watched \(#1\)/.test(error.message));
  assert.equal(shifts.current()!.shift, 1, 'still open');
  assert.equal(journal(db).filter((r) => r.type === 'shift.closed').length, 0);

  const z = shifts.close({ carryOver: true });
  assert.deepEqual(z.unresolved, [{ sale: watched.id, status: 'awaiting_payment', amountCents: 1050 }]);
  assert.equal(z.takings.cents, 0);
  recordPayment(tables, watched.id, 'paid', ['awaiting_payment']);
  const x = shifts.xReport();
  assert.equal(x.shift, 2);
  assert.equal(x.takings.cents, 1050);
  assert.deepEqual(x.unresolved, []);
  assert.equal(verifyZReports(db), null);
});

test('an explicit open: refused while one is open; a shift then opened by the owner has reason explicit', (t) => {
  const { sales, shifts } = ledger(t);
  const opened = shifts.open();
  assert.deepEqual({ shift: opened.shift, reason: opened.reason }, { shift: 1, reason: 'explicit' });
  assert.throws(() => shifts.open(), (error: unknown) => error instanceof ShiftRefused && error.text.code === 'shift.alreadyOpen');
  sales.create(SALE);
  assert.equal(shifts.current()!.shift, 1);
});

test('the stored Z cannot be altered: update, delete, insert-or-replace and reopening are refused; a rewrite with the guards dropped is named by verify', (t) => {
  const { dir, db, tables, sales, shifts } = ledger(t);
  const sale = sales.create(SALE);
  qr(sales, sale.id);
  recordPayment(tables, sale.id, 'paid', ['awaiting_payment']);
  shifts.close();
  db.close();
  const file = new Database(join(dir, LEDGER_FILE));
  t.after(() => file.close());
  file.pragma('recursive_triggers = OFF');
  assert.throws(() => file.prepare(`UPDATE z_reports SET report = replace(report, '1050', '1')`).run(), /a Z report cannot change/);
  assert.throws(() => file.prepare('DELETE FROM z_reports').run(), /Z reports are never deleted/);
  assert.throws(() => file.prepare(`INSERT OR REPLACE INTO z_reports (shift, z_number, last_seq, head_hash16, closed_at, report)
    SELECT shift, z_number, last_seq, head_hash16, closed_at, '{}' FROM z_reports`).run(), /a Z report is written once/);
  assert.throws(() => file.prepare('UPDATE shifts SET closed_seq = NULL').run(), /a closed shift cannot change/);
  assert.throws(() => file.prepare('DELETE FROM shifts').run(), /shifts are never deleted/);
  assert.throws(() => file.prepare(`INSERT OR REPLACE INTO shifts (shift, business_date, reason, opened_by, opened_at, opened_seq)
    VALUES (1, '2026-01-01', 'explicit', 'cashier', 0, 2)`).run(), /a shift opens once/);

  file.exec('DROP TRIGGER z_reports_never_updated');
  file.prepare(`UPDATE z_reports SET report = replace(report, '"cents":1050', '"cents":1')`).run();
  const found = verifyZReports(file);
  assert.equal(found?.shift, 1);
  assert.match(found!.text, /Z report [2-9A-Z]{6}-Z1 differs from the sum of shift 1's journal rows/);
});
