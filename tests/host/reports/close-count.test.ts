/**
 * The close of issue 9 through the command path, as the Shift tab sends it (src/host/commands.ts):
 * the blind count (no expected figure in any reply or pushed state before the count is journaled),
 * the difference per currency computed, journaled and stored in the Z, a stale count refused, bad
 * counts refused, reprints and per-cashier takings; and earlier Z formats still verified.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runCommand } from '../../../src/host/commands.ts';
import { LEDGER_FILE } from '../../../src/host/ledger/database.ts';
import { canonicalJson } from '../../../src/host/ledger/journal/canonical.ts';
import { REPORT_FORMAT, verifyZReports } from '../../../src/host/reports/shift-report.ts';
import type { DrawerCount, SaleView, ShiftReport } from '../../../src/shared/contract.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { liveHost, valueOf } from '../../support/live-host.ts';
import { startTrainingHost } from '../../support/servers.ts';
import { asFormat } from '../../support/z-formats.ts';
import { signInAs } from '../../support/users.ts';
import { attemptId } from '../../support/cash-attempt.ts';


// Float $50.00 and 100,000 ៛; paid out $6.79 and a drop of 12,300 ៛: expected $43.21 and 87,700 ៛,
// figures that appear nowhere else in a reply.
const EXPECTED_USD = 4321;
const EXPECTED_KHR = 87_700;

test('the count is blind: no reply or pushed state holds the expected figure until the count is journaled; then the difference is stored in the Z', async (t) => {
  const { host } = await liveHost(t);
  const pushed: string[] = [];
  host.subscribe(() => pushed.push(JSON.stringify(host.cashierState())));
  const replies: string[] = [];
  const send = async (name: Parameters<typeof runCommand>[1], args: Record<string, unknown>) => {
    const reply = await runCommand(host, name, args as never);
    replies.push(JSON.stringify(reply));
    return reply;
  };
  assert.ok((await send('cash.setFloat', { usdCents: 5000, riel: 100_000 })).ok);
  assert.ok((await send('cash.record', { kind: 'paid_out', currency: 'USD', amount: 679, reason: 'ice' })).ok);
  assert.ok((await send('cash.record', { kind: 'drop', currency: 'KHR', amount: 12_300, reason: 'safe' })).ok);
  const x = await send('shift.x', {});
  assert.ok(x.ok);
  const blindX = x.value as ShiftReport;
  assert.equal(blindX.cash?.USD.expected, null, 'the X the screen gets before the count has no expected figure');
  assert.equal(blindX.cash?.KHR.expected, null);
  assert.equal(blindX.cash?.USD.float, 5000, 'what was entered is shown');
  await send('state.get', {});
  for (const text of [...replies, ...pushed]) {
    assert.doesNotMatch(text, new RegExp(`\\b(${EXPECTED_USD}|${EXPECTED_KHR})\\b`), 'the expected figure left the host before the count');
  }
  assert.ok(pushed.length > 0, 'states were pushed');

  // The count: USD by note ($20 ×2, $1 ×3 = $43.00: 21¢ short), riel as a total (87,800 ៛: 100 ៛ over).
  const counted = await send('shift.count', { USD: { notes: { 2000: 2, 100: 3 } }, KHR: { total: 87_800 } });
  assert.ok(counted.ok, JSON.stringify(counted));
  const count = counted.value as DrawerCount;
  assert.deepEqual(count.USD, { counted: 4300, notes: { 100: 3, 2000: 2 }, expected: EXPECTED_USD, difference: -21 });
  assert.deepEqual(count.KHR, { counted: 87_800, notes: null, expected: EXPECTED_KHR, difference: 100 });
  assert.equal(count.counts, 1);
  assert.equal(count.by, `user:${host.auth.current()!.id}`, 'the reply names who counted: the signed-in user, never "cashier"');
  const row = host.db.prepare(`SELECT version, payload FROM journal WHERE type = 'shift.counted'`).get() as { version: number; payload: string };
  assert.deepEqual(JSON.parse(row.payload), { shift: 1, USD: count.USD, KHR: count.KHR }, 'journaled before the answer');
  const afterCount = valueOf<ShiftReport>(await send('shift.x', {}));
  assert.equal(afterCount.cash?.USD.expected, EXPECTED_USD, 'counted: the X may show it now');

  const closed = await send('shift.close', {});
  assert.ok(closed.ok, JSON.stringify(closed));
  // The reply names the users for the screens; the stored Z holds ids only.
  const { names, ...z } = closed.value as ShiftReport;
  assert.equal(names?.[`user:${host.auth.current()!.id}`], 'Owner');
  assert.equal(z.format, REPORT_FORMAT);
  assert.deepEqual(z.count, { USD: count.USD, KHR: count.KHR, at: count.at, by: `user:${host.auth.current()!.id}`, counts: 1 });
  const closedRow = host.db.prepare(`SELECT version, payload FROM journal WHERE type = 'shift.closed'`).get() as { version: number; payload: string };
  assert.equal(closedRow.version, 2);
  assert.equal((host.db.prepare(`SELECT actor FROM journal WHERE type = 'shift.closed'`).pluck().get()), `user:${host.auth.current()!.id}`);
  assert.deepEqual(JSON.parse(closedRow.payload).count, {
    USD: { counted: 4300, expected: EXPECTED_USD, difference: -21 },
    KHR: { counted: 87_800, expected: EXPECTED_KHR, difference: 100 },
  });
  const stored = host.db.prepare('SELECT report FROM z_reports WHERE shift = 1').pluck().get() as string;
  assert.equal(stored, canonicalJson(z), 'the Z with its count is stored');
  assert.equal(verifyZReports(host.db), null, 'the Z equals the sum of its journal, count included');
});

test('a recount is journaled and shows; cash moved after the count makes the close refuse until counted again', async (t) => {
  const { host } = await liveHost(t);
  assert.ok((await runCommand(host, 'cash.setFloat', { usdCents: 1000, riel: 0 })).ok);
  assert.ok((await runCommand(host, 'shift.count', { USD: { total: 900 }, KHR: { total: 0 } })).ok);
  assert.ok((await runCommand(host, 'cash.record', { kind: 'paid_in', currency: 'USD', amount: 500, reason: 'change' })).ok);
  const stale = await runCommand(host, 'shift.close', {});
  assert.ok(!stale.ok);
  assert.equal(stale.error.text.code, 'shift.countStale');
  assert.match(hostMessageText(stale.error.text, 'km'), /សូមរាប់ម្តងទៀត/);
  const again = await runCommand(host, 'shift.count', { USD: { notes: { 1000: 1, 500: 1 } }, KHR: { notes: {} } });
  assert.ok(again.ok);
  assert.equal((again.value as DrawerCount).counts, 2);
  assert.equal((again.value as DrawerCount).USD.difference, 0);
  const closed = await runCommand(host, 'shift.close', {});
  assert.ok(closed.ok);
  assert.equal((closed.value as ShiftReport).count?.counts, 2, 'the Z says the drawer was counted twice');
  assert.equal(host.db.prepare(`SELECT count(*) FROM journal WHERE type = 'shift.counted'`).pluck().get(), 2, 'every count is kept');
});

test('a shift with a cash sale: the count is against the float plus the cash taken less the change, and the close takes it', async (t) => {
  const { host } = await liveHost(t);
  assert.ok((await runCommand(host, 'cash.setFloat', { usdCents: 1000, riel: 50_000 })).ok);
  // $10.25 paid with a $20 note: $9 and the rest in riel back.
  const { sale } = valueOf<{ sale: SaleView }>(await runCommand(host, 'cash.tender', { due: { currency: 'USD', amount: 1025 }, tender: { currency: 'USD', amount: 2000 }, attempt: attemptId() }));
  const change = sale.settlement.change;
  assert.equal(change.usd, 900);
  const counted = valueOf<DrawerCount>(await runCommand(host, 'shift.count', { USD: { total: 2100 }, KHR: { total: 50_000 } }));
  assert.deepEqual([counted.USD.expected, counted.USD.difference, counted.KHR.expected, counted.KHR.difference], [1000 + 2000 - 900, 0, 50_000 - change.khr, change.khr]);
  const closed = await runCommand(host, 'shift.close', {});
  assert.ok(closed.ok, JSON.stringify(closed));
  assert.deepEqual((closed.value as ShiftReport).count?.USD, counted.USD);
  assert.equal(verifyZReports(host.db), null);
});

test('a count that is not one is refused in words, and nothing is journaled', async (t) => {
  const { host } = startTrainingHost(t);
  await signInAs(host);
  assert.ok((await runCommand(host, 'cash.setFloat', { usdCents: 0, riel: 0 })).ok);
  for (const args of [
    { USD: { notes: { 300: 1 } }, KHR: { total: 0 } }, // no $3 note
    { USD: { total: 0 }, KHR: { total: 150 } }, // riel in hundreds
    { USD: { total: -1 }, KHR: { total: 0 } },
    { USD: { total: 1.5 }, KHR: { total: 0 } },
    { USD: { total: 0, notes: {} }, KHR: { total: 0 } },
    { USD: { notes: { 100: 0.5 } }, KHR: { total: 0 } },
    { USD: { total: 0 } },
  ]) {
    const reply = await runCommand(host, 'shift.count', args as never);
    assert.ok(!reply.ok, JSON.stringify(args));
    assert.equal(reply.error.code, 'invalid_request');
  }
  assert.equal(host.db.prepare(`SELECT count(*) FROM journal WHERE type = 'shift.counted'`).pluck().get(), 0);
  const noShift = startTrainingHost(t).host;
  await signInAs(noShift);
  const refused = await runCommand(noShift, 'shift.count', { USD: { total: 0 }, KHR: { total: 0 } });
  assert.ok(!refused.ok);
  assert.equal(refused.error.text.code, 'shift.noneOpen');
});

test('the Z counts reprints (Z copies) and takings per cashier', async (t) => {
  const { host, sell } = await liveHost(t);
  await sell(300);
  const z1 = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  assert.deepEqual(z1.cashiers, [{ actor: `user:${host.auth.current()!.id}`, count: 1, cents: 300, riel: z1.takings.riel }], 'by the actor who rang the sale up');
  assert.deepEqual(z1.receivingAccounts, [{ account: 'shop@aclb', count: 1, cents: 300, riel: z1.takings.riel }]);
  assert.ok((await runCommand(host, 'shift.zReprint', { n: 1 })).ok);
  assert.ok((await runCommand(host, 'shift.zReprint', { n: 1 })).ok);
  assert.equal(host.db.prepare(`SELECT count(*) FROM journal WHERE type = 'z.reprinted'`).pluck().get(), 2, 'each reprint journaled with its job');
  assert.ok((await runCommand(host, 'cash.setFloat', { usdCents: 0, riel: 0 })).ok);
  const x = valueOf<ShiftReport>(await runCommand(host, 'shift.x', {}));
  assert.deepEqual(x.reprints, { receipts: 0, z: 2 }, 'the reprints of Z1 count in the shift they were made in');
  assert.deepEqual(x.cashiers, []);
});

test('Z reports closed in formats 1 to 7 are still recomputed in their own format and verify', async (t) => {
  const { host, dir } = ((h) => ({ host: h.host, dir: h.host.dataDir }))(startTrainingHost(t));
  await signInAs(host);
  assert.ok((await runCommand(host, 'cash.setFloat', { usdCents: 100, riel: 0 })).ok);
  const { names: _names, ...z } = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  const format3 = asFormat(z, 3);
  const raw = new Database(join(dir, LEDGER_FILE));
  t.after(() => raw.close());
  const store = (report: unknown) => {
    raw.prepare('UPDATE z_reports SET report = ? WHERE shift = 1').run(canonicalJson(report));
  };
  const triggers = raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'z_reports'`).pluck().all() as string[];
  for (const name of triggers) raw.exec(`DROP TRIGGER ${name}`);
  for (const format of [1, 2, 3, 4, 5, 6, 7] as const) {
    store(asFormat(z, format));
    assert.equal(verifyZReports(raw)?.text ?? null, null, `format ${format} verifies`);
  }
  store({ ...format3, format: 4 });
  assert.match(verifyZReports(raw)?.text ?? '', /differs from the sum/, 'a format-4 Z without its close sections is named');
  store({ ...asFormat(z, 5), format: 6 });
  assert.match(verifyZReports(raw)?.text ?? '', /differs from the sum/, 'a format-6 Z without its cash sales is named');
  store({ ...asFormat(z, 6), format: 7 });
  assert.match(verifyZReports(raw)?.text ?? '', /differs from the sum/, 'a format-7 Z without its environment overrides is named');
  store({ ...asFormat(z, 7), format: 8 });
  assert.match(verifyZReports(raw)?.text ?? '', /differs from the sum/, 'a format-8 Z without its takings by sale is named');
});
