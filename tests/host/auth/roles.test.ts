/**
 * Roles in the host's command layer (commands.ts), the one place both transports go through:
 * before an owner exists only the first owner may be made; locked, only signing in; a cashier and a
 * manager are refused every owner-only command and setting; a manager may close a shift.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import type { CommandReply } from '../../../src/shared/contract.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { startHost } from '../../support/servers.ts';
import { OWNER_PIN, ownerOnlyProbes, signInAs } from '../../support/users.ts';

const refusedWith = (reply: CommandReply<unknown>): string => (reply.ok ? 'accepted' : `${reply.error.code} ${reply.error.text.code}`);

test('a new till: nothing but creating the owner until there is one; then the owner is signed in', async (t) => {
  const host = startHost(t);
  assert.equal(host.cashierState().auth.needsOwner, true);
  assert.equal(refusedWith(await runCommand(host, 'payment.charge', { amountCents: 100 })), 'sign_in_required auth.ownerFirst');
  assert.equal(refusedWith(await runCommand(host, 'settings.save', { bakongId: 'thief@aclb' })), 'sign_in_required auth.ownerFirst');
  assert.ok((await runCommand(host, 'state.get', {})).ok, 'the state is there to draw the first-start screen');
  const made = await runCommand(host, 'auth.createOwner', { name: 'សុខា', pin: OWNER_PIN });
  assert.ok(made.ok);
  const { user, recoveryCode } = made.value as { user: { id: string; name: string; role: string }; recoveryCode: string };
  assert.deepEqual({ name: user.name, role: user.role }, { name: 'សុខា', role: 'owner' });
  assert.match(recoveryCode, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  assert.deepEqual(host.cashierState().auth, { user, users: [user], needsOwner: false });
  assert.equal(refusedWith(await runCommand(host, 'auth.createOwner', { name: 'Thief', pin: '9999' })), 'not_allowed auth.ownerExists');
  // Locked: only signing in.
  assert.ok((await runCommand(host, 'auth.lock', {})).ok);
  assert.equal(host.cashierState().auth.user, null);
  assert.equal(refusedWith(await runCommand(host, 'payment.charge', { amountCents: 100 })), 'sign_in_required auth.signInFirst');
  assert.equal(refusedWith(await runCommand(host, 'auth.signIn', { userId: user.id, pin: '9999' })), 'not_allowed auth.wrongPin');
  assert.ok((await runCommand(host, 'auth.signIn', { userId: user.id, pin: OWNER_PIN })).ok);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok);
});

test('a cashier is refused every owner-only command and setting, in both languages; nothing changes', async (t) => {
  const host = startHost(t);
  await signInAs(host, 'cashier');
  const before = host.settings.current();
  const probes = ownerOnlyProbes();
  assert.ok(probes.some((p) => p.name === 'export.create') && probes.some((p) => p.name === 'users.add') && probes.some((p) => p.name === 'shift.close'));
  assert.ok(probes.some((p) => p.name === 'sync.pair' && p.refusal === 'auth.ownerOnly'), 'pairing with a back office is the owner\'s, a manager\'s neither');
  for (const probe of probes) {
    const reply = await runCommand(host, probe.name, probe.args);
    const what = `${probe.name} ${JSON.stringify(probe.args)}`;
    assert.equal(refusedWith(reply), `not_allowed ${probe.refusal}`, what);
    assert.ok(!reply.ok && /[\u1780-\u17ff]/.test(hostMessageText(reply.error.text, 'km')), `${what}: said in Khmer`);
  }
  assert.deepEqual(host.settings.current(), before);
  // What a cashier may do: sell, and choose the screen's language.
  assert.ok((await runCommand(host, 'settings.save', { language: 'km' })).ok);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok);
  // A form may send an owner-only value back unchanged.
  assert.ok((await runCommand(host, 'settings.save', { language: 'en', khrPerUsd: before.khrPerUsd })).ok);
});

test('a manager is refused the owner-only commands, but may close a shift and print its reports', async (t) => {
  const host = startHost(t);
  await signInAs(host, 'manager');
  for (const probe of ownerOnlyProbes()) {
    const reply = await runCommand(host, probe.name, probe.args);
    if (probe.refusal === 'auth.ownerOrManagerOnly') assert.notEqual(refusedWith(reply), `not_allowed ${probe.refusal}`, probe.name);
    else assert.equal(refusedWith(reply), `not_allowed ${probe.refusal}`, probe.name);
  }
  assert.ok((await runCommand(host, 'settings.save', { receiptFooter: ['See you soon'] })).ok, 'a manager may word the receipts');
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok);
  assert.ok((await runCommand(host, 'payment.cancel', { saleId: 1 })).ok);
  assert.ok((await runCommand(host, 'shift.close', {})).ok);
});

test('the owner manages users: adds, changes a role, resets a PIN, deactivates; each journaled as the owner, no PIN in any row', async (t) => {
  const host = startHost(t);
  const owner = await signInAs(host);
  const added = await runCommand(host, 'users.add', { name: 'ដារ៉ា', role: 'cashier', pin: '24680' });
  assert.ok(added.ok);
  const dara = added.value as { id: string };
  assert.ok((await runCommand(host, 'users.setRole', { userId: dara.id, role: 'manager' })).ok);
  assert.ok((await runCommand(host, 'users.resetPin', { userId: dara.id, pin: '135790' })).ok);
  assert.deepEqual((await runCommand(host, 'users.list', {})).ok && host.auth.list().map((u) => [u.name, u.role, u.active]),
    [['Owner', 'owner', true], ['ដារ៉ា', 'manager', true]]);
  await host.auth.signIn(dara.id, '135790');
  host.auth.lock();
  await host.auth.signIn(owner.id, OWNER_PIN);
  assert.ok((await runCommand(host, 'users.deactivate', { userId: dara.id })).ok);
  assert.deepEqual(host.cashierState().auth.users.map((u) => u.name), ['Owner'], 'a deactivated user has no tile');
  assert.equal(refusedWith(await runCommand(host, 'auth.signIn', { userId: dara.id, pin: '135790' })), 'not_found auth.userNotFound');
  const rows = host.db.prepare(`SELECT type, actor, payload FROM journal WHERE type LIKE 'user.%' ORDER BY seq`).all() as Array<{ type: string; actor: string; payload: string }>;
  assert.deepEqual(rows.map((r) => [r.type, r.actor]), [
    ['user.created', `user:${owner.id}`],
    ['user.created', `user:${owner.id}`],
    ['user.roleChanged', `user:${owner.id}`],
    ['user.pinReset', `user:${owner.id}`],
    ['user.deactivated', `user:${owner.id}`],
  ]);
  assert.deepEqual(JSON.parse(rows[3]!.payload), { user: dara.id, via: 'owner' });
  const all = rows.map((r) => r.payload).join('\n');
  for (const pin of ['24680', '135790', OWNER_PIN]) assert.ok(!all.includes(pin), `PIN ${pin} in a journal row`);
});

test('approve: an owner or manager PIN approves without changing who is signed in; a cashier or a wrong PIN does not', async (t) => {
  const host = startHost(t);
  const owner = await signInAs(host);
  const manager = await host.auth.addUser('Manager', 'manager', '1357');
  const cashier = await signInAs(host, 'cashier');
  const byOwner = await host.auth.approve(owner.id, OWNER_PIN, ['owner', 'manager']);
  assert.equal(byOwner.id, owner.id);
  assert.equal((await host.auth.approve(manager.id, '1357', ['owner', 'manager'])).role, 'manager');
  assert.deepEqual(host.auth.current()?.id, cashier.id, 'the cashier is still the one signed in');
  await assert.rejects(host.auth.approve(cashier.id, '5678', ['owner', 'manager']), (e: { text: { code: string } }) => e.text.code === 'auth.notApprover');
  await assert.rejects(host.auth.approve(manager.id, '0000', ['owner', 'manager']), (e: { text: { code: string } }) => e.text.code === 'auth.wrongPin');
  await assert.rejects(host.auth.approve(manager.id, '1357', ['owner']), (e: { text: { code: string } }) => e.text.code === 'auth.notApprover');
});
