import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLL_POLICY } from '../../../src/host/payments/poll-policy.ts';
import { signInAs } from '../../support/users.ts';

/** Simulates the watcher's schedule for a QR nobody pays, counting the checks it would make. */
function checksFor(lifetimeMs: number): number[] {
  const times: number[] = [];
  for (let t = DEFAULT_POLL_POLICY.delayMs(0); t <= lifetimeMs; t += DEFAULT_POLL_POLICY.delayMs(t)) times.push(t);
  return times;
}

test('at most 1 s between checks in the first 2 minutes, so Paid shows within about a second', () => {
  const times = checksFor(120_000);
  assert.ok(times[0]! <= 1_000);
  for (let i = 1; i < times.length; i += 1) assert.ok(times[i]! - times[i - 1]! <= 1_000, `gap at ${times[i]}`);
});

test('a QR left unpaid for its whole 15 minutes and its grace period costs at most 200 checks', () => {
  // +1: the watcher also wakes exactly at expiry so the screens say Expired on time.
  const count = checksFor(15 * 60_000 + DEFAULT_POLL_POLICY.graceMs).length + 1;
  assert.ok(count <= 200, `${count} checks`);
  assert.ok(count >= 150, `${count} checks: polling backed off more than it needs to`);
});

test('after failures the watcher backs off, but never slower than 15 s (or the normal pace)', () => {
  const delays = [1, 2, 3, 4, 5, 10].map((n) => DEFAULT_POLL_POLICY.errorDelayMs(n, 0));
  assert.deepEqual(delays, [2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
  assert.equal(DEFAULT_POLL_POLICY.errorDelayMs(1, 10 * 60_000), 20_000, 'never faster than the normal pace');
});

test('the real watcher, on a mocked clock, makes at most 200 checks for a QR nobody pays', async (t) => {
  const { startTrainingHost } = await import('../../support/servers.ts');
  const { runCommand } = await import('../../../src/host/commands.ts');
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.UTC(2026, 10, 24, 3) });
  const { host, sandbox } = startTrainingHost(t, {}, { now: () => Date.now() });
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  const checks = (): number => sandbox.apiRequests.check;
  const gaps: number[] = [];
  let last = Date.now();
  let seen = checks();
  for (let elapsed = 0; elapsed < 25 * 60_000; elapsed += 250) {
    t.mock.timers.tick(250);
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    if (checks() !== seen) {
      seen = checks();
      gaps.push(Date.now() - last);
      last = Date.now();
    }
  }
  assert.equal(host.ledger.get(1)!.status, 'expired');
  assert.ok(checks() <= 200 && checks() >= 150, `${checks()} checks`);
  assert.ok(gaps.slice(0, 100).every((gap) => gap <= 1_000), 'more than 1 s between early checks');
});
