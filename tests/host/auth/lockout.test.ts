import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitAfter } from '../../../src/host/auth/lockout.ts';
import { hostMessageText, type HostMessage } from '../../../src/shared/messages/index.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { OTHER_PIN, signInAs } from '../../support/users.ts';

const refusal = async (attempt: Promise<unknown>): Promise<unknown> => {
  try {
    await attempt;
  } catch (error) {
    return (error as { text: unknown }).text;
  }
  return 'accepted';
};

test('the wait after wrong PINs grows: none for the first two, then 30 s doubling, at most 15 minutes', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(waitAfter), [0, 0, 30_000, 60_000, 120_000, 240_000, 900_000]);
});

test('wrong PINs slow down per user, the wait survives a restart, the right PIN after the wait signs in and clears it', async (t) => {
  let now = Date.UTC(2026, 11, 1, 3, 0, 0);
  const clock = { now: () => now };
  const dir = tempDir(t);
  const first = startHost(t, { POS_DATA_DIR: dir }, clock);
  const cashier = await signInAs(first, 'cashier');
  first.auth.lock();

  assert.deepEqual(await refusal(first.auth.signIn(cashier.id, '0000')), { code: 'auth.wrongPin' });
  assert.deepEqual(await refusal(first.auth.signIn(cashier.id, '0001')), { code: 'auth.wrongPin' });
  assert.deepEqual(await refusal(first.auth.signIn(cashier.id, '0002')), { code: 'auth.wrongPinWait', params: { seconds: 30 } });
  // Even the right PIN is not checked while the wait runs.
  now += 10_000;
  assert.deepEqual(await refusal(first.auth.signIn(cashier.id, OTHER_PIN)), { code: 'auth.wait', params: { seconds: 20 } });
  // The owner is not slowed down by the cashier's mistakes.
  const owner = first.auth.state().users.find((u) => u.role === 'owner')!;
  assert.equal((await signInAs(first, 'owner')).id, owner.id);
  first.auth.lock();
  await first.close();

  // A restart does not reset it.
  const second = startHost(t, { POS_DATA_DIR: dir }, clock);
  assert.deepEqual(await refusal(second.auth.signIn(cashier.id, OTHER_PIN)), { code: 'auth.wait', params: { seconds: 20 } });
  now += 20_000;
  assert.deepEqual(await refusal(second.auth.signIn(cashier.id, '0003')), { code: 'auth.wrongPinWait', params: { seconds: 60 } });
  now += 60_000;
  assert.deepEqual(await second.auth.signIn(cashier.id, OTHER_PIN), cashier);
  second.auth.lock();
  // Cleared by the right PIN: the next mistake is a free one again.
  assert.deepEqual(await refusal(second.auth.signIn(cashier.id, '0004')), { code: 'auth.wrongPin' });
  assert.deepEqual(await second.auth.signIn(cashier.id, OTHER_PIN), cashier);
});

test('wrong recovery codes have their own wait, and it says recovery codes, not PINs (en and km)', async (t) => {
  let now = Date.UTC(2026, 11, 1, 3, 0, 0);
  const host = startHost(t, {}, { now: () => now });
  await signInAs(host);
  host.auth.lock();
  for (const code of ['AAAA-BBBB-CCCC', 'AAAA-BBBB-CCCD']) {
    assert.deepEqual(await refusal(host.auth.recover(code, '8642')), { code: 'auth.wrongRecoveryCode' });
  }
  await refusal(host.auth.recover('AAAA-BBBB-CCCE', '8642'));
  now += 10_000;
  const waiting = (await refusal(host.auth.recover('AAAA-BBBB-CCCF', '8642'))) as HostMessage;
  assert.deepEqual(waiting, { code: 'auth.recoveryWait', params: { seconds: 20 } });
  assert.equal(hostMessageText(waiting, 'en'), 'Too many wrong recovery codes: wait 20 seconds before trying again.');
  assert.equal(hostMessageText(waiting, 'km'), 'លេខកូដសង្គ្រោះខុសច្រើនដងពេក៖ សូមរង់ចាំ 20 វិនាទី មុននឹងព្យាយាមម្តងទៀត។');
});
