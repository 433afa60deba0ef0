/**
 * The review's attack, done as a dishonest cashier would (issue 8 review, HIGH): switch the Bakong ID
 * to `thief@wing`, sell $20, switch it back. A signed-in cashier is refused the switch; a switch that
 * got into the ledger all the same (made outside any signed-in command, as a build before users
 * journaled it) must not make the $20 the shop's takings on the Z or in the export: it is counted
 * apart, named with the account it paid, and both changes are listed as not approved (no owner made
 * them). An owner's change is approved. Real sandbox over loopback HTTP, real host, ledger and export.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { verifyZReports } from '../../../src/host/reports/shift-report.ts';
import type { ShiftReport } from '../../../src/shared/contract.ts';
import { liveHost, valueOf } from '../../support/live-host.ts';
import { tempDir } from '../../support/temp.ts';
import { OWNER_PIN, signInAs } from '../../support/users.ts';

test('a Bakong ID switched to thief@wing for one $20 sale and back: the Z and the export keep the $20 out of takings and name the account', async (t) => {
  const { host, sell } = await liveHost(t);
  await sell(1555);
  const owner = host.auth.current()!;
  await signInAs(host, 'cashier');
  const refused = await runCommand(host, 'settings.save', { bakongId: 'thief@wing' });
  assert.deepEqual(!refused.ok && refused.error.text.code, 'auth.ownerOnlySettings', 'a cashier cannot switch it');
  await host.auth.signIn(owner.id, OWNER_PIN);
  host.saveSettings({ bakongId: 'thief@wing' });
  const stolen = await sell(2000);
  assert.equal(host.ledger.get(stolen)!.receivingAccount, 'thief@wing');
  host.saveSettings({ bakongId: 'shop@aclb' });

  const x = valueOf<ShiftReport>(await runCommand(host, 'shift.x', {}));
  assert.equal(x.takings.cents, 1555, 'the X already leaves it out');
  assert.ok((await runCommand(host, 'shift.count', { USD: { total: 0 }, KHR: { total: 0 } })).ok);
  const z = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  assert.equal(z.takings.cents, 1555, 'takings: only the sale paid to the shop');
  assert.equal(z.otherAccount.cents, 2000);
  assert.deepEqual(z.otherAccount.accounts, [{ sale: stolen, account: 'thief@wing' }]);
  assert.equal(z.approvedAccount, 'shop@aclb');
  assert.deepEqual(z.receivingAccounts?.map((a) => [a.account, a.cents]), [['shop@aclb', 1555]]);
  assert.deepEqual(z.accountChanges?.map((c) => [c.key, c.from, c.to, c.actor, c.approved]), [
    ['bakongId', 'shop@aclb', 'thief@wing', 'system', false],
    ['bakongId', 'thief@wing', 'shop@aclb', 'system', false],
  ]);
  assert.equal(verifyZReports(host.db), null);

  // The export by that Z: the row says it was not paid to the shop's own account, and the summary agrees with the Z.
  const out = join(tempDir(t), 'z1.csv');
  const result = await exportSales(host.db, { format: 'csv', z: 1, out });
  assert.equal(result.takings.cents, 1555);
  assert.equal(result.otherAccount.cents, 2000);
  const [header, ...rows] = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));
  const column = (name: string) => header!.indexOf(name);
  const row = rows.find((r) => r[column('Sale number')] === String(stolen))!;
  assert.equal(row[column('Receiving account')], 'thief@wing');
  assert.equal(row[column('Shop account')], 'thief@wing', "the sale's own Bakong ID was switched…");
  assert.equal(row[column('Approved shop account')], 'shop@aclb');
  assert.equal(row[column("Paid to shop's own account")], 'no', '…so the export judges by the approved one');
});

test('a change before the first shift sets the account; the next shift starts from the account as it stood at the close', async (t) => {
  const { host, sell } = await liveHost(t);
  await sell(100);
  assert.ok((await runCommand(host, 'shift.close', {})).ok);
  // Changed between shifts, not by the owner: inside shift 2's range (it runs from the row after the close), not approved.
  host.saveSettings({ bakongId: 'thief@wing' });
  await sell(200);
  const z2 = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  assert.equal(z2.approvedAccount, 'shop@aclb');
  assert.equal(z2.takings.cents, 0);
  assert.deepEqual(z2.otherAccount.accounts?.map((a) => a.account), ['thief@wing']);
  // Shift 3 starts from the account as it stood at shift 2's close: nobody changed it back.
  await sell(300);
  const z3 = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  assert.equal(z3.approvedAccount, 'thief@wing');
  assert.deepEqual(z3.accountChanges, []);
});

test('the owner\'s change of the Bakong ID in a shift is approved: what the new account receives is takings', async (t) => {
  const { host, sell } = await liveHost(t);
  await sell(100);
  assert.ok((await runCommand(host, 'settings.save', { bakongId: 'shop2@aclb' })).ok);
  await sell(250);
  assert.ok((await runCommand(host, 'shift.count', { USD: { total: 0 }, KHR: { total: 0 } })).ok);
  const z = valueOf<ShiftReport>(await runCommand(host, 'shift.close', {}));
  assert.equal(z.takings.cents, 350);
  assert.equal(z.otherAccount.cents, 0);
  assert.deepEqual(z.accountChanges?.map((c) => [c.to, c.actor, c.approved]), [['shop2@aclb', `user:${host.auth.current()!.id}`, true]]);
  assert.equal(verifyZReports(host.db), null);
});
