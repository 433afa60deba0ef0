/**
 * The print queue's table stores a job's last problem as a catalog message (code + params), and
 * migration 6 turns problems stored as English text by earlier versions into a generic message.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, openLedger } from '../../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { hostMessage } from '../../../src/shared/messages/index.ts';
import { tempDir } from '../../support/temp.ts';

test('a job\'s problem is stored and read back as a catalog message; printing clears it', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  const job = jobs.add('test', null);
  assert.ok(jobs.markPrinting(job.id));
  jobs.markRetry(job.id, hostMessage('printer.unplugged', { printer: 'USB 0416:5011' }), Date.now());
  assert.deepEqual(jobs.get(job.id)!.lastError, { code: 'printer.unplugged', params: { printer: 'USB 0416:5011' } });
  const row = db.prepare('SELECT error_code, error_params FROM print_jobs WHERE id = ?').get(job.id);
  assert.deepEqual(row, { error_code: 'printer.unplugged', error_params: '{"printer":"USB 0416:5011"}' });
  assert.ok(jobs.markPrinting(job.id));
  jobs.markPrinted(job.id);
  assert.equal(jobs.get(job.id)!.lastError, null);

  const other = jobs.add('test', null);
  jobs.markSkipped(other.id, hostMessage('printer.notSetUp'));
  assert.deepEqual(jobs.get(other.id)!.lastError, { code: 'printer.notSetUp' });
});

test('a job cut off by a crash says so, keeping an earlier problem if it had one', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  const fresh = jobs.add('test', null);
  const failedBefore = jobs.add('test', null);
  jobs.markPrinting(failedBefore.id);
  jobs.markRetry(failedBefore.id, hostMessage('printer.stoppedTakingData', { printer: 'USB' }), 0);
  jobs.markPrinting(fresh.id);
  jobs.markPrinting(failedBefore.id);
  assert.equal(jobs.recoverInterrupted(), 2);
  assert.deepEqual(jobs.get(fresh.id)!.lastError, { code: 'printer.stoppedWhilePrinting' });
  assert.deepEqual(jobs.get(failedBefore.id)!.lastError, { code: 'printer.stoppedTakingData', params: { printer: 'USB' } });
});

test('stored values that are not a known code with flat params are not passed on as they are', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  const cases: Array<[string, string | null]> = [
    ['printer.fromTheFuture', null],
    ['printer.unplugged', '{"printer":{"nested":1}}'],
    ['printer.unplugged', '["USB"]'],
    ['printer.unplugged', 'not json'],
  ];
  for (const [code, params] of cases) {
    const job = jobs.add('test', null);
    db.prepare('UPDATE print_jobs SET error_code = ?, error_params = ? WHERE id = ?').run(code, params, job.id);
    assert.deepEqual(jobs.get(job.id)!.lastError, { code: 'printer.earlierProblem' }, `${code} ${params}`);
  }
});

test('migration 7: problems stored as text by earlier versions become a generic message; the text is gone', (t) => {
  const dir = tempDir(t);
  const before = MIGRATIONS.filter((m) => m.version < 7);
  openLedger(dir, before).close();
  const raw = new Database(join(dir, LEDGER_FILE));
  const insert = raw.prepare(`INSERT INTO print_jobs (sale_id, kind, status, last_error, next_attempt_at, created_at, updated_at) VALUES (NULL, 'test', ?, ?, 0, 0, 0)`);
  insert.run('queued', 'USB printer 0416:5011 (PAYMENT RECEIVED) was unplugged');
  insert.run('printed', null);
  raw.close();

  const db = openLedger(dir);
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  assert.deepEqual(jobs.get(1)!.lastError, { code: 'printer.earlierProblem' });
  assert.equal(jobs.get(2)!.lastError, null);
  const columns = (db.prepare('PRAGMA table_info(print_jobs)').all() as Array<{ name: string }>).map((c) => c.name);
  assert.ok(!columns.includes('last_error'), 'the free text is not kept');
  assert.ok(columns.includes('error_code') && columns.includes('error_params'));
});

test('a job handed to a Windows printer queue is recorded spooled, not printed, with what is known (migration 10)', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const jobs = new PrintJobs(db, () => 5_000);
  const job = jobs.add('test', null);
  assert.ok(jobs.markPrinting(job.id));
  jobs.markSpooled(job.id, hostMessage('printer.windowsSpooled', { name: 'POS-80C' }));
  const spooled = jobs.get(job.id)!;
  assert.equal(spooled.status, 'spooled');
  assert.equal(spooled.printedAt, 5_000);
  assert.deepEqual(spooled.lastError, { code: 'printer.windowsSpooled', params: { name: 'POS-80C' } });
  assert.equal(jobs.nextQueued(), null, 'never sent again');
  assert.throws(() => db.prepare(`UPDATE print_jobs SET status = 'lost' WHERE id = ?`).run(job.id), /CHECK constraint/);
});

test('migration 10 keeps every job, its columns and the one-receipt-per-sale rule', (t) => {
  const dir = tempDir(t);
  openLedger(dir, MIGRATIONS.filter((m) => m.version < 10)).close();
  const raw = new Database(join(dir, LEDGER_FILE));
  raw.prepare(`INSERT INTO print_jobs (sale_id, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at, printed_at, error_code, error_params)
               VALUES (NULL, 'test', 'queued', 3, 1, 10, 20, 30, NULL, 'printer.unplugged', '{"printer":"USB"}')`).run();
  raw.close();
  const db = openLedger(dir);
  t.after(() => db.close());
  const job = new PrintJobs(db).get(1)!;
  assert.deepEqual(
    [job.status, job.attempts, job.interrupted, job.nextAttemptAt, job.createdAt, job.lastError],
    ['queued', 3, true, 10, 20, { code: 'printer.unplugged', params: { printer: 'USB' } }],
  );
  const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'print_jobs' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
  // Version 15 rebuilt the table again and added one automatic Z print per shift; 18 one receipt per refund and per void.
  assert.deepEqual(indexes, ['print_jobs_by_sale', 'print_jobs_one_receipt', 'print_jobs_one_refund', 'print_jobs_one_void', 'print_jobs_one_z', 'print_jobs_pending']);
});

test('migration 15 keeps every job and adds Z report prints: one automatic z per shift, copies as many as asked', (t) => {
  const dir = tempDir(t);
  openLedger(dir, MIGRATIONS.filter((m) => m.version < 15)).close();
  const raw = new Database(join(dir, LEDGER_FILE));
  raw.prepare(`INSERT INTO print_jobs (sale_id, kind, status, attempts, interrupted, next_attempt_at, created_at, updated_at)
               VALUES (NULL, 'test', 'printed', 1, 0, 10, 20, 30)`).run();
  raw.close();
  const db = openLedger(dir);
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  assert.deepEqual([jobs.get(1)!.kind, jobs.get(1)!.status, jobs.get(1)!.shift], ['test', 'printed', null]);
  db.prepare(`INSERT INTO shifts (shift, business_date, reason, opened_by, opened_at, opened_seq) VALUES (1, '2026-12-01', 'explicit', 'cashier', 1, 1)`).run();
  assert.equal(jobs.addZ('z', 1).shift, 1);
  assert.throws(() => jobs.addZ('z', 1), /cannot be replaced|UNIQUE/);
  assert.equal(jobs.addZ('z_copy', 1).kind, 'z_copy');
  assert.throws(() => db.prepare(`INSERT INTO print_jobs (kind, status, next_attempt_at, created_at, updated_at) VALUES ('z', 'queued', 1, 1, 1)`).run(), /CHECK/);
});
