/**
 * A ledger made before the journal (schema 1, with sales and their history in it) is upgraded
 * without losing a row: the till is made, its first row written, and each existing sale journaled
 * as one migrated.sale row carrying its state and history; the chain and projection then verify,
 * and new sales continue the chain.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openLedger } from '../../../../src/host/ledger/database.ts';
import { verifyChain, verifyProjection } from '../../../../src/host/ledger/journal/verify.ts';
import { MIGRATIONS } from '../../../../src/host/ledger/migrations/index.ts';
import { SalesLedger } from '../../../../src/host/ledger/sales.ts';
import { tempDir } from '../../../support/temp.ts';

test('a schema-1 ledger with sales gets a till, a genesis row and one migrated row per sale, and verifies', (t) => {
  const dir = tempDir(t);
  const old = openLedger(dir, MIGRATIONS.slice(0, 1));
  const insert = old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id,
    api_base_url, md5, khqr_string, created_at, updated_at, expires_at, paid_at, failure_reason)
    VALUES (?, 'USD', 4100, ?, 0, 'Old Shop', 'shop@aclb', 'https://api.test', ?, ?, ?, ?, ?, ?, ?)`);
  insert.run(1050, 'paid', 'a'.repeat(32), 'QR-A', 1000, 3000, 900_000, 3000, null);
  insert.run(200, 'failed', null, null, 4000, 5000, null, null, 'Bakong said: server error');
  const event = old.prepare('INSERT INTO sale_events (sale_id, at, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?)');
  event.run(1, 1000, null, 'creating', null);
  event.run(1, 2000, 'creating', 'awaiting_payment', null);
  event.run(1, 3000, 'awaiting_payment', 'paid', 'payment confirmed by the API');
  event.run(2, 4000, null, 'creating', null);
  event.run(2, 5000, 'creating', 'failed', 'Bakong said: server error');
  assert.equal(old.pragma('user_version', { simple: true }), 1);
  old.close();

  const db = openLedger(dir);
  t.after(() => db.close());
  const rows = db.prepare('SELECT seq, type, actor, payload FROM journal ORDER BY seq').all() as Array<{ seq: number; type: string; actor: string; payload: string }>;
  assert.deepEqual(rows.map((r) => r.type), ['till.created', 'settings.snapshot', 'migrated.sale', 'migrated.sale']);
  assert.equal((JSON.parse(rows[0]!.payload) as { schema: number }).schema, MIGRATIONS.at(-1)!.version);
  assert.deepEqual(JSON.parse(rows[2]!.payload), {
    sale: 1, amountCents: 1050, currency: 'USD', khrPerUsd: 4100, status: 'paid', training: false, merchantName: 'Old Shop',
    bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test', payTo: 'shop@aclb', md5: 'a'.repeat(32), khqrString: 'QR-A', createdAt: 1000, expiresAt: 900_000, paidAt: 3000, paidLate: false,
    failureCode: null,
    history: [
      { at: 1000, from: null, to: 'creating', detail: null },
      { at: 2000, from: 'creating', to: 'awaiting_payment', detail: null },
      // The POS's old English note is not journaled: only catalog codes go into the chain.
      { at: 3000, from: 'awaiting_payment', to: 'paid', detail: null },
    ],
  });
  const failed = JSON.parse(rows[3]!.payload) as { status: string; history: Array<{ detail: string | null }> };
  assert.equal(failed.status, 'failed');
  // A failure's old English reason (here quoting the API) becomes the catalog's payment.failedEarlier.
  assert.deepEqual(failed.history.map((line) => line.detail), [null, 'payment.failedEarlier']);
  assert.ok(!rows.some((row) => row.payload.includes('Bakong said') || row.payload.includes('confirmed by')));
  // Nothing of the old tables was lost or changed.
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n, 2);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM tenders').get() as { n: number }).n, 2, 'sale N has its KHQR tender N');
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM tender_events').get() as { n: number }).n, 5);
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 2, problem: null });

  // New sales continue the same chain; opening again makes no second till.
  new SalesLedger(db).create({ amountCents: 500, khrPerUsd: 4100, training: false, merchantName: 'Old Shop', bakongId: 'shop@aclb', apiBaseUrl: 'x' });
  db.close();
  const again = openLedger(dir);
  t.after(() => again.close());
  assert.deepEqual((again.prepare('SELECT type FROM journal ORDER BY seq').all() as Array<{ type: string }>).map((r) => r.type),
    ['till.created', 'settings.snapshot', 'migrated.sale', 'migrated.sale', 'shift.opened', 'sale.opened', 'tender.opened']);
  assert.equal(verifyChain(again).rows, 7);
  assert.ok(verifyProjection(again).ok);
});

test('a schema-12 ledger with a late payment and its dismissed alert: migrated.sale and migrated.alert rows, and both verify', (t) => {
  const dir = tempDir(t);
  const old = openLedger(dir, MIGRATIONS.slice(0, 12));
  old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id, api_base_url, md5,
    khqr_string, created_at, updated_at, expires_at, paid_at, paid_late, pay_to) VALUES (700, 'USD', 4000, 'paid', 0, 'Shop', 'shop@aclb', 'x',
    ?, 'Q', 1000, 9000, 5000, 9000, 1, 'shop@aclb')`).run('d'.repeat(32));
  old.prepare(`INSERT INTO alerts (sale_id, kind, previous_status, created_at, dismissed_at) VALUES (1, 'paid_late', 'expired', 9000, 9500)`).run();
  old.close();

  const db = openLedger(dir);
  t.after(() => db.close());
  const rows = db.prepare('SELECT type, payload FROM journal ORDER BY seq').all() as Array<{ type: string; payload: string }>;
  assert.deepEqual(rows.map((r) => r.type), ['till.created', 'settings.snapshot', 'migrated.sale', 'migrated.alert']);
  assert.deepEqual(JSON.parse(rows[3]!.payload), { alert: 1, sale: 1, kind: 'paid_late', previousStatus: 'expired', createdAt: 9000, dismissedAt: 9500 });
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 1, problem: null });
});
