/**
 * The ledger's guards hold against a second connection to the file, as anyone who can open it would
 * use it (docs/ledger.md): `INSERT OR REPLACE`, `REPLACE`, upserts and `UPDATE OR REPLACE` cannot
 * rewrite or remove a completed sale, its paid tender, their history, an alert or a receipt job,
 * whatever the client's pragmas. REPLACE deletes the row it conflicts with (on the primary key or on
 * any UNIQUE index) without firing DELETE triggers unless recursive_triggers is on, which is why
 * migrations 012 and 016 guard the insert itself. (In a new ledger sale N's first tender is tender N.)
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { LEDGER_FILE, openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { tempDir } from '../../support/temp.ts';

const TABLES = ['sales', 'tenders', 'tender_events', 'alerts', 'print_jobs'] as const;

/** The POS's own words when a guard refuses, or a foreign key (a client that leaves them on). */
const REFUSED = /cannot|never|append-only|FOREIGN KEY constraint failed/;

interface Shop {
  dir: string;
  /** A sale paid on time, with its receipt job. */
  paid: { id: number; md5: string; receiptJob: number };
  /** A sale paid after it expired: its alert and receipt job. */
  late: { id: number; alert: number };
  /** A sale still waiting for payment (its QR is issued). */
  waiting: { id: number };
  /** A sale whose QR has not been issued yet (no md5). */
  creating: { id: number };
}

function shop(t: { after(fn: () => void): void }): Shop {
  const dir = tempDir(t);
  const db = openLedger(dir);
  try {
    const sales = new SalesLedger(db);
    const tables = { db, sales, printJobs: new PrintJobs(db), alerts: new Alerts(db) };
    const newSale = (md5: string | null): number => {
      const sale = sales.create({ amountCents: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
      if (md5) sales.attachQr(sale.id, { md5, khqrString: `000201${md5}`, expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' });
      return sale.id;
    };
    const paidId = newSale('a'.repeat(32));
    assert.ok(recordPayment(tables, paidId, 'paid', ['awaiting_payment']));
    const lateId = newSale('b'.repeat(32));
    assert.ok(sales.markExpired(lateId, 'expired'));
    assert.equal(recordPayment(tables, lateId, 'paid late', ['expired'])?.tender.paidLate, true);
    const waitingId = newSale('c'.repeat(32));
    const creatingId = newSale(null);
    const job = (saleId: number): number =>
      (db.prepare(`SELECT id FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).get(saleId) as { id: number }).id;
    const alert = (db.prepare('SELECT id FROM alerts WHERE sale_id = ?').get(lateId) as { id: number }).id;
    return {
      dir,
      paid: { id: paidId, md5: 'a'.repeat(32), receiptJob: job(paidId) },
      late: { id: lateId, alert },
      waiting: { id: waitingId },
      creating: { id: creatingId },
    };
  } finally {
    db.close();
  }
}

/** Everything the tables hold, to show an attempt left no trace. */
function snapshot(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
}

/** The ways a client can open the file: SQLite's defaults (the sqlite3 shell), and pragmas set either way. */
const CLIENTS: Array<{ name: string; pragmas: string[] }> = [
  { name: 'recursive_triggers off, foreign_keys off (the sqlite3 shell)', pragmas: ['recursive_triggers = OFF', 'foreign_keys = OFF'] },
  { name: 'recursive_triggers on, foreign_keys off', pragmas: ['recursive_triggers = ON', 'foreign_keys = OFF'] },
  { name: 'recursive_triggers off, foreign_keys on', pragmas: ['recursive_triggers = OFF', 'foreign_keys = ON'] },
];

function attacker(t: { after(fn: () => void): void }, dir: string, pragmas: readonly string[]): Db {
  const db = new Database(join(dir, LEDGER_FILE));
  t.after(() => db.close());
  for (const pragma of pragmas) db.pragma(pragma);
  return db;
}

const TENDER_COLUMNS = `id, sale_id, kind, currency, amount, status, created_at, updated_at, api_base_url, md5, khqr_string, expires_at, paid_at, pay_to`;

/** The paid tender rewritten as a cancelled 1¢ QR paying someone else (same md5 unless told). */
function forgedTender(id: number, saleId: number, md5: string): string {
  return `(${TENDER_COLUMNS}) VALUES (${id}, ${saleId}, 'khqr', 'USD', 1, 'cancelled', 1, 1, 'https://api.test',
    '${md5}', '000201forged', 2, NULL, 'thief@wing')`;
}

const SALE_COLUMNS = 'id, due_currency, due_amount, khr_per_usd, status, training, merchant_name, bakong_id, created_at, updated_at';

/** The completed sale rewritten as an open 1¢ sale of another shop. */
function forgedSale(id: number): string {
  return `(${SALE_COLUMNS}) VALUES (${id}, 'USD', 1, 4100, 'open', 0, 'My Shop', 'thief@wing', 1, 1)`;
}

interface Attack {
  name: string;
  sql: (shop: Shop, db: Db) => string[];
}

const ATTACKS: Attack[] = [
  // The completed sale itself, through its primary key.
  { name: 'INSERT OR REPLACE INTO sales rewrites the completed sale', sql: (s) => [`INSERT OR REPLACE INTO sales ${forgedSale(s.paid.id)}`] },
  { name: 'REPLACE INTO sales rewrites the completed sale', sql: (s) => [`REPLACE INTO sales ${forgedSale(s.paid.id)}`] },
  {
    name: 'an upsert on sales rewrites the completed sale',
    sql: (s) => [`INSERT INTO sales ${forgedSale(s.paid.id)} ON CONFLICT (id) DO UPDATE SET status = 'open', completed_at = NULL, due_amount = 1`],
  },
  { name: 'UPDATE OR REPLACE moves a waiting sale onto the completed sale\'s id', sql: (s) => [`UPDATE OR REPLACE sales SET id = ${s.paid.id} WHERE id = ${s.waiting.id}`] },
  { name: 'UPDATE of the completed sale', sql: (s) => [`UPDATE sales SET status = 'open', completed_at = NULL WHERE id = ${s.paid.id}`] },
  { name: 'UPDATE of the completed sale\'s amount due', sql: (s) => [`UPDATE sales SET due_amount = 1 WHERE id = ${s.paid.id}`] },
  { name: 'DELETE of the completed sale', sql: (s) => [`DELETE FROM sales WHERE id = ${s.paid.id}`] },

  // The paid tender, through its primary key.
  { name: 'INSERT OR REPLACE INTO tenders rewrites the paid tender', sql: (s) => [`INSERT OR REPLACE INTO tenders ${forgedTender(s.paid.id, s.paid.id, s.paid.md5)}`] },
  { name: 'REPLACE INTO tenders rewrites the paid tender', sql: (s) => [`REPLACE INTO tenders ${forgedTender(s.paid.id, s.paid.id, s.paid.md5)}`] },
  {
    name: 'an upsert on tenders rewrites the paid tender',
    sql: (s) => [`INSERT INTO tenders ${forgedTender(s.paid.id, s.paid.id, s.paid.md5)}
      ON CONFLICT (id) DO UPDATE SET status = 'cancelled', amount = 1, pay_to = 'thief@wing'`],
  },
  // Through its other UNIQUE column: a new row with the paid tender's md5 deletes the paid one.
  { name: 'REPLACE INTO tenders with a new id and the paid tender\'s md5 removes it', sql: (s) => [`REPLACE INTO tenders ${forgedTender(999, s.paid.id, s.paid.md5)}`] },
  {
    name: 'an upsert on tenders\' md5 rewrites the paid tender',
    sql: (s) => [`INSERT INTO tenders ${forgedTender(999, s.paid.id, s.paid.md5)} ON CONFLICT (md5) DO UPDATE SET status = 'cancelled', amount = 1`],
  },
  // An unpaid tender moved onto the paid one: UPDATE OR REPLACE deletes the row it lands on.
  { name: 'UPDATE OR REPLACE moves a waiting tender onto the paid tender\'s id', sql: (s) => [`UPDATE OR REPLACE tenders SET id = ${s.paid.id} WHERE id = ${s.waiting.id}`] },
  { name: 'UPDATE OR REPLACE gives a new tender the paid tender\'s md5', sql: (s) => [`UPDATE OR REPLACE tenders SET md5 = '${s.paid.md5}' WHERE id = ${s.creating.id}`] },
  { name: 'UPDATE moves the paid tender to another sale', sql: (s) => [`UPDATE tenders SET sale_id = ${s.waiting.id} WHERE id = ${s.paid.id}`] },
  // Plain writes stay refused.
  { name: 'UPDATE of the paid tender', sql: (s) => [`UPDATE tenders SET status = 'cancelled', paid_at = NULL, pay_to = 'thief@wing' WHERE id = ${s.paid.id}`] },
  { name: 'DELETE of the paid tender', sql: (s) => [`DELETE FROM tenders WHERE id = ${s.paid.id}`] },

  // History: any of its rows, replaced in any way.
  {
    name: 'REPLACE INTO tender_events rewrites each history row',
    sql: (_s, db) => (db.prepare('SELECT id, tender_id, at FROM tender_events').all() as Array<{ id: number; tender_id: number; at: number }>)
      .map((e) => `REPLACE INTO tender_events (id, tender_id, at, from_status, to_status, detail) VALUES (${e.id}, ${e.tender_id}, ${e.at}, 'awaiting_payment', 'cancelled', 'rewritten')`),
  },
  {
    name: 'INSERT OR REPLACE INTO tender_events rewrites each history row',
    sql: (_s, db) => (db.prepare('SELECT id, tender_id, at FROM tender_events').all() as Array<{ id: number; tender_id: number; at: number }>)
      .map((e) => `INSERT OR REPLACE INTO tender_events (id, tender_id, at, from_status, to_status, detail) VALUES (${e.id}, ${e.tender_id}, ${e.at}, NULL, 'cancelled', NULL)`),
  },
  {
    name: 'an upsert on tender_events rewrites the paid tender\'s history',
    sql: (s) => [`INSERT INTO tender_events (id, tender_id, at, to_status) SELECT id, tender_id, at, 'cancelled' FROM tender_events WHERE tender_id = ${s.paid.id}
      ON CONFLICT (id) DO UPDATE SET to_status = 'cancelled'`],
  },
  { name: 'UPDATE of history', sql: (s) => [`UPDATE tender_events SET to_status = 'cancelled' WHERE tender_id = ${s.paid.id}`] },
  { name: 'DELETE of history', sql: (s) => [`DELETE FROM tender_events WHERE tender_id = ${s.paid.id}`] },

  // The late payment's alert: rewritten, dismissed behind the cashier's back, or removed.
  {
    name: 'REPLACE INTO alerts rewrites the late payment\'s alert',
    sql: (s) => [`REPLACE INTO alerts (id, sale_id, tender_id, kind, previous_status, created_at, dismissed_at) VALUES (${s.late.alert}, ${s.waiting.id}, ${s.waiting.id}, 'paid_late', 'cancelled', 1, 2)`],
  },
  {
    name: 'INSERT OR REPLACE INTO alerts dismisses the alert',
    sql: (s) => [`INSERT OR REPLACE INTO alerts (id, sale_id, tender_id, kind, previous_status, created_at, dismissed_at)
      SELECT id, sale_id, tender_id, kind, previous_status, created_at, 1 FROM alerts WHERE id = ${s.late.alert}`],
  },
  {
    name: 'an upsert on alerts moves the alert to another sale',
    sql: (s) => [`INSERT INTO alerts (id, sale_id, tender_id, kind, previous_status, created_at) VALUES (${s.late.alert}, ${s.waiting.id}, ${s.waiting.id}, 'paid_late', 'expired', 1)
      ON CONFLICT (id) DO UPDATE SET sale_id = excluded.sale_id`],
  },
  { name: 'UPDATE of an alert\'s sale', sql: (s) => [`UPDATE alerts SET sale_id = ${s.waiting.id}, previous_status = 'cancelled' WHERE id = ${s.late.alert}`] },
  { name: 'DELETE of an alert', sql: (s) => [`DELETE FROM alerts WHERE id = ${s.late.alert}`] },

  // The paid sale's receipt job: its sale and kind are fixed, and it is never removed.
  {
    name: 'REPLACE INTO print_jobs turns the receipt job into a test print',
    sql: (s) => [`REPLACE INTO print_jobs (id, sale_id, kind, status, next_attempt_at, created_at, updated_at) VALUES (${s.paid.receiptJob}, NULL, 'test', 'printed', 1, 1, 1)`],
  },
  {
    name: 'REPLACE INTO print_jobs with a new id removes the paid sale\'s receipt job (one receipt per sale)',
    sql: (s) => [`REPLACE INTO print_jobs (id, sale_id, kind, status, next_attempt_at, created_at, updated_at) VALUES (999, ${s.paid.id}, 'receipt', 'skipped', 1, 1, 1)`],
  },
  {
    name: 'an upsert on print_jobs moves the receipt job to another sale',
    sql: (s) => [`INSERT INTO print_jobs (id, sale_id, kind, status, next_attempt_at, created_at, updated_at) VALUES (${s.paid.receiptJob}, ${s.waiting.id}, 'copy', 'queued', 1, 1, 1)
      ON CONFLICT (id) DO UPDATE SET sale_id = excluded.sale_id, kind = excluded.kind`],
  },
  { name: 'UPDATE of a receipt job\'s sale and kind', sql: (s) => [`UPDATE print_jobs SET sale_id = ${s.waiting.id}, kind = 'copy' WHERE id = ${s.paid.receiptJob}`] },
  { name: 'UPDATE OR REPLACE moves a job onto the receipt job\'s id', sql: (s) => [
    `INSERT INTO print_jobs (sale_id, kind, status, next_attempt_at, created_at, updated_at) VALUES (NULL, 'test', 'queued', 1, 1, 1)`,
    `UPDATE OR REPLACE print_jobs SET id = ${s.paid.receiptJob} WHERE kind = 'test'`,
  ] },
  { name: 'DELETE of a receipt job', sql: (s) => [`DELETE FROM print_jobs WHERE id = ${s.paid.receiptJob}`] },
];

for (const client of CLIENTS) {
  for (const attack of ATTACKS) {
    test(`refused with ${client.name}: ${attack.name}`, (t) => {
      const s = shop(t);
      const db = attacker(t, s.dir, client.pragmas);
      const before = snapshot(db);
      // All of an attack's statements in one transaction, rolled back when one is refused.
      const run = db.transaction(() => {
        for (const sql of attack.sql(s, db)) db.exec(sql);
      });
      assert.throws(run, REFUSED);
      assert.deepEqual(snapshot(db), before);
    });
  }
}

test('the writes the POS makes after a sale is recorded still go through a second connection', (t) => {
  const s = shop(t);
  const db = attacker(t, s.dir, ['recursive_triggers = OFF', 'foreign_keys = OFF']);
  // A waiting sale is cancelled, the cashier dismisses the alert, a receipt job moves through the queue.
  db.prepare(`UPDATE tenders SET status = 'cancelled', updated_at = 5 WHERE id = ?`).run(s.waiting.id);
  db.prepare(`UPDATE tenders SET checked_at = 7 WHERE id = ?`).run(s.paid.id);
  db.prepare(`UPDATE sales SET status = 'completed', completed_at = 8, updated_at = 8 WHERE id = ?`).run(s.waiting.id);
  db.prepare('UPDATE alerts SET dismissed_at = 5 WHERE id = ?').run(s.late.alert);
  db.prepare(`UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, updated_at = 5 WHERE id = ?`).run(s.paid.receiptJob);
  db.prepare(`UPDATE print_jobs SET status = 'printed', printed_at = 6, updated_at = 6 WHERE id = ?`).run(s.paid.receiptJob);
  // Inserting new rows (not replacing any) is what the POS does all day.
  db.prepare(`INSERT INTO tender_events (tender_id, at, from_status, to_status) VALUES (?, 5, 'awaiting_payment', 'cancelled')`).run(s.waiting.id);
  db.prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, api_base_url) VALUES (?, 'khqr', 'USD', 5, 'creating', 9, 9, '')`).run(s.creating.id);
  db.prepare(`INSERT INTO print_jobs (sale_id, kind, status, next_attempt_at, created_at, updated_at) VALUES (?, 'copy', 'queued', 1, 1, 1)`).run(s.paid.id);
  // A dismissed alert stays dismissed at the time it was dismissed.
  assert.throws(() => db.prepare('UPDATE alerts SET dismissed_at = NULL WHERE id = ?').run(s.late.alert), /cannot change/);
  assert.throws(() => db.prepare('UPDATE alerts SET dismissed_at = 9 WHERE id = ?').run(s.late.alert), /cannot change/);
});
