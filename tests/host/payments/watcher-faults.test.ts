/**
 * The payment watcher against every sandbox fault mode, over real loopback HTTP. What must hold in
 * each: no false PAID (an unpaid QR never becomes paid), no lost PAID (a paid QR ends paid once the
 * API answers properly again), and the cashier is told while the API cannot be used.
 *
 * Time is the test's: the sandbox and the host share a clock moved by hand (a QR's 15 minutes, its
 * grace period and outage windows pass when the test says), and the tests about the pace itself
 * (Retry-After) run on node:test's mocked timers. Nothing here depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createHost } from '../../../src/host/host.ts';
import { runCommand } from '../../../src/host/commands.ts';
import type { Host } from '../../../src/host/host.ts';
import type { PollPolicy } from '../../../src/host/payments/poll-policy.ts';
import { parseFaults } from '../../../src/sandbox/faults.ts';
import { inProcessFetch } from '../../../src/sandbox/in-process.ts';
import { Sandbox } from '../../../src/sandbox/simulator.ts';
import { trainingMode } from '../../../src/sandbox/training.ts';
import { flush, testClock, type TestClock } from '../../support/clock.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { englishText, type HostMessage } from '../../../src/shared/messages/index.ts';
import { signInAs } from '../../support/users.ts';

/** A watch or sale message as the English text the cashier would read (empty when none). */
const msgText = (message: HostMessage | null | undefined): string => (message ? englishText(message) : '');

/**
 * Fast polling so a test sees many checks in little real time (the real pace is tested in
 * poll-policy.test.ts); the real 5-minute grace period, since the clock is the test's.
 */
const FAST: PollPolicy = { delayMs: () => 40, errorDelayMs: () => 40, graceMs: 5 * 60_000 };

const LIVE = { POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' };

interface Setup {
  host: Host;
  sandbox: Sandbox;
  /** The sandbox's and the host's clock: stands still until the test moves it. */
  clock: TestClock;
}

async function setup(t: TestContext, faults = ''): Promise<Setup> {
  const clock = testClock();
  const { sandbox, url } = await startSandbox(t, { now: clock.now });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url }, { policy: FAST, now: clock.now });
  await signInAs(host);
  sandbox.faults = parseFaults(faults, undefined, clock.now());
  return { host, sandbox, clock };
}

/** Charges with faults off (the create must succeed), then switches the given faults on for the watching. */
async function chargeThenFault({ host, sandbox, clock }: Setup, faults: string): Promise<string> {
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.ok(reply.ok, JSON.stringify(reply));
  // Outage windows are read on the sandbox's clock.
  sandbox.faults = parseFaults(faults, undefined, clock.now());
  return host.ledger.get(1)!.md5!;
}

/** The QR's expiry (epoch ms, on the test clock) of sale 1. */
const expiryOf = (host: Host): number => host.ledger.get(1)!.expiresAt!;

/**
 * A live-mode host and its sandbox on node:test's mocked timers and clock: every wait the watcher
 * makes passes only when the test ticks. The sandbox is reached in process (no socket, whose I/O
 * would need real time), through the same API client and the same answers as over HTTP.
 */
function mockedSetup(t: TestContext, ttlMs?: number): { host: Host; sandbox: Sandbox; tick(ms: number): Promise<void> } {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.UTC(2026, 10, 24, 3) });
  const now = (): number => Date.now();
  const sandbox = new Sandbox({ now, ttlMs });
  const env = { ...LIVE, POS_BAKONG_API_URL: 'https://api.example.test', POS_DATA_DIR: tempDir(t) };
  const host = createHost({ env, training: trainingMode(env), now, policy: FAST, fetch: inProcessFetch(sandbox) });
  t.after(() => host.close());
  return {
    host,
    sandbox,
    async tick(ms) {
      t.mock.timers.tick(ms);
      await flush();
    },
  };
}

for (const [name, faults] of [
  ['server errors', 'error_rate=1'],
  ['malformed JSON', 'malformed=1'],
  ['an outage', 'outage=0:60'],
  ['a check answer for another account', 'hostile=check_other_account'],
  ['a check answer for another amount', 'hostile=check_other_amount'],
  ['an undocumented status', 'hostile=check_unknown_status'],
  ['PAID without an amount', 'hostile=check_paid_without_amount'],
] as const) {
  test(`${name}: never a false PAID, the cashier sees the API as unusable, and the payment is found once it recovers`, async (t) => {
    const setUp = await setup(t);
    const { host, sandbox } = setUp;
    const md5 = await chargeThenFault(setUp, faults);
    const checksBefore = sandbox.apiRequests.check;
    sandbox.pay(md5);
    await waitFor('the unreachable warning', () => host.cashierState().watch?.apiUnreachable);
    await waitFor('several checks during the fault', () => sandbox.apiRequests.check >= checksBefore + 5);
    assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'a faulty answer was taken for a payment');
    assert.ok(host.cashierState().watch?.lastError, 'the cashier is not told why');
    sandbox.faults = parseFaults('');
    await waitFor('paid after recovery', () => host.ledger.get(1)!.status === 'paid');
    assert.equal(host.cashierState().watch, null, 'the watch ends at a terminal state');
    assert.equal(host.ledger.history(1).filter((e) => e.to === 'paid').length, 1);
  });
}

test('an unpaid QR under every fault at once never becomes paid, and expires', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox, clock } = setUp;
  await chargeThenFault(setUp, 'error_rate=0.3,malformed=0.3,latency_ms=30,hostile=check_other_amount+check_unknown_status');
  await waitFor('many checks under the faults', () => sandbox.apiRequests.check > 10);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'a faulty answer ended the sale');
  clock.set(expiryOf(host) + 1); // the QR's 15 minutes are over
  await waitFor('expiry', () => host.ledger.get(1)!.status === 'expired');
  assert.notEqual(host.ledger.get(1)!.status, 'paid');
  assert.equal(host.ledger.history(1).filter((e) => e.to === 'paid').length, 0);
});

test('added latency only delays the payment', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox } = setUp;
  const md5 = await chargeThenFault(setUp, 'latency_ms=300');
  sandbox.pay(md5);
  await waitFor('paid despite latency', () => host.ledger.get(1)!.status === 'paid');
});

test('HTTP 429 with Retry-After: the watcher waits as asked before checking again', async (t) => {
  const { host, sandbox, tick } = mockedSetup(t);
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  sandbox.faults = parseFaults('rate_limit=1,retry_after=1');
  const checks = (): number => sandbox.apiRequests.check;
  await tick(FAST.delayMs(0));
  assert.equal(checks(), 1, 'the first check');
  assert.match(msgText(host.cashierState().watch?.lastError), /too many requests/);
  // Unthrottled this policy checks every 40 ms; each 429 says "after 1 s", and the watcher waits exactly that.
  for (let round = 2; round <= 6; round += 1) {
    await tick(999);
    assert.equal(checks(), round - 1, `checked again before the second asked for had passed (round ${round})`);
    await tick(1);
    assert.equal(checks(), round, `not checked again once the second had passed (round ${round})`);
  }
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
});

test('an outage window: checks fail while it lasts, then the payment made during it is recorded', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox, clock } = setUp;
  const md5 = await chargeThenFault(setUp, 'outage=0:60');
  sandbox.pay(md5);
  await waitFor('the unreachable warning', () => host.cashierState().watch?.apiUnreachable);
  assert.match(englishText(host.cashierState().watch!.lastError!), /Cannot reach the payment service/);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
  clock.advance(60_000); // the outage window is over
  await waitFor('paid after the outage', () => host.ledger.get(1)!.status === 'paid');
  assert.equal(host.cashierState().watch, null);
});

for (const [mode, check] of [
  ['other_account', /pays the account “attacker@wing”/],
  ['other_amount', /asks for \$11\.50, not \$10\.50/],
  ['bad_crc', /checksum \(tag 63\) is missing or wrong/],
  ['md5_mismatch', /does not match its reference \(md5\)/],
  ['static_qr', /static QR/],
  ['no_expiry', /no expiry/],
  ['extra_payee', /another payee \(tag 26\)/],
  ['alt_name', /second merchant name \(tag 64\)/],
  ['short_life', /only \d+ s of life left/],
] as const) {
  test(`a hostile create answer (${mode}) is refused before any screen sees it, and the sale is recorded failed`, async (t) => {
    const { host } = await setup(t, `hostile=${mode}`);
    const displayed: Array<string | null> = [];
    host.subscribe(() => displayed.push(host.displayState().khqrString));
    const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
    assert.equal(!reply.ok && reply.error.code, 'verification_failed');
    assert.match(!reply.ok ? reply.error.message : '', check);
    const sale = host.ledger.get(1)!;
    assert.equal(sale.status, 'failed');
    assert.match(englishText(sale.failureReason!), check);
    assert.equal(sale.khqrString, null, 'the refused QR was stored as if usable');
    await flush(); // every screen update the charge queued has run
    assert.ok(displayed.every((qr) => qr === null), 'a refused QR reached the customer display');
  });
}

test('a cancelled QR paid within the grace period is recorded paid late, and the cashier is alerted', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox } = setUp;
  const md5 = await chargeThenFault(setUp, '');
  assert.ok((await runCommand(host, 'payment.cancel', { saleId: 1 })).ok);
  sandbox.pay(md5);
  await waitFor('paid late', () => host.ledger.get(1)!.status === 'paid');
  const alerts = host.cashierState().alerts;
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.saleId, 1);
  assert.deepEqual(alerts[0]!.message, { code: 'alert.paidAfterCancel', params: { sale: 1, amount: '$10.50' } });
  assert.match(englishText(alerts[0]!.message), /paid after it had been cancelled/);
  assert.ok((await runCommand(host, 'alerts.dismiss', { id: alerts[0]!.id })).ok);
  assert.equal(host.cashierState().alerts.length, 0);
});

test('an expired QR is no longer checked once its grace period is over', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox, clock } = setUp;
  await chargeThenFault(setUp, '');
  const expiresAt = expiryOf(host);
  clock.set(expiresAt + 1);
  await waitFor('expiry', () => host.ledger.get(1)!.status === 'expired');
  assert.equal(host.displayState().stillChecking, true, 'the customer is not told the POS still checks');
  // Within the grace period the ended QR is still checked (a bank may report a payment late)...
  clock.set(expiresAt + FAST.graceMs - 1_000);
  const inGrace = sandbox.apiRequests.check;
  await waitFor('checks during the grace period', () => sandbox.apiRequests.check >= inGrace + 3);
  assert.equal(host.ledger.get(1)!.finalCheckAt, null);
  // ...and once an answer after it confirms the QR unpaid, the watch ends: no timer is left to check again.
  clock.set(expiresAt + FAST.graceMs + 1);
  await waitFor('the final check', () => host.ledger.get(1)!.finalCheckAt !== null);
  await waitFor('the watch to end', () => !host.payments.watcher.isWatching(1));
  assert.equal(host.displayState().stillChecking, false, 'the customer is still told the POS checks');
  assert.equal(host.cashierState().watch, null, 'still checking after the grace period');
  assert.equal(host.ledger.get(1)!.status, 'expired');
});

test('a payment made before expiry is recorded even when the API is down through the whole grace period', async (t) => {
  const setUp = await setup(t);
  const { host, sandbox, clock } = setUp;
  const md5 = await chargeThenFault(setUp, 'outage=0:3600'); // an hour without the API, from now
  const expiresAt = expiryOf(host);
  sandbox.pay(md5); // the customer paid in time; the POS just cannot hear it yet
  await waitFor('the unreachable warning', () => host.cashierState().watch?.apiUnreachable);
  clock.set(expiresAt + 1);
  await waitFor('local expiry during the outage', () => host.ledger.get(1)!.status === 'expired');
  clock.set(expiresAt + FAST.graceMs + 1); // grace over, still in the outage
  const checks = sandbox.apiRequests.check;
  await waitFor('checks after the grace period', () => sandbox.apiRequests.check >= checks + 3);
  assert.equal(host.ledger.get(1)!.finalCheckAt, null, 'a check that got no answer was taken as "unpaid"');
  assert.equal(host.payments.watcher.isWatching(1), true, 'the watch ended with no answer after the grace period');
  clock.set(clock.now() + 60 * 60_000); // the outage is over
  await waitFor('paid once the API answers again', () => host.ledger.get(1)!.status === 'paid');
  assert.equal(host.ledger.get(1)!.paidLate, true);
  assert.equal(host.cashierState().alerts.length, 1, 'the cashier is alerted');
});

test('an ended QR never confirmed unpaid is watched again after a restart, and its payment recorded', async (t) => {
  const clock = testClock();
  const { sandbox, url } = await startSandbox(t, { now: clock.now });
  const env = { ...LIVE, POS_BAKONG_API_URL: url, POS_DATA_DIR: tempDir(t) };
  const first = startHost(t, env, { policy: FAST, now: clock.now });
  await signInAs(first);
  assert.ok((await runCommand(first, 'payment.charge', { amountCents: 1050 })).ok);
  const md5 = first.ledger.get(1)!.md5!;
  const expiresAt = expiryOf(first);
  sandbox.faults = parseFaults('outage=0:3600', undefined, clock.now());
  clock.set(expiresAt + 1);
  await waitFor('expired locally', () => first.ledger.get(1)!.status === 'expired');
  assert.equal(first.ledger.get(1)!.finalCheckAt, null, 'no answer confirmed it unpaid');
  await first.close();
  sandbox.pay(md5, { late: true });
  clock.set(expiresAt + FAST.graceMs + 1); // the grace period passes while the POS is off
  sandbox.faults = parseFaults('');
  const second = startHost(t, env, { policy: FAST, now: clock.now });
  await signInAs(second);
  await waitFor('paid after restart', () => second.ledger.get(1)!.status === 'paid');
});

test('a long Retry-After does not hold a QR past its expiry: Expired shows on time, without asking the API', async (t) => {
  // A QR living 5 minutes, and a Retry-After of 10 (the longest the client accepts).
  const { host, sandbox, tick } = mockedSetup(t, 5 * 60_000);
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  const expiresAt = expiryOf(host);
  sandbox.faults = parseFaults('rate_limit=1,retry_after=600');
  await tick(FAST.delayMs(0));
  assert.match(msgText(host.cashierState().watch?.lastError), /too many requests/);
  const checks = sandbox.apiRequests.check;
  await tick(expiresAt - 1 - Date.now());
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'expired before its time');
  assert.ok(host.displayState().khqrString, 'the QR left the display before its expiry');
  await tick(1);
  assert.equal(host.ledger.get(1)!.status, 'expired', 'not expired at its expiry');
  assert.equal(host.displayState().khqrString, null);
  assert.equal(sandbox.apiRequests.check, checks, 'asked the API despite Retry-After');
  sandbox.faults = parseFaults('');
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok, 'the till is free again');
});
