/**
 * The journal as the POS writes it: every change of money state is one row, chained, written in the
 * same transaction as the tables it explains (the projection), with nothing secret in it.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { runCommand } from '../../../../src/host/commands.ts';
import { Alerts } from '../../../../src/host/ledger/alerts.ts';
import { openLedger, type Db } from '../../../../src/host/ledger/database.ts';
import { append } from '../../../../src/host/ledger/journal/journal.ts';
import { TILL_CODE_ALPHABET, readTill } from '../../../../src/host/ledger/journal/till.ts';
import { verifyChain, verifyProjection } from '../../../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../../src/host/ledger/sales.ts';
import { hostMessage } from '../../../../src/shared/messages/index.ts';
import { startHost, startSandbox } from '../../../support/servers.ts';
import { tempDir, waitFor } from '../../../support/temp.ts';
import { asActor } from '../../../../src/host/auth/actor-context.ts';
import { MIGRATIONS } from '../../../../src/host/ledger/migrations/index.ts';
import { signInAs } from '../../../support/users.ts';

const SALE = { amountCents: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };
const MD5 = 'a'.repeat(32);

function ledger(t: TestContext) {
  let clock = 1_764_576_000_000;
  const now = () => (clock += 1000);
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  return { ...tables, tables };
}

function rows(db: Db) {
  return db.prepare('SELECT seq, actor, at, type, version, payload FROM journal ORDER BY seq').all() as Array<{
    seq: number; actor: string; at: number; type: string; version: number; payload: string;
  }>;
}

test('a new ledger: the till has a UUID and a 4-character code, written as the journal\'s first row', (t) => {
  const { db } = ledger(t);
  const till = readTill(db)!;
  assert.match(till.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(till.code, /^[2-9A-HJKMNP-TW-Z]{6}$/);
  for (const c of till.code) assert.ok(TILL_CODE_ALPHABET.includes(c));
  const [first, snapshot, ...rest] = rows(db);
  assert.deepEqual(rest, []);
  assert.equal(first!.type, 'till.created');
  assert.equal(snapshot!.type, 'settings.snapshot', 'the settings as stored, the baseline of settings.changed');
  assert.deepEqual(JSON.parse(snapshot!.payload), { settings: {} });
  assert.equal(first!.actor, 'system');
  assert.deepEqual(JSON.parse(first!.payload), { till: till.id, code: till.code, schema: MIGRATIONS.at(-1)!.version });
  assert.ok(verifyChain(db).ok);
});

test('a sale paid end to end, printed, then one paid late and its alert dismissed: the rows in order, a valid chain, a matching projection', (t) => {
  const { db, sales, printJobs, alerts, tables } = ledger(t);
  // What the signed-in user does is journaled as them (a command runs as its user: commands.ts); the POS's own work as system.
  const user = 'user:0b7c1a52-4c1e-4f57-9a63-2f1d3c4b5a69' as const;
  function asUser<T>(run: () => T): T {
    return asActor(user, run);
  }
  const sale = asUser(() => sales.create(SALE));
  asUser(() => sales.attachQr(sale.id, { md5: MD5, khqrString: 'KHQR-PAYLOAD', expiresAt: 1_764_577_000_000, payTo: 'shop@aclb' }));
  const paid = recordPayment(tables, sale.id, 'payment confirmed by the API', ['awaiting_payment'])!;
  const job = printJobs.nextQueued()!;
  printJobs.markPrinting(job.id);
  printJobs.markRetry(job.id, hostMessage('printer.earlierProblem'), 0);
  printJobs.markPrinting(job.id);
  printJobs.markPrinted(job.id);

  const late = asUser(() => sales.create({ ...SALE, amountCents: 300 }));
  asUser(() => sales.attachQr(late.id, { md5: 'b'.repeat(32), khqrString: 'KHQR-2', expiresAt: 1_764_577_000_000, payTo: 'shop@aclb' }));
  sales.markExpired(late.id, 'the QR lifetime ended without payment');
  recordPayment(tables, late.id, 'paid after the sale was expired', ['awaiting_payment', 'expired']);
  const alert = alerts.open()[0]!;
  assert.ok(asUser(() => alerts.dismiss(alert.id)));
  asUser(() => sales.create({ ...SALE, amountCents: 99 }));
  asUser(() => sales.markFailed(3, hostMessage('payment.qrNotRecorded')));

  const journal = rows(db);
  assert.deepEqual(journal.map((r) => [r.seq, r.type, r.version, r.actor]), [
    [1, 'till.created', 1, 'system'],
    [2, 'settings.snapshot', 1, 'system'],
    [3, 'shift.opened', 1, user],
    [4, 'sale.opened', 2, user],
    [5, 'tender.opened', 2, user],
    [6, 'tender.qrIssued', 1, user],
    [7, 'tender.paid', 1, 'system'],
    [8, 'sale.completed', 2, 'system'],
    [9, 'receipt.printed', 1, 'system'],
    [10, 'sale.opened', 2, user],
    [11, 'tender.opened', 2, user],
    [12, 'tender.qrIssued', 1, user],
    [13, 'tender.expired', 1, 'system'],
    [14, 'tender.paid', 1, 'system'],
    [15, 'sale.completed', 2, 'system'],
    [16, 'alert.raised', 2, 'system'],
    [17, 'alert.dismissed', 1, user],
    [18, 'sale.opened', 2, user],
    [19, 'tender.opened', 2, user],
    [20, 'tender.failed', 1, user],
  ]);
  const payload = (seq: number) => JSON.parse(journal[seq - 1]!.payload) as unknown;
  assert.deepEqual(payload(4), {
    sale: 1, dueCurrency: 'USD', dueAmount: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb',
  });
  assert.deepEqual(payload(5), { sale: 1, tender: 1, kind: 'khqr', currency: 'USD', amount: 1050, apiBaseUrl: 'https://api.test', attempt: null });
  assert.deepEqual(payload(6), { sale: 1, tender: 1, md5: MD5, amount: 1050, payTo: 'shop@aclb', expiresAt: 1_764_577_000_000, khqrString: 'KHQR-PAYLOAD' });
  assert.deepEqual(payload(7), { sale: 1, tender: 1, from: 'awaiting_payment', late: false, overpaid: false });
  assert.deepEqual(payload(8), { sale: 1, paidLate: false, changeUsd: 0, changeKhr: 0, rounding: 0 });
  assert.equal(journal[6]!.at, paid.tender.paidAt, 'the paid row\'s time is the tender\'s paid_at');
  assert.equal(journal[7]!.at, paid.sale.paidAt, 'the completed row\'s time is the sale\'s completed_at');
  assert.deepEqual(payload(9), { job: job.id, sale: 1, kind: 'receipt', outcome: 'printed', attempts: 2 }, 'one row for the print, not one per attempt');
  assert.deepEqual(payload(14), { sale: 2, tender: 2, from: 'expired', late: true, overpaid: false });
  assert.deepEqual(payload(15), { sale: 2, paidLate: true, changeUsd: 0, changeKhr: 0, rounding: 0 });
  assert.deepEqual(payload(16), { alert: alert.id, sale: 2, tender: 2, kind: 'paid_late', previousStatus: 'expired' });
  assert.deepEqual(payload(17), { alert: alert.id, sale: 2 });
  assert.deepEqual(payload(20), { sale: 3, tender: 3, from: 'creating', code: 'payment.qrNotRecorded' });

  const chain = verifyChain(db);
  assert.deepEqual({ ok: chain.ok, rows: chain.rows, problem: chain.problem }, { ok: true, rows: 20, problem: null });
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 3, problem: null });
});

test('a journal write that fails leaves no projection change', (t) => {
  const { db, sales } = ledger(t);
  db.exec(`CREATE TEMP TRIGGER journal_fails BEFORE INSERT ON main.journal BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
  assert.throws(() => sales.create(SALE), /disk trouble/);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n, 0);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM tender_events').get() as { n: number }).n, 0);
  db.exec('DROP TRIGGER temp.journal_fails');
  const sale = sales.create(SALE);
  db.exec(`CREATE TEMP TRIGGER journal_fails BEFORE INSERT ON main.journal BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
  assert.throws(() => sales.attachQr(sale.id, { md5: MD5, khqrString: 'Q', expiresAt: 2e12, payTo: 'shop@aclb' }), /disk trouble/);
  assert.equal(sales.get(sale.id)!.status, 'creating');
  assert.equal(sales.get(sale.id)!.md5, null);
});

test('a projection write that fails after the journal row leaves no journal row', (t) => {
  const { db, sales, tables } = ledger(t);
  const sale = sales.create(SALE);
  sales.attachQr(sale.id, { md5: MD5, khqrString: 'Q', expiresAt: 2e12, payTo: 'shop@aclb' });
  const before = rows(db).length;
  // The receipt job is written after the sale.paid row, in the same transaction.
  db.exec(`CREATE TEMP TRIGGER receipt_fails BEFORE INSERT ON main.print_jobs BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
  assert.throws(() => recordPayment(tables, sale.id, 'paid', ['awaiting_payment']), /disk trouble/);
  assert.equal(rows(db).length, before, 'no sale.paid row without its sale and receipt');
  assert.equal(sales.get(sale.id)!.status, 'awaiting_payment');
  assert.ok(verifyChain(db).ok);
  assert.ok(verifyProjection(db).ok);
});

test('append refuses to run outside a transaction, and refuses money that is not an integer', (t) => {
  const { db } = ledger(t);
  assert.throws(() => append(db, { type: 'alert.dismissed', version: 1, payload: { alert: 1, sale: 1 } }, { actor: 'cashier', at: 1 }), /transaction/);
  assert.throws(() => db.transaction(() => append(db, {
    type: 'sale.opened', version: 1,
    payload: { sale: 9, amountCents: 10.5, currency: 'USD', khrPerUsd: 4100, training: false, merchantName: 'x', bakongId: 'y', apiBaseUrl: 'z' },
  }, { actor: 'cashier', at: 1 }))(), /only safe integers/);
  assert.equal(rows(db).length, 2);
});

test('the journal\'s guards: no UPDATE, DELETE, REPLACE, nor a row that is not the next of the chain', (t) => {
  const { db, sales } = ledger(t);
  sales.create(SALE);
  assert.throws(() => db.exec(`UPDATE journal SET at = 0 WHERE seq = 2`), /append-only/);
  assert.throws(() => db.exec(`DELETE FROM journal WHERE seq = 2`), /append-only/);
  const head = db.prepare(`SELECT * FROM journal WHERE seq = 2`).get() as Record<string, string>;
  const insert = (mode: string, seq: number, uuid: string | undefined, prev: string | undefined) => db.prepare(`INSERT ${mode} INTO journal
    (till_id, seq, uuid, actor, at, type, version, payload, prev_hash, hash) VALUES (?, ?, ?, 'system', 1, 'sale.expired', 1, '{}', ?, ?)`)
    .run(head.till_id, seq, uuid, prev, 'f'.repeat(64));
  db.pragma('recursive_triggers = ON');
  assert.throws(() => insert('OR REPLACE', 2, crypto.randomUUID(), head.prev_hash), /append-only/, 'replace a row');
  assert.throws(() => insert('OR REPLACE', 3, head.uuid, head.hash), /append-only/, 'replace by uuid');
  assert.throws(() => insert('', 4, crypto.randomUUID(), head.hash), /append-only/, 'a gap');
  assert.throws(() => insert('', 3, crypto.randomUUID(), '0'.repeat(64)), /append-only/, 'a broken link');
  assert.throws(() => db.exec(`UPDATE till SET code = 'AAAA'`), /cannot change/);
  assert.throws(() => db.exec(`DELETE FROM till`), /cannot be deleted/);
});

test('no secret in any journal row: a live sale with POS_BAKONG_API_KEY set, and a settings change', async (t) => {
  const secret = 'sk-live-very-secret-api-key-1234567890';
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store', POS_BAKONG_API_URL: url, POS_BAKONG_API_KEY: secret });
  const owner = await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  sandbox.pay(host.ledger.get(1)!.md5!);
  await waitFor('the sale to be recorded paid', () => host.ledger.get(1)!.status === 'paid');
  assert.ok((await runCommand(host, 'settings.save', { khrPerUsd: 4200, receiptFooter: ['Come again'] })).ok);
  const journal = rows(host.db);
  assert.deepEqual(journal.map((r) => r.type).filter((type) => type !== 'receipt.printed'),
    ['till.created', 'settings.snapshot', 'settings.envOverrides', 'user.created', 'shift.opened', 'sale.opened', 'tender.opened', 'tender.qrIssued', 'tender.paid', 'sale.completed', 'settings.changed']);
  const settings = JSON.parse(journal.find((r) => r.type === 'settings.changed')!.payload) as { changes: unknown[] };
  assert.deepEqual(settings.changes, [
    { key: 'khrPerUsd', from: 4000, to: 4200 },
    { key: 'receiptFooter', from: ['Thank you! · អរគុណ!'], to: ['Come again'] },
  ]);
  // Who did what: the signed-in owner's commands, the POS's own work (the payment found, start-up).
  const me = `user:${owner.id}`;
  assert.deepEqual(journal.filter((r) => r.type !== 'receipt.printed').map((r) => r.actor), ['system', 'system', 'system',
    me, me, me, me, me, 'system', 'system', me]);
  const everything = host.db.prepare('SELECT group_concat(payload || actor || type, char(10)) AS text FROM journal').get() as { text: string };
  assert.ok(!everything.text.includes(secret));
  assert.ok(!everything.text.includes('sk-live'));
  assert.ok(verifyChain(host.db).ok);
  assert.ok(verifyProjection(host.db).ok);
});
