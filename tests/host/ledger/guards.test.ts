/**
 * A guard dropped or altered by someone with the ledger file cannot be prevented (docs/ledger.md),
 * but it is noticed: src/host/ledger/guards.ts compares the file's triggers with those the
 * migrations create, and the host says so in its log at start.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { checkLedgerGuards, expectedTriggers, guardProblems } from '../../../src/host/ledger/guards.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Every guard the schema has, by the migration that made it. A migration that rebuilds a table
 * (dropping its triggers with it) and forgets one fails here.
 */
const GUARDS = [
  // 001, 005, 011 and 012's guards of sales and sale_events went with those tables at 016 (below).
  // 012, print_jobs rebuilt with them at 015 and 018
  'print_jobs_never_replaced', 'print_jobs_identity_is_final', 'print_jobs_never_deleted',
  // 013
  'till_never_replaced', 'till_never_updated', 'till_never_deleted',
  'journal_next_in_chain', 'journal_never_updated', 'journal_never_deleted',
  // 014
  'shifts_never_replaced', 'shifts_closed_once', 'shifts_never_deleted',
  'z_reports_never_replaced', 'z_reports_never_updated', 'z_reports_never_deleted',
  // 016
  'cash_movements_never_replaced', 'cash_movements_never_updated', 'cash_movements_never_deleted',
  // 017: sales, tenders and their history, and the rebuilt alerts
  'sales_never_deleted', 'sales_never_replaced', 'sales_due_is_final', 'sales_ended_is_final',
  'tenders_never_deleted', 'tenders_never_replaced', 'tenders_identity_is_final', 'tenders_qr_is_final', 'tenders_md5_is_unique',
  'tenders_paid_row_is_final', 'tender_events_append_only_update', 'tender_events_append_only_delete', 'tender_events_never_replaced',
  'alerts_never_replaced', 'alerts_row_is_final', 'alerts_never_deleted',
  // 018: voids and refunds
  'sale_voids_never_replaced', 'sale_voids_never_updated', 'sale_voids_never_deleted',
  'refunds_never_replaced', 'refunds_never_updated', 'refunds_never_deleted',
  // 019: a sale's change and rounding
  'sales_settlement_is_final',
  // 020
  'users_never_replaced', 'users_identity_is_final', 'users_never_deleted',
  // 021: a cash tender's attempt
  'tenders_attempt_is_final',
];

/** A shop's ledger, closed, and a second connection to its file as anyone with the file could open. */
function ledgerFile(t: TestContext, migratedFromFirstVersion = false): { dir: string; file: Db } {
  const dir = tempDir(t);
  if (migratedFromFirstVersion) openLedger(dir, MIGRATIONS.filter((m) => m.version === 1)).close();
  openLedger(dir).close();
  const file = new Database(join(dir, LEDGER_FILE));
  t.after(() => file.close());
  return { dir, file };
}

test('the migrations create every guard, and nothing else', () => {
  assert.deepEqual([...expectedTriggers().keys()].sort(), [...GUARDS].sort());
});

test('a new ledger and one upgraded from the first version have every guard as the migrations wrote it', (t) => {
  for (const upgraded of [false, true]) {
    const report = checkLedgerGuards(ledgerFile(t, upgraded).file);
    assert.deepEqual(report, { ok: true, missing: [], altered: [], unexpected: [], schema: { missing: [], altered: [], unexpected: [] } });
    assert.deepEqual(guardProblems(report), []);
  }
});

test('a dropped guard is reported missing, by name', (t) => {
  const { file } = ledgerFile(t);
  file.exec('DROP TRIGGER sales_never_replaced; DROP TRIGGER tender_events_append_only_delete');
  const report = checkLedgerGuards(file);
  assert.equal(report.ok, false);
  assert.deepEqual(report.missing.sort(), ['sales_never_replaced', 'tender_events_append_only_delete']);
  assert.deepEqual(report.altered, []);
  assert.match(guardProblems(report).join('\n'), /"sales_never_replaced" is missing/);
});

test('a guard put back with other text (one that never fires) is reported altered', (t) => {
  const { file } = ledgerFile(t);
  file.exec(`DROP TRIGGER tenders_paid_row_is_final;
    CREATE TRIGGER tenders_paid_row_is_final BEFORE UPDATE ON tenders WHEN 0 BEGIN SELECT RAISE(ABORT, 'a paid tender cannot change'); END;`);
  const report = checkLedgerGuards(file);
  assert.deepEqual(report, { ok: false, missing: [], altered: ['tenders_paid_row_is_final'], unexpected: [], schema: { missing: [], altered: [], unexpected: [] } });
});

test('a trigger no migration created is reported, its name quoted as data', (t) => {
  const { file } = ledgerFile(t);
  file.exec(`CREATE TRIGGER "pay me\ninstead" AFTER INSERT ON sales BEGIN SELECT 1; END;`);
  const report = checkLedgerGuards(file);
  assert.deepEqual(report.unexpected, ['pay me\ninstead']);
  assert.deepEqual(guardProblems(report), ['the ledger file has a trigger no version of the POS created: "pay me\\ninstead"']);
});

test('the host starts on a ledger whose guard was dropped, says so loudly in its log and warns the owner', async (t) => {
  const { dir, file } = ledgerFile(t);
  file.exec('DROP TRIGGER print_jobs_never_deleted');
  const logged = t.mock.method(console, 'error', () => undefined);
  const host = startHost(t, { POS_DATA_DIR: dir });
  // The start check runs after the host is up (src/host/ledger/integrity.ts).
  await host.integrityChecked;
  assert.deepEqual(host.cashierState().integrity.ok ? [] : host.cashierState().integrity, {
    ok: false, problems: [{ code: 'integrity.guardsChanged', params: { count: 1 } }], since: (host.cashierState().integrity as { since: number }).since,
  });
  const lines = logged.mock.calls.map((call) => String(call.arguments[0]));
  assert.ok(lines.some((line) => /tampered with.*"print_jobs_never_deleted" is missing/.test(line)), lines.join('\n'));
});

test('a table, index or generated column edited through writable_schema is named; a table or index added or dropped too (review 8, finding 14)', (t) => {
  const { file } = ledgerFile(t);
  // The journal's sale_id (verifyProjection relies on it) made to read another field.
  file.unsafeMode(true); // better-sqlite3's defensive mode off: as anyone with the sqlite3 shell can
  file.pragma('writable_schema = ON');
  file.prepare(`UPDATE sqlite_schema SET sql = replace(sql, '$.sale', '$.job') WHERE type = 'table' AND name = 'journal'`).run();
  file.pragma('writable_schema = OFF');
  file.unsafeMode(false);
  file.exec('CREATE INDEX sneaky ON tenders (md5); DROP INDEX sales_by_status');
  const report = checkLedgerGuards(file);
  assert.equal(report.ok, false);
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.schema, { missing: ['index sales_by_status'], altered: ['table journal'], unexpected: ['index sneaky'] });
  const lines = guardProblems(report).join('\n');
  assert.match(lines, /"table journal" differs from what the migrations create/);
  assert.match(lines, /"index sales_by_status" is missing/);
  assert.match(lines, /"index sneaky", which no version of the POS created/);
});
