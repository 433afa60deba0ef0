/**
 * Cash control in the ledger (src/host/ledger/cash-movements.ts, migration 016): the float per
 * currency, paid-ins, paid-outs and safe drops with their reasons, each a `cash.moved` journal row and
 * a cash_movements row written together; the X/Z cash section and the expected cash from them; the
 * table's guards against a second connection; and `verifyProjection` naming a movement rewritten,
 * removed or planted while the guards were away (and put back).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { CashMovements } from '../../../src/host/ledger/cash-movements.ts';
import { LEDGER_FILE, openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { expectedInDrawer } from '../../../src/shared/reports/cash-report.ts';
import { verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { runLedgerCli } from '../../support/ledger-cli.ts';
import { tempDir } from '../../support/temp.ts';
import { asFormat } from '../../support/z-formats.ts';

const CASHIER = { actor: 'cashier', training: false } as const;

function ledger(t: TestContext) {
  let clock = Date.parse('2026-12-01T02:00:00Z');
  const now = () => (clock += 1000);
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  return { dir, db, cash: new CashMovements(db, now), shifts: new Shifts(db, now), sales: new SalesLedger(db, now) };
}

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { text?: { code: string } }).text?.code;
  }
  return undefined;
};

function rows(db: Db, type: string): Array<Record<string, unknown>> {
  return (db.prepare('SELECT payload FROM journal WHERE type = ? ORDER BY seq').all(type) as Array<{ payload: string }>).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

test('the float opens the shift, is written in both currencies with its journal rows, and only once', (t) => {
  const { db, cash, shifts } = ledger(t);
  assert.equal(cash.needsFloat(), true);
  cash.setFloat({ usdCents: 5000, riel: 100_000 }, CASHIER);
  assert.equal(shifts.current()?.reason, 'explicit');
  assert.equal(cash.needsFloat(), false);
  assert.deepEqual(cash.forShift(1).map((m) => [m.kind, m.currency, m.amount, m.reason]), [['float', 'USD', 5000, null], ['float', 'KHR', 100_000, null]]);
  assert.deepEqual(rows(db, 'cash.moved'), [
    { movement: 1, shift: 1, kind: 'float', currency: 'USD', amount: 5000, reason: null, training: false },
    { movement: 2, shift: 1, kind: 'float', currency: 'KHR', amount: 100_000, reason: null, training: false },
  ]);
  assert.equal(code(() => cash.setFloat({ usdCents: 1, riel: 0 }, CASHIER)), 'drawer.floatAlreadySet');
  assert.equal(cash.forShift(1).length, 2, 'nothing written by the refusal');
});

test('a shift opened by a KHQR sale has no float: every cash event asks for it first', (t) => {
  const { cash, sales } = ledger(t);
  sales.create({ amountCents: 250, khrPerUsd: 4000, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  assert.equal(cash.needsFloat(), true);
  assert.equal(code(() => cash.record({ kind: 'paid_out', currency: 'USD', amount: 500, reason: 'ice' }, CASHIER)), 'drawer.floatFirst');
  cash.setFloat({ usdCents: 0, riel: 0 }, CASHIER);
  assert.equal(cash.record({ kind: 'paid_out', currency: 'USD', amount: 500, reason: 'ice' }, CASHIER).shift, 1, 'the sale\'s shift');
});

test('paid-in, paid-out and safe drops keep the reason as typed (trimmed, Khmer too); amounts and reasons are checked strictly', (t) => {
  const { db, cash } = ledger(t);
  cash.setFloat({ usdCents: 2000, riel: 40_000 }, CASHIER);
  cash.record({ kind: 'paid_out', currency: 'KHR', amount: 12_000, reason: '  ទិញទឹកកក  ' }, CASHIER);
  cash.record({ kind: 'paid_in', currency: 'USD', amount: 1000, reason: 'owner added change' }, CASHIER);
  cash.record({ kind: 'drop', currency: 'USD', amount: 1500, reason: 'to the safe "A"' }, CASHIER);
  assert.deepEqual(cash.forShift(1).slice(2).map((m) => m.reason), ['ទិញទឹកកក', 'owner added change', 'to the safe "A"']);
  assert.equal(rows(db, 'cash.moved')[2]!.reason, 'ទិញទឹកកក');
  const refused: Array<[Parameters<CashMovements['record']>[0], string]> = [
    [{ kind: 'drop', currency: 'KHR', amount: 150, reason: 'safe' }, 'drawer.amountKhr'],
    [{ kind: 'drop', currency: 'KHR', amount: 400_000_100, reason: 'safe' }, 'drawer.amountKhr'],
    [{ kind: 'drop', currency: 'USD', amount: 0, reason: 'safe' }, 'drawer.amountUsd'],
    [{ kind: 'drop', currency: 'USD', amount: 10.5, reason: 'safe' }, 'drawer.amountUsd'],
    [{ kind: 'drop', currency: 'USD', amount: 10_000_001, reason: 'safe' }, 'drawer.amountUsd'],
    [{ kind: 'paid_out', currency: 'USD', amount: 100, reason: 'x'.repeat(61) }, 'drawer.reason'],
    [{ kind: 'paid_out', currency: 'USD', amount: 100, reason: 'ice\nDELETE' }, 'drawer.reason'],
    [{ kind: 'paid_out', currency: 'USD', amount: 100, reason: '\u202eecnefer' }, 'drawer.reason'],
    [{ kind: 'paid_out', currency: 'USD', amount: 100, reason: '' }, 'drawer.reason'],
  ];
  for (const [input, expected] of refused) assert.equal(code(() => cash.record(input, CASHIER)), expected, JSON.stringify(input));
  assert.equal(cash.forShift(1).length, 5, 'no refused movement was written');
  assert.equal(cash.record({ kind: 'paid_out', currency: 'USD', amount: 100, reason: 'x'.repeat(60) }, CASHIER).reason?.length, 60);
});

test('the X and Z say per currency: float, paid in, paid out, drops, drawer opens without a sale, expected in drawer', (t) => {
  const { db, cash, shifts } = ledger(t);
  cash.setFloat({ usdCents: 5000, riel: 100_000 }, CASHIER);
  cash.record({ kind: 'paid_in', currency: 'USD', amount: 1000, reason: 'change from the owner' }, CASHIER);
  cash.record({ kind: 'paid_out', currency: 'USD', amount: 250, reason: 'ice' }, CASHIER);
  cash.record({ kind: 'paid_out', currency: 'KHR', amount: 8000, reason: 'bread' }, CASHIER);
  cash.record({ kind: 'drop', currency: 'KHR', amount: 50_000, reason: 'safe' }, CASHIER);
  cash.record({ kind: 'paid_in', currency: 'USD', amount: 700, reason: 'practice' }, { actor: 'cashier', training: true });
  cash.journalNoSaleOpen({ actor: 'cashier', approver: 'cashier' });
  cash.journalNoSaleOpen({ actor: 'cashier', approver: 'cashier' });
  const x = shifts.xReport();
  assert.equal(x.format, 8, 'the cash section (2), tenders (3), the close (4), refunds and voids (5), cash sales (6), environment overrides (7), takings by sale (8)');
  const none = { count: 0, amount: 0 };
  assert.deepEqual(x.cash?.USD, { float: 5000, paidIn: { count: 1, amount: 1000 }, paidOut: { count: 1, amount: 250 }, drops: { count: 0, amount: 0 }, refunds: none, voids: none, cashTenders: none, change: none, expected: 5750 });
  assert.deepEqual(x.cash?.KHR, { float: 100_000, paidIn: { count: 0, amount: 0 }, paidOut: { count: 1, amount: 8000 }, drops: { count: 1, amount: 50_000 }, refunds: none, voids: none, cashTenders: none, change: none, expected: 42_000 });
  assert.equal(x.cash?.noSaleOpens, 2);
  assert.equal(x.cash?.training, 1, 'the training movement is listed apart, never counted');
  assert.equal(x.cash?.movements.length, 7);
  assert.equal(expectedInDrawer({ float: null, paidIn: { count: 1, amount: 5 }, paidOut: { count: 0, amount: 0 }, drops: { count: 1, amount: 2 } }), 3);

  const z = shifts.close();
  assert.deepEqual(z.cash, x.cash, 'the Z holds what the X showed');
  assert.equal(verifyZReports(db), null, 'the stored Z is the sum of its journal rows');
  assert.equal(verifyProjection(db).ok, true);
  // The next shift starts without a float: none of shift 1's cash carries over by itself.
  assert.equal(cash.needsFloat(), true);
  assert.equal(shifts.xReport().cash?.USD.float, null);
});

test('a Z closed before cash control (format 1) still verifies: it is recomputed in its own format', (t) => {
  const { dir, cash, shifts } = ledger(t);
  cash.setFloat({ usdCents: 100, riel: 0 }, CASHIER);
  const z = shifts.close();
  // Format 1 had neither the cash section (2) nor the tender lines (3) nor the close's sections (4).
  const format1 = asFormat(z, 1);
  const raw = new Database(join(dir, LEDGER_FILE));
  t.after(() => raw.close());
  rewrite(raw, `UPDATE z_reports SET report = '${JSON.stringify(sortKeys(format1))}' WHERE shift = 1`);
  assert.equal(verifyZReports(raw), null);
  rewrite(raw, `UPDATE z_reports SET report = '${JSON.stringify(sortKeys({ ...format1, format: 2 }))}' WHERE shift = 1`);
  assert.match(verifyZReports(raw)?.text ?? '', /differs from the sum of shift 1's journal rows/, 'a format-2 Z without its cash is named');
});

/** Canonical JSON's key order (the stored report is canonical JSON). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}

/** `sql` through a second connection with every trigger dropped, each put back exactly as it was. */
function rewrite(db: Db, sql: string): void {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
  db.exec(sql);
  for (const trigger of triggers) db.exec(trigger.sql);
}

function shopWithCash(t: TestContext): { dir: string; raw: Db } {
  const { dir, db, cash, shifts } = ledger(t);
  cash.setFloat({ usdCents: 5000, riel: 100_000 }, CASHIER);
  cash.record({ kind: 'paid_out', currency: 'USD', amount: 250, reason: 'ice' }, CASHIER);
  shifts.close();
  cash.setFloat({ usdCents: 3000, riel: 0 }, CASHIER);
  cash.record({ kind: 'drop', currency: 'USD', amount: 1000, reason: 'safe' }, CASHIER);
  db.close();
  const raw = new Database(join(dir, LEDGER_FILE));
  t.after(() => raw.close());
  return { dir, raw };
}

test('the guards refuse, whatever the pragmas: changing, deleting or replacing a movement, a second float, cash in a closed shift', (t) => {
  const { raw } = shopWithCash(t);
  for (const pragmas of ['PRAGMA recursive_triggers = OFF; PRAGMA foreign_keys = OFF', 'PRAGMA recursive_triggers = ON; PRAGMA foreign_keys = ON']) {
    raw.exec(pragmas);
    const attempts = [
      'UPDATE cash_movements SET amount = 1 WHERE id = 3',
      `UPDATE cash_movements SET reason = 'bribe' WHERE id = 3`,
      'DELETE FROM cash_movements WHERE id = 4',
      `INSERT OR REPLACE INTO cash_movements (id, shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (6, 2, 'drop', 'USD', 1, 'safe', 0, 'cashier', 1, 999)`,
      `INSERT INTO cash_movements (shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (2, 'float', 'USD', 1, NULL, 0, 'cashier', 1, 998)`,
      `INSERT INTO cash_movements (shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (1, 'paid_in', 'USD', 100, 'late', 0, 'cashier', 1, 997)`,
      `REPLACE INTO cash_movements (id, shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (NULL, 2, 'drop', 'USD', 5, 'x', 0, 'cashier', 1, (SELECT seq FROM cash_movements WHERE id = 6))`,
    ];
    for (const sql of attempts) assert.throws(() => raw.exec(sql), /cannot|never|once|constraint/i, sql);
  }
  assert.equal(raw.prepare('SELECT COUNT(*) FROM cash_movements').pluck().get(), 6);
});

const TAMPER: Array<[string, string, RegExp]> = [
  ['an amount lowered', 'UPDATE cash_movements SET amount = 100 WHERE id = 6', /cash movement 6 has amount 100, the journal says 1000/],
  ['a reason rewritten', `UPDATE cash_movements SET reason = 'change' WHERE id = 3`, /cash movement 3 has reason "change", the journal says "ice"/],
  ['a drop turned into a paid-in', `UPDATE cash_movements SET kind = 'paid_in' WHERE id = 6`, /cash movement 6 has kind "paid_in", the journal says "drop"/],
  ['a paid-out removed', 'DELETE FROM cash_movements WHERE id = 3', /cash movement 3 is in the journal but missing from the cash_movements table/],
  ['a paid-in planted', `INSERT INTO cash_movements (id, shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (7, 2, 'paid_in', 'USD', 9900, 'found', 0, 'cashier', 1, 999)`, /cash movement 7 is in the cash_movements table but no journal row records it/],
];

for (const [what, sql, named] of TAMPER) {
  test(`verify names ${what} with the guards dropped and put back`, (t) => {
    const { raw } = shopWithCash(t);
    assert.equal(verifyProjection(raw).ok, true, 'untouched');
    rewrite(raw, sql);
    const report = verifyProjection(raw);
    assert.equal(report.ok, false);
    assert.match(report.problem?.text ?? '', named);
    assert.ok(report.problem?.movement !== undefined, 'named as a cash movement');
  });
}

test('`ledger verify` exits 1 naming the cash movement rewritten', async (t) => {
  const { dir, raw } = shopWithCash(t);
  rewrite(raw, 'UPDATE cash_movements SET amount = 100 WHERE id = 6');
  raw.close();
  const run = await runLedgerCli(['verify'], dir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /PROBLEM +projections: cash movement 6: cash movement 6 has amount 100, the journal says 1000/);
});
