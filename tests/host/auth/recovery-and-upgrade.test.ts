import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import type { CommandReply, OwnerSignedIn } from '../../../src/shared/contract.ts';
import { seedSales } from '../../support/seed-sales.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { OWNER_PIN } from '../../support/users.ts';

const refusedWith = (reply: CommandReply<unknown>): string => (reply.ok ? 'accepted' : `${reply.error.code} ${reply.error.text.code}`);

test('the printed recovery code sets a lost owner PIN once: journaled as a reset, no secret; a new code replaces it', async (t) => {
  const host = startHost(t);
  const made = await runCommand(host, 'auth.createOwner', { name: 'Sokha', pin: OWNER_PIN });
  assert.ok(made.ok);
  const { user: owner, recoveryCode } = made.value as OwnerSignedIn;
  await runCommand(host, 'auth.lock', {});

  assert.equal(refusedWith(await runCommand(host, 'auth.recover', { code: 'AAAA-BBBB-CCCC', pin: '8642' })), 'not_allowed auth.wrongRecoveryCode');
  // As typed from the paper: lower case, without the dashes.
  const recovered = await runCommand(host, 'auth.recover', { code: recoveryCode.replace(/-/g, '').toLowerCase(), pin: '8642' });
  assert.ok(recovered.ok);
  const next = recovered.value as OwnerSignedIn;
  assert.deepEqual(next.user, owner);
  assert.notEqual(next.recoveryCode, recoveryCode);
  assert.deepEqual(host.cashierState().auth.user, owner, 'signed in');

  await runCommand(host, 'auth.lock', {});
  assert.equal(refusedWith(await runCommand(host, 'auth.signIn', { userId: owner.id, pin: OWNER_PIN })), 'not_allowed auth.wrongPin');
  assert.ok((await runCommand(host, 'auth.signIn', { userId: owner.id, pin: '8642' })).ok);
  await runCommand(host, 'auth.lock', {});
  assert.equal(refusedWith(await runCommand(host, 'auth.recover', { code: recoveryCode, pin: '1111' })), 'not_allowed auth.wrongRecoveryCode', 'a code works once');

  const resets = host.db.prepare(`SELECT actor, payload FROM journal WHERE type = 'user.pinReset'`).all() as Array<{ actor: string; payload: string }>;
  assert.deepEqual(resets, [{ actor: `user:${owner.id}`, payload: JSON.stringify({ user: owner.id, via: 'recovery' }) }]);
  const everything = (host.db.prepare('SELECT group_concat(payload, char(10)) FROM journal').pluck().get() as string).toUpperCase();
  for (const code of [recoveryCode, next.recoveryCode]) {
    assert.ok(!everything.includes(code) && !everything.includes(code.replace(/-/g, '')), 'no recovery code in the journal');
  }
});

test('upgrading a ledger from before users: its sales stay, nothing can be done until the owner is created, then it verifies', async (t) => {
  const dir = tempDir(t);
  const before = MIGRATIONS.filter((m) => m.version < 20); // before users (020)
  const old = openLedger(dir, before);
  seedSales(old, 3);
  old.close();

  const host = startHost(t, { POS_DATA_DIR: dir });
  assert.equal(host.ledger.get(3)?.status, 'paid');
  const state = host.cashierState();
  assert.deepEqual(state.auth, { user: null, users: [], needsOwner: true });
  assert.equal(refusedWith(await runCommand(host, 'sales.page', {})), 'sign_in_required auth.ownerFirst');
  assert.equal(refusedWith(await runCommand(host, 'shift.close', {})), 'sign_in_required auth.ownerFirst');
  assert.equal(refusedWith(await runCommand(host, 'auth.signIn', { userId: '00000000-0000-4000-8000-000000000000', pin: OWNER_PIN })), 'not_found auth.userNotFound');
  assert.ok((await runCommand(host, 'auth.createOwner', { name: 'Owner', pin: OWNER_PIN })).ok);
  const page = await runCommand(host, 'sales.page', {});
  assert.ok(page.ok);
  assert.ok(verifyChain(host.db).ok);
  assert.deepEqual(verifyProjection(host.db), { ok: true, sales: 3, problem: null });
});
