/**
 * Each tamper with the ledger file is found by the journal checks, naming the row (or the sale):
 * done through a second connection, as anyone with the file could, guards dropped where they stand
 * in the way. A full rewrite of the chain from some row, hashes recomputed, passes every check made
 * from the file alone: only an anchor kept off the file (a Z report's SEQ:HASH16) catches it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { SettingsStore } from '../../../../src/host/config/settings.ts';
import { Alerts } from '../../../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger, type Db } from '../../../../src/host/ledger/database.ts';
import { rowHash } from '../../../../src/host/ledger/journal/canonical.ts';
import { parseAnchor, verifyChain, verifyProjection } from '../../../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../../src/host/ledger/sales.ts';
import { seedSales } from '../../../support/seed-sales.ts';
import { tempDir } from '../../../support/temp.ts';

/** A shop's ledger with 4 sales (the 2nd and 4th expired, the others paid), closed; and a raw connection to its file. */
function shop(t: TestContext): Db {
  const dir = tempDir(t);
  let clock = 1_764_576_000_000;
  const pos = openLedger(dir);
  seedSales(pos, 4, { now: () => (clock += 1000), unpaidEvery: 2 });
  pos.close();
  const file = new Database(join(dir, LEDGER_FILE));
  t.after(() => file.close());
  return file;
}

interface Row { seq: number; type: string; payload: string; hash: string; prev_hash: string }
const row = (db: Db, where: string) => db.prepare(`SELECT * FROM journal WHERE ${where} ORDER BY seq LIMIT 1`).get() as Row & Record<string, string & number>;

test('an untouched ledger verifies: chain and projection', (t) => {
  const db = shop(t);
  const chain = verifyChain(db);
  assert.equal(chain.problem, null);
  assert.equal(chain.rows, 1 + 1 + 1 + 4 * 4 + 2, 'till.created; the settings snapshot; shift 1 opened with the first sale; each sale opened, its tender opened, QR issued, then paid or expired; the paid ones completed (a receipt owed is not a print)');
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 4, problem: null });
});

test('a payload edited (guard dropped): the row is named, hash mismatch; a non-canonical edit is named as such', (t) => {
  const db = shop(t);
  const opened = row(db, `type = 'sale.opened'`);
  db.exec('DROP TRIGGER journal_never_updated');
  db.prepare('UPDATE journal SET payload = ? WHERE seq = ?').run(opened.payload.replace('"dueAmount":100', '"dueAmount":1'), opened.seq);
  assert.deepEqual(verifyChain(db).problem?.kind, 'hash mismatch');
  assert.equal(verifyChain(db).problem?.seq, opened.seq);
  db.prepare('UPDATE journal SET payload = ? WHERE seq = ?').run(opened.payload.replace(',', ', '), opened.seq);
  assert.deepEqual(verifyChain(db).problem, { seq: opened.seq, kind: 'non-canonical payload', text: `row ${opened.seq}'s payload is not canonical JSON (edited by hand?)` });
});

test('a row deleted (guard dropped): the missing row is named', (t) => {
  const db = shop(t);
  const paid = row(db, `type = 'tender.paid'`);
  db.exec('DROP TRIGGER journal_never_deleted');
  db.prepare('DELETE FROM journal WHERE seq = ?').run(paid.seq);
  const { problem } = verifyChain(db);
  assert.equal(problem?.kind, 'gap');
  assert.equal(problem?.seq, paid.seq);
  assert.equal(problem?.text, `row ${paid.seq} is missing: the row after ${paid.seq - 1} is ${paid.seq + 1}`);
  // The last rows deleted leave no gap: only an anchor (printed on a Z report) notices that.
  const other = shop(t);
  const head = verifyChain(other).head!;
  other.exec('DROP TRIGGER journal_never_deleted');
  other.prepare('DELETE FROM journal WHERE seq = ?').run(head.seq);
  assert.ok(verifyChain(other).ok);
  assert.deepEqual(verifyChain(other, { anchor: { seq: head.seq, hash: head.hash.slice(0, 16) } }).problem, {
    seq: head.seq, kind: 'anchor', text: `the anchor's row ${head.seq} is not in the chain (it ends at ${head.seq - 1}): rows were removed`,
  });
});

test('a row inserted: a fake row at the end is named (its hash cannot be right without recomputing); a fake sale is named by the projection check', (t) => {
  const db = shop(t);
  const head = row(db, `seq = (SELECT MAX(seq) FROM journal)`);
  // The guard lets the next row in (SQL cannot compute SHA-256): the walk finds it.
  db.prepare(`INSERT INTO journal (till_id, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash)
              VALUES (?, 1, ?, ?, 'system', 1, 'tender.paid', 1, '{"from":"expired","late":true,"overpaid":false,"sale":2,"tender":2}', ?, ?)`)
    .run(head.till_id, head.seq + 1, crypto.randomUUID(), head.hash, 'e'.repeat(64));
  assert.deepEqual(verifyChain(db).problem?.seq, head.seq + 1);
  assert.deepEqual(verifyChain(db).problem?.kind, 'hash mismatch');

  const other = shop(t);
  other.prepare(`INSERT INTO sales (due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id, created_at, updated_at,
                   completed_at) VALUES ('USD', 99999, 4100, 'completed', 0, 'My Shop', 'shop@aclb', 1, 1, 1)`).run();
  other.prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, paid_at, api_base_url, md5)
                   VALUES (5, 'khqr', 'USD', 99999, 'paid', 1, 1, 1, 'x', ?)`).run('f'.repeat(32));
  assert.ok(verifyChain(other).ok, 'the chain itself is intact');
  assert.deepEqual(verifyProjection(other).problem, { sale: 5, text: 'sale 5 is in the sales table but no journal row records it (inserted by hand?)' });
});

test('a journaled sale deleted with its tenders (guards dropped) is named, between sales, as the last one, and before the range a start-check step compares', (t) => {
  const deleteSale = (db: Db, sale: number): void => {
    for (const name of ['sales_never_deleted', 'tenders_never_deleted', 'tender_events_append_only_delete']) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM tender_events WHERE tender_id IN (SELECT id FROM tenders WHERE sale_id = ?)').run(sale);
    db.prepare('DELETE FROM tenders WHERE sale_id = ?').run(sale);
    db.prepare('DELETE FROM sales WHERE id = ?').run(sale);
  };
  const missing = (sale: number) => ({ sale, text: `sale ${sale} is in the journal but missing from the sales table` });
  const between = shop(t);
  deleteSale(between, 2);
  assert.deepEqual(verifyProjection(between).problem, missing(2));
  assert.deepEqual(verifyProjection(between, { fromSale: 3 }).problem, missing(2), 'the last step of the start check looks before its range too');
  assert.deepEqual(verifyProjection(between, { fromSale: 1, toSale: 3 }).problem, missing(2), 'a step names one in its range');
  const lastOne = shop(t);
  deleteSale(lastOne, 4);
  assert.deepEqual(verifyProjection(lastOne).problem, missing(4));
});

test('a fake paid tender planted on an open sale, or on a real paid one (guards dropped), is named by the projection check, with its tender', (t) => {
  const db = shop(t);
  // Sale 2 expired unpaid: a hand-made paid tender "covers" it.
  db.prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, paid_at, api_base_url, md5, pay_to)
                VALUES (2, 'khqr', 'USD', 101, 'paid', 1, 1, 1, 'x', ?, 'shop@aclb')`).run('f'.repeat(32));
  assert.ok(verifyChain(db).ok);
  assert.deepEqual(verifyProjection(db).problem, { sale: 2, tender: 5, text: 'tender 5 of sale 2 is in the tenders table but no journal row records it (inserted by hand?)' });
  // A tender moved from its sale to another (trigger dropped) is named too.
  db.exec('DROP TRIGGER tenders_never_deleted');
  db.exec('DELETE FROM tenders WHERE id = 5');
  db.exec('DROP TRIGGER tenders_identity_is_final');
  db.exec('UPDATE tenders SET sale_id = 1 WHERE id = 3');
  const moved = verifyProjection(db).problem;
  assert.equal(moved?.sale, 1);
  assert.equal(moved?.tender, 3);
});

test('a tender deleted, its history edited, or a tender replaced with INSERT OR REPLACE (guards dropped) is named, with the tender', (t) => {
  const deleted = shop(t);
  deleted.exec('DROP TRIGGER tenders_never_deleted');
  deleted.pragma('foreign_keys = OFF');
  deleted.exec('DROP TRIGGER tender_events_append_only_delete');
  deleted.exec('DELETE FROM tender_events WHERE tender_id = 3');
  deleted.exec('DELETE FROM tenders WHERE id = 3');
  assert.deepEqual(verifyProjection(deleted).problem, { sale: 3, tender: 3, text: 'tender 3 of sale 3 is in the journal but missing from the tenders table' });

  const edited = shop(t);
  edited.exec('DROP TRIGGER tender_events_append_only_update');
  edited.exec(`UPDATE tender_events SET to_status = 'cancelled' WHERE tender_id = 3 AND to_status = 'paid'`);
  const history = verifyProjection(edited).problem;
  assert.deepEqual([history?.sale, history?.tender], [3, 3]);
  assert.match(history!.text, /tender 3's history \(tender_events, sale 3\) line 3 is awaiting_payment → cancelled/);

  const replaced = shop(t);
  replaced.exec('DROP TRIGGER tenders_never_replaced');
  replaced.exec(`INSERT OR REPLACE INTO tenders (id, sale_id, kind, currency, amount, status, created_at, updated_at, api_base_url, md5, pay_to)
                   SELECT id, sale_id, kind, currency, 1, 'cancelled', created_at, updated_at, api_base_url, md5, 'thief@aclb' FROM tenders WHERE id = 3`);
  const problem = verifyProjection(replaced).problem;
  assert.deepEqual([problem?.sale, problem?.tender], [3, 3]);
  assert.match(problem!.text, /tender 3 \(sale 3\) has amount 1, the journal says 102; status "cancelled", the journal says "paid"/);
});

test('a paid sale rewritten in the sales and tenders tables (their guards dropped) is named by the projection check', (t) => {
  const db = shop(t);
  for (const name of ['sales_ended_is_final', 'sales_due_is_final']) db.exec(`DROP TRIGGER ${name}`);
  db.exec(`UPDATE sales SET status = 'open', due_amount = 1, completed_at = NULL WHERE id = 3`);
  const { problem } = verifyProjection(db);
  assert.equal(problem?.sale, 3);
  assert.match(problem!.text, /^sale 3 has due_amount 1, the journal says 102; status "open", the journal says "completed"/);

  const other = shop(t);
  for (const name of ['tenders_paid_row_is_final', 'tenders_identity_is_final', 'tenders_qr_is_final']) other.exec(`DROP TRIGGER ${name}`);
  other.exec(`UPDATE tenders SET status = 'cancelled', amount = 1, pay_to = 'thief@aclb', paid_at = NULL WHERE id = 3`);
  const tender = verifyProjection(other).problem;
  assert.deepEqual([tender?.sale, tender?.tender], [3, 3]);
  assert.match(tender!.text, /^tender 3 \(sale 3\) has amount 1, the journal says 102; status "cancelled", the journal says "paid"; paid_at null/);
});

test('a full rewrite of the chain from a row, hashes recomputed: it passes without an anchor and fails with the anchor printed before', (t) => {
  const db = shop(t);
  const printed = verifyChain(db).head!; // what a Z report would have printed: SEQ:HASH16
  const anchor = parseAnchor(`${printed.seq}:${printed.hash.slice(0, 16)}`)!;
  assert.ok(verifyChain(db, { anchor }).ok);

  // Sale 3 was paid to the shop: make it pay someone else, in the journal and in the sales table.
  const qr = row(db, `type = 'tender.qrIssued' AND sale_id = 3`);
  for (const name of ['journal_never_updated', 'tenders_paid_row_is_final', 'tenders_qr_is_final']) db.exec(`DROP TRIGGER ${name}`);
  db.prepare('UPDATE journal SET payload = ? WHERE seq = ?').run(qr.payload.replace('"payTo":"shop@aclb"', '"payTo":"thief@aclb"'), qr.seq);
  db.exec(`UPDATE tenders SET pay_to = 'thief@aclb' WHERE id = 3`);
  let prev = (db.prepare('SELECT hash FROM journal WHERE seq = ?').get(qr.seq - 1) as { hash: string }).hash;
  type Stored = { till_id: string; epoch: number; seq: number; uuid: string; actor: string; at: number; type: string; version: number; payload: string };
  for (const r of db.prepare('SELECT * FROM journal WHERE seq >= ? ORDER BY seq').all(qr.seq) as Stored[]) {
    const hash = rowHash(prev, { tillId: r.till_id, epoch: r.epoch, seq: r.seq, uuid: r.uuid, actor: r.actor, at: r.at, type: r.type, version: r.version, payload: r.payload });
    db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }

  assert.equal(verifyChain(db).problem, null, 'from the file alone, the rewritten chain is valid');
  assert.equal(verifyProjection(db).problem, null, 'and the projection matches it');
  const { problem } = verifyChain(db, { anchor });
  assert.equal(problem?.kind, 'anchor');
  assert.equal(problem?.seq, printed.seq);
  assert.match(problem!.text, new RegExp(`the anchor says ${anchor.hash}`));
});

test('an anchor is SEQ:HASH16 (16 to 64 hex characters)', () => {
  assert.deepEqual(parseAnchor('42:0123456789ABCDEF'), { seq: 42, hash: '0123456789abcdef' });
  for (const bad of ['42:0123', '0:0123456789abcdef', 'x:0123456789abcdef', '42', '42:0123456789abcdeg']) assert.equal(parseAnchor(bad), null, bad);
});

test('an alert "undismissed" or planted by hand (guards dropped) is named by the projection check', (t) => {
  const dir = tempDir(t);
  const pos = openLedger(dir);
  let clock = 1_764_576_000_000;
  const now = () => (clock += 1000);
  const tables = { db: pos, sales: new SalesLedger(pos, now), printJobs: new PrintJobs(pos, now), alerts: new Alerts(pos, now) };
  const sale = tables.sales.create({ amountCents: 500, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'x' });
  tables.sales.attachQr(sale.id, { md5: 'c'.repeat(32), khqrString: 'Q', expiresAt: clock + 60_000, payTo: 'shop@aclb' });
  tables.sales.markExpired(sale.id, 'expired');
  recordPayment(tables, sale.id, 'paid late', ['expired']);
  const [alert] = tables.alerts.open();
  tables.alerts.dismiss(alert!.id);
  pos.close();
  const db = new Database(join(dir, LEDGER_FILE));
  t.after(() => db.close());
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 1, problem: null });

  db.exec('DROP TRIGGER alerts_row_is_final');
  db.exec('UPDATE alerts SET dismissed_at = NULL');
  assert.deepEqual(verifyProjection(db).problem, {
    sale: sale.id, alert: alert!.id, text: `alert ${alert!.id} has dismissed_at null, the journal says ${clock}`,
  });
  db.exec(`UPDATE alerts SET dismissed_at = ${clock}`);
  db.exec(`INSERT INTO alerts (sale_id, tender_id, kind, previous_status, created_at) VALUES (${sale.id}, ${sale.id}, 'paid_late', 'cancelled', 1)`);
  assert.equal(verifyProjection(db).problem?.text, `alert ${alert!.id + 1} (sale ${sale.id}) is in the alerts table but no journal row raised it`);
});

test('settings: the snapshot and each change are the baseline; a direct SQL edit of bakongId is named (review 8, finding 7)', (t) => {
  const dir = tempDir(t);
  const pos = openLedger(dir);
  new SettingsStore(pos, {}).save({ bakongId: 'shop@aclb', khrPerUsd: 4100, merchantName: 'My Shop' });
  pos.close();
  const db = new Database(join(dir, LEDGER_FILE));
  t.after(() => db.close());
  assert.deepEqual(verifyProjection(db).problem, null);
  db.prepare(`UPDATE settings SET value = ? WHERE key = 'bakongId'`).run(JSON.stringify('thief@aclb'));
  assert.deepEqual(verifyProjection(db).problem, { sale: 0, setting: 'bakongId', text: 'setting bakongId is "thief@aclb" in the settings table, the journal says "shop@aclb"' });
  db.prepare(`UPDATE settings SET value = ? WHERE key = 'bakongId'`).run(JSON.stringify('shop@aclb'));
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('apiBaseUrl', '"https://evil.test"', 1)`).run();
  assert.match(verifyProjection(db).problem!.text, /setting apiBaseUrl is "https:\/\/evil.test" in the settings table, but no journal row set it/);
});
