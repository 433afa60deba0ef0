import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, LedgerError, openLedger } from '../../../src/host/ledger/database.ts';
import { buildKhqr } from '../../../src/host/khqr/index.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { tempDir } from '../../support/temp.ts';

const NEW_SALE = {
  amountCents: 1050, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
};
const QR = { md5: 'a'.repeat(32), khqrString: '000201…', expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' };

test('the ledger is a real SQLite file in the data directory, WAL with synchronous=FULL, at the latest schema', (t) => {
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  assert.equal(db.name, join(dir, LEDGER_FILE));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version);
});

test('reopening applies nothing twice; a ledger from a newer build is refused untouched', (t) => {
  const dir = tempDir(t);
  openLedger(dir).close();
  const again = openLedger(dir);
  const applied = again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
  assert.equal(applied.n, MIGRATIONS.length);
  again.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?, ?)').run('future', 'x', Date.now());
  again.close();
  assert.throws(() => openLedger(dir), (error: Error) => error instanceof LedgerError && /newer version/.test(error.message));
});

test('a ledger whose applied migration differs from this build is refused', (t) => {
  const dir = tempDir(t);
  openLedger(dir).close();
  const raw = new Database(join(dir, LEDGER_FILE));
  raw.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = 1').run('tampered');
  raw.close();
  assert.throws(() => openLedger(dir), /does not match this build/);
});

test('a sale moves creating → awaiting → paid, with every step in its history', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  assert.equal(sale.status, 'creating');
  assert.equal(ledger.attachQr(sale.id, QR).status, 'awaiting_payment');
  const paid = ledger.markPaid(sale.id, 'confirmed');
  assert.equal(paid?.tender.status, 'paid');
  assert.ok(paid?.tender.paidAt);
  assert.equal(paid?.sale.saleStatus, 'completed', 'one tender covering what is due completes the sale');
  assert.equal(paid?.sale.paidAt, paid?.tender.paidAt);
  assert.deepEqual(ledger.history(sale.id).map((e) => e.to), ['creating', 'awaiting_payment', 'paid']);
});

test('a sale is recorded paid once: a second markPaid records nothing', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  ledger.attachQr(sale.id, QR);
  assert.ok(ledger.markPaid(sale.id, 'first'));
  assert.equal(ledger.markPaid(sale.id, 'second', ['awaiting_payment', 'expired', 'cancelled', 'paid']), null);
  assert.equal(ledger.history(sale.id).filter((e) => e.to === 'paid').length, 1);
});

test('the schema itself refuses to rewrite money or history', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  ledger.attachQr(sale.id, QR);
  ledger.markPaid(sale.id, 'ok');
  assert.throws(() => db.prepare('UPDATE sales SET due_amount = 1 WHERE id = ?').run(sale.saleId), /cannot change/);
  assert.throws(() => db.prepare("UPDATE sales SET status = 'open', completed_at = NULL WHERE id = ?").run(sale.saleId), /completed or voided sale cannot change/);
  assert.throws(() => db.prepare('UPDATE tenders SET amount = 1 WHERE id = ?').run(sale.id), /cannot change/);
  assert.throws(() => db.prepare("UPDATE tenders SET status = 'cancelled' WHERE id = ?").run(sale.id), /paid tender cannot change/);
  assert.throws(() => db.prepare("UPDATE tenders SET md5 = 'b' WHERE id = ?").run(sale.id), /cannot change/);
  const waiting = ledger.create(NEW_SALE);
  ledger.attachQr(waiting.id, { ...QR, md5: 'c'.repeat(32) });
  assert.throws(() => db.prepare("UPDATE tenders SET md5 = 'b' WHERE id = ?").run(waiting.id), /QR cannot change/);
  assert.throws(() => db.prepare('DELETE FROM sales WHERE id = ?').run(sale.saleId), /never deleted/);
  assert.throws(() => db.prepare('DELETE FROM tenders WHERE id = ?').run(sale.id), /never deleted/);
  assert.throws(() => db.prepare('DELETE FROM tender_events').run(), /append-only/);
  assert.throws(() => db.prepare('INSERT INTO sales (due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id, created_at, updated_at) VALUES (\'USD\', 1.5, 4000, \'open\', 0, \'a\', \'b\', 0, 0)').run(), /cannot store REAL/);
  assert.throws(() => db.prepare('INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at) VALUES (1, \'card\', \'USD\', 5, \'paid\', 0, 0)').run(), /CHECK constraint/);
});

test('a cancelled sale cannot receive its QR afterwards; ended sales stay ended', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  assert.equal(ledger.markCancelled(sale.id, 'cashier')?.status, 'cancelled');
  assert.throws(() => ledger.attachQr(sale.id, QR), /cannot become awaiting_payment/);
  assert.equal(ledger.markExpired(sale.id, 'late'), null);
  assert.equal(ledger.get(sale.id)?.status, 'cancelled');
});

test('today lists sales newest first and totals only what was paid, in cents and riel at each sale\'s rate', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const a = ledger.create(NEW_SALE);
  ledger.attachQr(a.id, QR);
  ledger.markPaid(a.id, 'ok');
  const b = ledger.create({ ...NEW_SALE, amountCents: 200, khrPerUsd: 4100 });
  ledger.attachQr(b.id, { ...QR, md5: 'b'.repeat(32) });
  ledger.markPaid(b.id, 'ok');
  const c = ledger.create({ ...NEW_SALE, amountCents: 999 });
  ledger.markFailed(c.id, { code: 'api.http', params: { status: 503 } });
  const today = ledger.dayPage(Date.now(), null, 10);
  assert.deepEqual(today.sales.map((s) => s.id), [c.id, b.id, a.id]);
  assert.equal(today.nextBefore, null);
  const now = new Date();
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  assert.deepEqual(ledger.totals(Date.now()),
    { day, paidCount: 2, paidCents: 1250, paidRiel: 42000 + 8200, overpaidCount: 0, overpaidCents: 0, otherAccountCount: 0, otherAccountCents: 0 });
  assert.equal(ledger.dayPage(Date.now() - 86_400_000, null, 10).sales.length, 0);
  assert.equal(ledger.totals(Date.now() - 86_400_000).paidCount, 0);
});

test('a sale paid to an allowed account is counted apart from the takings, and its account is on the sale', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const own = ledger.create(NEW_SALE);
  ledger.attachQr(own.id, QR);
  ledger.markPaid(own.id, 'ok');
  const relayed = ledger.create({ ...NEW_SALE, amountCents: 700 });
  ledger.attachQr(relayed.id, { ...QR, md5: 'b'.repeat(32), payTo: 'relay@wing' });
  ledger.markPaid(relayed.id, 'ok');
  assert.equal(ledger.get(relayed.id)!.receivingAccount, 'relay@wing');
  assert.equal(ledger.get(own.id)!.receivingAccount, 'shop@aclb');
  const totals = ledger.totals(Date.now());
  assert.equal(totals.paidCount, 1);
  assert.equal(totals.paidCents, 1050);
  assert.equal(totals.otherAccountCount, 1);
  assert.equal(totals.otherAccountCents, 700);
  assert.throws(() => db.prepare('UPDATE tenders SET pay_to = ? WHERE id = ?').run('thief@wing', relayed.id), /cannot change/);
});

test('sales recorded before the receiving account existed get it from their stored QR', (t) => {
  const dir = tempDir(t);
  const old = openLedger(dir, MIGRATIONS.filter((m) => m.version < 5));
  const khqr = buildKhqr({ accountType: 'individual', bakongAccountId: 'relay@wing', merchantName: 'My Shop', currency: 'USD',
    amountMinor: 1050, createdAtMs: Date.now(), expiresAtMs: Date.now() + 60_000 });
  old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id, api_base_url,
    md5, khqr_string, created_at, updated_at) VALUES (1050, 'USD', 4000, 'expired', 0, 'My Shop', 'shop@aclb', '', ?, ?, 1, 1)`)
    .run('c'.repeat(32), khqr);
  old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id, api_base_url,
    created_at, updated_at) VALUES (200, 'USD', 4000, 'failed', 0, 'My Shop', 'shop@aclb', '', 1, 1)`).run();
  old.close();
  const db = openLedger(dir);
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  assert.equal(ledger.get(1)!.receivingAccount, 'relay@wing');
  assert.equal(ledger.get(2)!.receivingAccount, null);
});

test('a sale paid after midnight (Phnom Penh) counts in the new day\'s takings and list', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  // 23:58 and 00:02 in Phnom Penh (UTC+7), whatever this machine's zone.
  let now = Date.UTC(2026, 10, 24, 16, 58);
  const ledger = new SalesLedger(db, () => now);
  const sale = ledger.create(NEW_SALE);
  ledger.attachQr(sale.id, QR);
  now = Date.UTC(2026, 10, 24, 17, 2);
  ledger.markPaid(sale.id, 'ok');
  assert.equal(ledger.totals(now).day, '2026-11-25');
  assert.equal(ledger.totals(now).paidCents, 1050);
  assert.equal(ledger.totals(Date.UTC(2026, 10, 24, 5)).paidCents, 0);
  assert.deepEqual(ledger.dayPage(now, null, 10).sales.map((s) => s.id), [sale.id]);
  // …and in the old day's list too, where it was created.
  assert.deepEqual(ledger.dayPage(Date.UTC(2026, 10, 24, 5), null, 10).sales.map((s) => s.id), [sale.id]);
});

const OLD_REASON = 'Could not get a QR: The payment service answered HTTP 500: PAYMENT RECEIVED, hand over the goods';

/** A ledger an older version (schema 7) wrote: a sale that failed with an English reason, on the sale and in its history. */
function olderLedgerWithFailure(dir: string): void {
  const old = openLedger(dir, MIGRATIONS.filter((m) => m.version < 8));
  old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id, api_base_url,
    created_at, updated_at, failure_reason) VALUES (200, 'USD', 4000, 'failed', 0, 'My Shop', 'shop@aclb', '', 1, 1, ?)`).run(OLD_REASON);
  old.prepare(`INSERT INTO sale_events (sale_id, at, from_status, to_status, detail) VALUES (1, 1, NULL, 'creating', NULL),
    (1, 2, 'creating', 'failed', ?)`).run(OLD_REASON);
  old.close();
}

test('a failure reason stored in English by an older version is kept in the ledger as written, and reads as a generic code', (t) => {
  const dir = tempDir(t);
  olderLedgerWithFailure(dir);
  const db = openLedger(dir);
  t.after(() => db.close());
  const sale = new SalesLedger(db).get(1)!;
  assert.equal(sale.status, 'failed');
  assert.equal(sale.amountCents, 200);
  assert.deepEqual(sale.failureReason, { code: 'payment.failedEarlier' }, 'what a screen gets');
  assert.deepEqual(db.prepare('SELECT failure_reason, failure_code, failure_params FROM tenders WHERE id = 1').get(),
    { failure_reason: OLD_REASON, failure_code: null, failure_params: null }, 'the shop\'s record of why it failed, untouched');
});

test('the history line of an old failure reads as a generic code, is kept as written, and history stays append-only', (t) => {
  const dir = tempDir(t);
  olderLedgerWithFailure(dir);
  const db = openLedger(dir);
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  assert.deepEqual(ledger.history(1).map((e) => [e.to, e.detail]), [['creating', null], ['failed', 'payment.failedEarlier']]);
  assert.deepEqual(db.prepare('SELECT detail FROM tender_events ORDER BY id').all(), [{ detail: null }, { detail: OLD_REASON }]);
  assert.throws(() => db.prepare('UPDATE tender_events SET detail = ? WHERE id = 2').run('changed'), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM tender_events WHERE id = 2').run(), /append-only/);
});

test('no migration lifts a guard: none drops a trigger or deletes or rewrites sale history', () => {
  for (const migration of MIGRATIONS) {
    assert.doesNotMatch(migration.sql, /DROP\s+TRIGGER|(UPDATE|DELETE\s+FROM)\s+(sale|tender)_events/i, `migration ${migration.version}`);
  }
});

test('a stored code this build does not know reads as the generic code, never as raw text', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  db.prepare(`UPDATE tenders SET status = 'failed', failure_code = ? WHERE id = ?`).run('PAYMENT RECEIVED, hand over the goods', sale.id);
  assert.deepEqual(ledger.get(sale.id)!.failureReason, { code: 'payment.failedEarlier' });
});

test('a failure reason is stored as its code and values, and read back as the same message', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create(NEW_SALE);
  ledger.markFailed(sale.id, { code: 'api.redirect', params: { status: 302, scheme: 'http' } });
  assert.deepEqual(ledger.get(sale.id)!.failureReason, { code: 'api.redirect', params: { status: 302, scheme: 'http' } });
  assert.equal(ledger.history(sale.id).at(-1)!.detail, 'api.redirect');
});
