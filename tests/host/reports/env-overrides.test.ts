/**
 * Environment overrides: journaled at start only when they differ from the last such row, flagged on
 * the X and Z (and the printed Z); a Z stored in format 1 (before issue 9) still verifies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { shiftReport, verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { canonicalJson } from '../../../src/host/ledger/journal/canonical.ts';
import type { ShiftReport } from '../../../src/shared/contract.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';
import { asFormat } from '../../support/z-formats.ts';
import { SettingsStore } from '../../../src/host/config/settings.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { getShift } from '../../../src/host/ledger/shifts.ts';
import { foldJournal } from '../../../src/shared/reports/journal-fold.ts';
import { tillLedger } from '../../support/till-ledger.ts';

const rows = (host: ReturnType<typeof startHost>) =>
  (host.db.prepare(`SELECT actor, payload FROM journal WHERE type = 'settings.envOverrides' ORDER BY seq`).all() as Array<{ actor: string; payload: string }>);

test('overrides are journaled at start when they change (never the key), and flagged on the X and the Z', async (t) => {
  const dir = tempDir(t);
  const plain = startHost(t, { POS_DATA_DIR: dir });
  assert.deepEqual(rows(plain), [], 'no overrides, nothing journaled');
  await plain.close();

  const env = { POS_DATA_DIR: dir, POS_BAKONG_ID: 'env@aclb', POS_BAKONG_API_KEY: 'sk-env-secret-123' };
  const first = startHost(t, env);
  await first.close();
  const again = startHost(t, env);
  const journaled = rows(again);
  assert.equal(journaled.length, 1, 'the same environment again adds no row');
  assert.deepEqual(journaled[0], { actor: 'system', payload: canonicalJson({ apiKeyFromEnv: true, overrides: { bakongId: 'env@aclb' } }) });
  assert.ok(!journaled[0]!.payload.includes('sk-env'));

  await signInAs(again);
  assert.ok((await runCommand(again, 'payment.charge', { amountCents: 100 })).ok);
  const x = await runCommand(again, 'shift.x', {});
  assert.ok(x.ok);
  assert.deepEqual((x.value as ShiftReport).envOverrides, { keys: ['bakongId'], apiKeyFromEnv: true });
  await runCommand(again, 'payment.cancel', { saleId: 1 });
  const z = await runCommand(again, 'shift.close', {});
  assert.ok(z.ok);
  assert.deepEqual((z.value as ShiftReport).envOverrides, { keys: ['bakongId'], apiKeyFromEnv: true });
  await again.close();

  // Back to no overrides: journaled once, as "none".
  const after = startHost(t, { POS_DATA_DIR: dir });
  assert.equal(rows(after).length, 2);
  assert.deepEqual(JSON.parse(rows(after)[1]!.payload), { apiKeyFromEnv: false, overrides: {} });
  assert.equal(shiftReport(after.db, { kind: 'X' }).envOverrides, null);
  assert.equal(verifyZReports(after.db), null);
  assert.ok(verifyProjection(after.db).ok);
});

test('a Z stored in format 1 (before cash control and issue 9) is recomputed in format 1 and still verifies', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok);
  await runCommand(host, 'payment.cancel', { saleId: 1 });
  assert.ok((await runCommand(host, 'shift.close', {})).ok);
  const shift = host.shifts.zReport(1)!;
  // Stored as an older build would have: format 1, without the fields added since.
  const old = canonicalJson(asFormat(shift, 1));
  host.db.exec('DROP TRIGGER z_reports_never_updated');
  host.db.prepare('UPDATE z_reports SET report = ? WHERE shift = 1').run(old);
  assert.equal(verifyZReports(host.db), null);
  // And a format-1 Z changed by hand is still caught.
  host.db.prepare('UPDATE z_reports SET report = ? WHERE shift = 1').run(old.replace('"format":1', '"format":1,"x":1'));
  assert.notEqual(verifyZReports(host.db), null);
});

test('a Bakong ID fixed by POS_BAKONG_ID is the approved one from report format 8: its sales are takings, the Z names it; format 7 kept its old count', (t) => {
  const till = tillLedger(t);
  const now = () => (till.clock.at += 1000);
  // Saved in Settings before, then fixed by the environment at a restart.
  new SettingsStore(till.db, {}).save({ bakongId: 'old@aclb' });
  new SettingsStore(till.db, { bakongId: 'env@aclb' }, { set: () => true, fromEnv: false }).journalOverrides(now());
  now();
  const sale = till.sales.create({ amountCents: 500, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'env@aclb', apiBaseUrl: 'https://api.test' });
  till.sales.attachQr(sale.id, { md5: 'c'.repeat(32), khqrString: 'KHQR-env', expiresAt: 9_999_999_999_999, payTo: 'env@aclb' });
  now();
  recordPayment(till.tables, sale.id, 'paid', ['awaiting_payment']);
  now();
  const z = till.shifts.close();
  assert.equal(z.approvedAccount, 'env@aclb', 'printed as the approved Bakong ID, not "—" or the one Settings no longer uses');
  assert.deepEqual([z.takings.count, z.takings.cents, z.otherAccount.count], [1, 500, 0]);
  assert.deepEqual(z.envOverrides, { keys: ['bakongId'], apiKeyFromEnv: false }, 'and flagged as fixed by the environment');
  // A Z closed by a format-7 build is recomputed as it counted then (verify keeps passing).
  const closed = getShift(till.db, 1)!;
  const old = shiftReport(till.db, { kind: 'Z', shift: closed, zNumber: closed.zNumber, closedAt: closed.closedAt, toSeq: closed.lastSeq!, format: 7 });
  assert.deepEqual([old.approvedAccount, old.otherAccount.count], ['old@aclb', 1]);
  assert.equal(verifyZReports(till.db), null);
  // The back office's fold agrees.
  assert.equal(foldJournal(till.foldRows()).shifts[0]!.report.approvedAccount, 'env@aclb');
});
