/**
 * `ledger backup` against a real data directory while a real host has it open (holding its lock)
 * and keeps committing sales: the copy opens, passes integrity_check, holds every sale committed
 * before the backup began, is private (0600), and the output rules give their exit codes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runBackup } from '../../src/cli/commands/backup.ts';
import { CliError } from '../../src/cli/exit-codes.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { keepSelling, seedSales } from '../support/seed-sales.ts';
import { startTrainingHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';

test('backup while the POS runs and sells: a private, sound copy with every sale committed before it', async (t) => {
  const { host } = startTrainingHost(t);
  const before = seedSales(host.db, 300);
  const outDir = tempDir(t, 'pos-backup-');
  const out = join(outDir, 'ledger-backup.sqlite3');

  const selling = keepSelling(host.ledger);
  const run = await runLedgerCli(['backup', '--out', out], host.dataDir);
  const soldMeanwhile = selling.stop();

  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Backup written: .*ledger-backup\.sqlite3/);
  assert.ok(soldMeanwhile > 0, 'the POS kept committing sales while the backup ran');
  assert.equal(statSync(out).mode & 0o777, 0o600, 'the backup is a private file');
  assert.deepEqual(readdirSync(outDir), ['ledger-backup.sqlite3'], 'no temporary or -wal/-shm file is left beside it');

  const copy = new Database(out, { readonly: true, fileMustExist: true });
  t.after(() => copy.close());
  assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete', 'one self-contained file');
  const ids = new Set(copy.prepare('SELECT id FROM sales').pluck().all() as number[]);
  for (const id of before) assert.ok(ids.has(id), `sale ${id}, committed before the backup, is in it`);
  const statuses = copy.prepare('SELECT status, COUNT(*) AS n FROM sales WHERE id <= ? GROUP BY status').all(before.at(-1)) as Array<{ status: string; n: number }>;
  assert.deepEqual(statuses, [{ status: 'completed', n: 300 }]);

  // The host still holds its data and its lock: it goes on writing after the backup.
  host.ledger.create({ amountCents: 1, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
});

test('backup refuses to overwrite an existing file (exit 4) unless --force', async (t) => {
  const { host } = startTrainingHost(t);
  seedSales(host.db, 3);
  const outDir = tempDir(t, 'pos-backup-');
  const out = join(outDir, 'taken.sqlite3');
  writeFileSync(out, 'the accountant\'s file');

  const refused = await runLedgerCli(['backup', '--out', out], host.dataDir);
  assert.equal(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, /already exists: choose a new name, or add --force/);
  assert.equal(readFileSync(out, 'utf8'), 'the accountant\'s file', 'the existing file is untouched');
  assert.deepEqual(readdirSync(outDir), ['taken.sqlite3'], 'nothing else was written');

  const forced = await runLedgerCli(['backup', '--out', out, '--force'], host.dataDir);
  assert.equal(forced.code, 0, forced.stderr);
  const copy = new Database(out, { readonly: true, fileMustExist: true });
  t.after(() => copy.close());
  assert.equal(copy.prepare('SELECT COUNT(*) FROM sales').pluck().get(), 3);
  assert.equal(statSync(out).mode & 0o777, 0o600);
});

test('backup into a folder that does not exist: exit 4, in words', async (t) => {
  const { host } = startTrainingHost(t);
  const run = await runLedgerCli(['backup', '--out', join(tempDir(t), 'no-such-folder', 'b.sqlite3')], host.dataDir);
  assert.equal(run.code, 4);
  assert.match(run.stderr, /no-such-folder does not exist/);
});

test('backup of a data directory without a ledger: exit 3, naming where it looked, and nothing created', async (t) => {
  const empty = tempDir(t);
  const outDir = tempDir(t);
  const run = await runLedgerCli(['backup', '--out', join(outDir, 'b.sqlite3')], empty);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /There is no ledger at .*ledger\.sqlite3/);
  assert.deepEqual(readdirSync(empty), [], 'the CLI created no ledger (it never migrates or creates one)');
  assert.deepEqual(readdirSync(outDir), []);
});

test('backup without --out is a usage error (exit 2) with the usage line', async (t) => {
  const run = await runLedgerCli(['backup'], tempDir(t));
  assert.equal(run.code, 2);
  assert.match(run.stderr, /backup needs --out FILE/);
  assert.match(run.stderr, /Usage: npm run ledger -- backup --out FILE \[--force\]/);
});

test('a relative --out is taken from the folder the command was typed in (npm\'s INIT_CWD), not the project folder', async (t) => {
  const { host } = startTrainingHost(t);
  seedSales(host.db, 2);
  const typedIn = tempDir(t, 'pos-typed-in-');
  const run = await runLedgerCli(['backup', '--out', 'today.sqlite3'], host.dataDir, { INIT_CWD: typedIn });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(typedIn), ['today.sqlite3']);
});

test('not enough free space for the copy: refused before writing anything (exit 4), in words', async (t) => {
  const { host } = startTrainingHost(t);
  seedSales(host.db, 100);
  const outDir = tempDir(t, 'pos-backup-');
  const lines: string[] = [];
  // In-process, to give the folder a nearly full disk (statfs cannot be faked for a child process).
  const refused = await runBackup({ dataDir: host.dataDir, out: join(outDir, 'b.sqlite3'), force: false, freeBytes: () => 64 * 1024 }, (line) => lines.push(line))
    .then(() => assert.fail('the backup should have been refused'), (error: unknown) => error);
  assert.ok(refused instanceof CliError);
  assert.equal(refused.exitCode, 4);
  assert.match(refused.message, /^Not enough free space in .*: the backup needs about \d+\.\d MB and 0\.1 MB is free\. Nothing was written\.$/);
  assert.deepEqual(readdirSync(outDir), []);
  assert.deepEqual(lines, []);
});
