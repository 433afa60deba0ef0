/**
 * `ledger verify` against real data directories: a running host's healthy ledger passes; copies of
 * it damaged in different ways (a page overwritten with garbage, a dropped trigger, a migration
 * checksum rewritten) fail with exit 1 and the problem named; a missing or foreign file is exit 3.
 */
import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { openLedger } from '../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../src/host/ledger/migrations/index.ts';
import { verifyLedger, type Check } from '../../src/cli/commands/verify.ts';
import { CliError, EXIT } from '../../src/cli/exit-codes.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { keepSelling, seedSales } from '../support/seed-sales.ts';
import { startTrainingHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';

/** A data directory holding a backup (taken by the CLI) of a running host's ledger with `sales` sales. */
async function copiedLedger(t: TestContext, sales = 200): Promise<{ dataDir: string; file: string }> {
  const { host } = startTrainingHost(t);
  seedSales(host.db, sales, { unpaidEvery: 3 });
  const dataDir = tempDir(t);
  const file = join(dataDir, 'ledger.sqlite3');
  const run = await runLedgerCli(['backup', '--out', file], host.dataDir);
  assert.equal(run.code, 0, run.stderr);
  return { dataDir, file };
}

function editCopy(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    edit(db);
  } finally {
    db.close();
  }
}

test('verify passes a healthy ledger while the POS runs, saying what it checked and what it did not', async (t) => {
  const { host } = startTrainingHost(t);
  seedSales(host.db, 50);
  const selling = keepSelling(host.ledger);
  const run = await runLedgerCli(['verify'], host.dataDir);
  assert.ok(selling.stop() > 0, 'the POS kept committing sales while verify ran');
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /read-only: safe while the POS runs/);
  assert.match(run.stdout, /ok +SQLite integrity: every page, index and constraint is sound/);
  assert.match(run.stdout, /ok +foreign keys:/);
  assert.match(run.stdout, /ok +schema: version \d+: all \d+ migrations recorded, names and checksums match this build/);
  assert.match(run.stdout, /ok +protective triggers: all \d+ present and unchanged, none added/);
  assert.match(run.stdout, /ok +hash chain: \d+ rows of till [2-9A-Z]{6}, head \d+:[0-9a-f]{16}; every row hashes as stored\. Without --anchor this cannot tell a chain recomputed from scratch/);
  assert.match(run.stdout, /ok +projections: all \d+ sales match the journal/);
  assert.match(run.stdout, /Verification passed/);
  assert.equal(run.stderr, '');
});

test('verify names a page overwritten with garbage (SQLite integrity) and exits 1', async (t) => {
  const { dataDir, file } = await copiedLedger(t);
  let root = 0;
  let pageSize = 0;
  editCopy(file, (db) => {
    root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'journal'").pluck().get() as number;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  });
  const garbage = Buffer.alloc(pageSize, 0xa5);
  const fd = openSync(file, 'r+');
  writeSync(fd, garbage, 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);

  const run = await runLedgerCli(['verify'], dataDir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /PROBLEM +SQLite integrity: SQLite reports .*; the first: Tree \d+ page \d+: .* \(tree \d+ is the table journal\)/);
  assert.match(run.stdout, /Verification FAILED\. First problem: SQLite integrity: /);
});

test('verify names a dropped protective trigger and exits 1', async (t) => {
  const { dataDir, file } = await copiedLedger(t, 10);
  editCopy(file, (db) => db.exec('DROP TRIGGER tenders_paid_row_is_final'));
  const run = await runLedgerCli(['verify'], dataDir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /First problem: protective triggers: the protective trigger "tenders_paid_row_is_final" is missing/);
});

test('verify names a rewritten trigger and a trigger added by hand', async (t) => {
  const { dataDir, file } = await copiedLedger(t, 10);
  editCopy(file, (db) => {
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'tenders_paid_row_is_final'").pluck().get() as string;
    db.exec('DROP TRIGGER tenders_paid_row_is_final');
    db.exec(sql.replace("WHEN OLD.status = 'paid'", "WHEN OLD.status = 'nothing'"));
  });
  const rewritten = await runLedgerCli(['verify'], dataDir);
  assert.equal(rewritten.code, 1);
  assert.match(rewritten.stdout, /protective trigger "tenders_paid_row_is_final" differs from the one this build creates/);

  const other = await copiedLedger(t, 10);
  editCopy(other.file, (db) => db.exec("CREATE TRIGGER sneaky AFTER INSERT ON sales BEGIN SELECT 1; END"));
  const added = await runLedgerCli(['verify'], other.dataDir);
  assert.equal(added.code, 1);
  assert.match(added.stdout, /First problem: protective triggers: the ledger has a trigger "sneaky" that no version of the POS creates/);
});

test('verify names a migration whose recorded checksum is not this build\'s, and a dangling reference', async (t) => {
  const { dataDir, file } = await copiedLedger(t, 10);
  editCopy(file, (db) => db.prepare("UPDATE schema_migrations SET checksum = '0000000000000000' WHERE version = 3").run());
  const run = await runLedgerCli(['verify'], dataDir);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /First problem: schema: schema version 3 \("print-jobs"\) has checksum 0000000000000000 in the ledger but [0-9a-f]{16} in this build/);

  const other = await copiedLedger(t, 10);
  editCopy(other.file, (db) => {
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO tender_events (tender_id, at, from_status, to_status) VALUES (999999, 1, NULL, 'creating')").run();
  });
  const dangling = await runLedgerCli(['verify'], other.dataDir);
  assert.equal(dangling.code, 1, dangling.stdout + dangling.stderr);
  assert.match(dangling.stdout, /First problem: foreign keys: 1 row\(s\) refer to a missing row; the first: table tender_events row \d+ refers to a row of tenders that does not exist/);
});

test('verify without a ledger (exit 3) creates nothing; a file that is not SQLite is exit 3 too', async (t) => {
  const empty = tempDir(t);
  const missing = await runLedgerCli(['verify'], empty);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /There is no ledger at .*ledger\.sqlite3\. Is POS_DATA_DIR the POS's data directory/);
  assert.deepEqual(readdirSync(empty), []);

  const foreign = tempDir(t);
  writeFileSync(join(foreign, 'ledger.sqlite3'), 'not a database, just some text that is long enough to look like a header '.repeat(100));
  const notSqlite = await runLedgerCli(['verify'], foreign);
  assert.equal(notSqlite.code, 3);
  assert.match(notSqlite.stderr, /is not a SQLite database/);
});

test('verify names a ledger not yet upgraded to this build\'s schema, and one written by a newer build (exit 1, never migrated)', async (t) => {
  const older = tempDir(t);
  openLedger(older, MIGRATIONS.slice(0, 5)).close();
  const run = await runLedgerCli(['verify'], older);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /First problem: schema: schema version\(s\) 6, 7, .* of this build are not applied yet: start the POS once to upgrade/);
  const db = new Database(join(older, 'ledger.sqlite3'), { readonly: true });
  t.after(() => db.close());
  assert.equal(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get(), 5, 'verify did not migrate it');

  const newer = tempDir(t);
  openLedger(newer, [...MIGRATIONS, { version: 999, name: 'from-the-future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' }]).close();
  const future = await runLedgerCli(['verify'], newer);
  assert.equal(future.code, 1);
  assert.match(future.stdout, /First problem: schema: schema version 999 \("from-the-future"\) is recorded in the ledger but unknown to this build/);
});

test('verify --anchor SEQ:HASH16 checks the chain against a printed head; a journal row edited by hand is named (exit 1)', async (t) => {
  const { dataDir, file } = await copiedLedger(t, 10);
  let head = { seq: 0, hash: '' };
  editCopy(file, (db) => { head = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as typeof head; });
  const anchored = await runLedgerCli(['verify', '--anchor', `${head.seq}:${head.hash.slice(0, 16)}`], dataDir);
  assert.equal(anchored.code, 0, anchored.stdout + anchored.stderr);
  assert.match(anchored.stdout, new RegExp(`ok +hash chain: .* matches the anchor ${head.seq}:${head.hash.slice(0, 16)}`));

  const wrong = await runLedgerCli(['verify', '--anchor', `${head.seq}:0000000000000000`], dataDir);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, new RegExp(`First problem: hash chain: row ${head.seq}: anchor: row ${head.seq}'s hash begins [0-9a-f]{16}, the anchor says 0000000000000000`));

  const usage = await runLedgerCli(['verify', '--anchor', '12'], dataDir);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--anchor must be SEQ:HASH16 or CODE\[-EPOCH\]:SEQ:HASH16/);
  // 16 digits can exceed 2^53: refused as a usage error, not rounded.
  const long = await runLedgerCli(['verify', '--anchor', `1234567890123456:${head.hash.slice(0, 16)}`], dataDir);
  assert.equal(long.code, 2);

  // The till's code (and epoch) may be named: this till in epoch 1 passes; another till, or another
  // epoch, is a problem at that row.
  let code = '';
  editCopy(file, (db) => { code = (db.prepare('SELECT code FROM till').get() as { code: string }).code; });
  const named = await runLedgerCli(['verify', '--anchor', `${code}:${head.seq}:${head.hash.slice(0, 16)}`], dataDir);
  assert.equal(named.code, 0, named.stdout + named.stderr);
  assert.match(named.stdout, new RegExp(`matches the anchor ${code}:${head.seq}:${head.hash.slice(0, 16)}`));
  const otherTill = await runLedgerCli(['verify', '--anchor', `ZZZZZZ:${head.seq}:${head.hash.slice(0, 16)}`], dataDir);
  assert.equal(otherTill.code, 1);
  assert.match(otherTill.stdout, new RegExp(`anchor: the anchor names till ZZZZZZ, this ledger is till ${code}`));
  const otherEpoch = await runLedgerCli(['verify', '--anchor', `${code}-2:${head.seq}:${head.hash.slice(0, 16)}`], dataDir);
  assert.equal(otherEpoch.code, 1);
  assert.match(otherEpoch.stdout, /the anchor says row \d+ is in epoch 2, it is in epoch 1 here/);

  let opened = 0;
  editCopy(file, (db) => {
    db.exec('DROP TRIGGER journal_never_updated');
    opened = db.prepare(`SELECT seq FROM journal WHERE type = 'sale.opened' AND sale_id = 2`).pluck().get() as number;
    db.exec(`UPDATE journal SET payload = replace(payload, '"dueAmount":101', '"dueAmount":1') WHERE seq = ${opened}`);
  });
  const edited = await runLedgerCli(['verify'], dataDir);
  assert.equal(edited.code, 1);
  assert.match(edited.stdout, /PROBLEM +protective triggers: the protective trigger "journal_never_updated" is missing/);
  assert.match(edited.stdout, new RegExp(`PROBLEM +hash chain: row ${opened}: hash mismatch: row ${opened} \\(sale\\.opened\\) does not hash to its stored hash`));
});

test('a check that cannot read the ledger (SQLITE_BUSY, IOERR) ends verify with exit 3, not 1; a corrupt read stays a problem', (t) => {
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const failing = (code: string): Check[] => [{ check: 'x', run: () => { throw Object.assign(new Error(`${code} happened`), { code }); } }];
  for (const code of ['SQLITE_BUSY', 'SQLITE_IOERR_READ', 'SQLITE_NOMEM']) {
    assert.throws(() => verifyLedger(db, MIGRATIONS, {}, failing(code)), (error: unknown) =>
      error instanceof CliError && error.exitCode === EXIT.cannotRead && /could not be read during the check "x"/.test(error.message), code);
    assert.equal(db.inTransaction, false, 'the read snapshot was ended');
  }
  const [corrupt] = verifyLedger(db, MIGRATIONS, {}, failing('SQLITE_CORRUPT'));
  assert.equal(corrupt?.outcome, 'problem');
});
