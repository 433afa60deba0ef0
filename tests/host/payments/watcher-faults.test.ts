/**
 * The payment watcher against every sandbox fault mode, over real loopback HTTP. What must hold in
 * each: no false PAID (an unpaid QR never becomes paid), no lost PAID (a paid QR ends paid once the
 * API answers properly again), and the cashier is told while the API cannot be used.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import type { Host } from '../../../src/host/host.ts';
import type { PollPolicy } from '../../../src/host/payments/poll-policy.ts';
import { parseFaults } from '../../../src/sandbox/faults.ts';
import type { Sandbox } from '../../../src/sandbox/simulator.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { englishText, type HostMessage } from '../../../src/shared/messages/index.ts';

/** A watch or sale message as the English text the cashier would read (empty when none). */
const msgText = (message: HostMessage | null | undefined): string => (message ? englishText(message) : '');

/** Fast polling so a test sees many checks in little time; the real pace is tested in poll-policy.test.ts. */
const FAST: PollPolicy = { delayMs: () => 40, errorDelayMs: () => 40, graceMs: 1_500 };

async function setup(t: TestContext, faults = '', ttlMs?: number): Promise<{ host: Host; sandbox: Sandbox; url: string }> {
  const { sandbox, url } = await startSandbox(t, { ttlMs });
  // Sandbox QRs living a second or two would be refused as too short-lived; these tests are about expiry.
  const policy = ttlMs === undefined ? FAST : { ...FAST, minLifeLeftMs: 0 };
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy });
  sandbox.faults = parseFaults(faults);
  return { host, sandbox, url };
}

/** Charges with faults off (the create must succeed), then switches the given faults on for the watching. */
async function chargeThenFault(host: Host, sandbox: Sandbox, faults: string): Promise<string> {
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.ok(reply.ok, JSON.stringify(reply));
  sandbox.faults = parseFaults(faults);
  return host.ledger.get(1)!.md5!;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    const { host, sandbox } = await setup(t);
    const md5 = await chargeThenFault(host, sandbox, faults);
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
  const { host, sandbox } = await setup(t, '', 1_500);
  await chargeThenFault(host, sandbox, 'error_rate=0.3,malformed=0.3,latency_ms=30,hostile=check_other_amount+check_unknown_status');
  await waitFor('expiry', () => host.ledger.get(1)!.status === 'expired', 5_000);
  assert.ok(sandbox.apiRequests.check > 5);
  assert.notEqual(host.ledger.get(1)!.status, 'paid');
});

test('added latency only delays the payment', async (t) => {
  const { host, sandbox } = await setup(t);
  const md5 = await chargeThenFault(host, sandbox, 'latency_ms=300');
  sandbox.pay(md5);
  await waitFor('paid despite latency', () => host.ledger.get(1)!.status === 'paid');
});

test('HTTP 429 with Retry-After: the watcher waits as asked before checking again', async (t) => {
  const { host, sandbox } = await setup(t);
  await chargeThenFault(host, sandbox, 'rate_limit=1,retry_after=1');
  const start = sandbox.apiRequests.check;
  await settle(2_300);
  const during = sandbox.apiRequests.check - start;
  // Unthrottled this policy would check ~55 times in 2.3 s; honouring Retry-After: 1 allows about 3.
  assert.ok(during >= 2 && during <= 4, `checked ${during} times in 2.3 s under Retry-After: 1`);
  assert.match(msgText(host.cashierState().watch?.lastError), /too many requests/);
});

test('an outage window: checks fail while it lasts, then the payment made during it is recorded', async (t) => {
  const { host, sandbox } = await setup(t);
  const md5 = await chargeThenFault(host, sandbox, 'outage=0:1');
  sandbox.pay(md5);
  await waitFor('the unreachable warning', () => host.cashierState().watch?.apiUnreachable);
  assert.match(englishText(host.cashierState().watch!.lastError!), /Cannot reach the payment service/);
  await waitFor('paid after the outage', () => host.ledger.get(1)!.status === 'paid', 5_000);
});

for (const [mode, check] of [
  ['other_account', /pays account attacker@wing/],
  ['other_amount', /asks for \$11\.50, not \$10\.50/],
  ['bad_crc', /CRC/],
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
    await settle(20);
    assert.ok(displayed.every((qr) => qr === null), 'a refused QR reached the customer display');
  });
}

test('a cancelled QR paid within the grace period is recorded paid late, and the cashier is alerted', async (t) => {
  const { host, sandbox } = await setup(t);
  const md5 = await chargeThenFault(host, sandbox, '');
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
  const { host, sandbox } = await setup(t, '', 800);
  await chargeThenFault(host, sandbox, '');
  await waitFor('expiry', () => host.ledger.get(1)!.status === 'expired');
  assert.equal(host.displayState().stillChecking, true, 'the customer is not told the POS still checks');
  await settle(800 + FAST.graceMs);
  const after = sandbox.apiRequests.check;
  await settle(300);
  assert.equal(sandbox.apiRequests.check, after, 'still checking after the grace period');
  assert.equal(host.displayState().stillChecking, false);
});

test('a payment made before expiry is recorded even when the API is down through the whole grace period', async (t) => {
  const { host, sandbox } = await setup(t, '', 1_500);
  const md5 = await chargeThenFault(host, sandbox, 'outage=0:4');
  await settle(500);
  sandbox.pay(md5); // the customer paid in time; the POS just cannot hear it yet
  await waitFor('local expiry during the outage', () => host.ledger.get(1)!.status === 'expired');
  await settle(1_500 + FAST.graceMs); // grace over, still in the outage
  await waitFor('paid once the API answers again', () => host.ledger.get(1)!.status === 'paid', 6_000);
  assert.equal(host.ledger.get(1)!.paidLate, true);
  assert.equal(host.cashierState().alerts.length, 1, 'the cashier is alerted');
});

test('an ended QR never confirmed unpaid is watched again after a restart, and its payment recorded', async (t) => {
  const { sandbox, url } = await startSandbox(t, { ttlMs: 1_000 });
  const env = { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store', POS_DATA_DIR: tempDir(t) };
  const first = startHost(t, env, { policy: { ...FAST, minLifeLeftMs: 0 } });
  assert.ok((await runCommand(first, 'payment.charge', { amountCents: 1050 })).ok);
  const md5 = first.ledger.get(1)!.md5!;
  sandbox.faults = parseFaults('outage=0:60');
  await waitFor('expired locally', () => first.ledger.get(1)!.status === 'expired');
  await first.close();
  sandbox.pay(md5, { late: true });
  await settle(1_000 + FAST.graceMs); // the grace period passes while the POS is off
  sandbox.faults = parseFaults('');
  const second = startHost(t, env, { policy: FAST });
  await waitFor('paid after restart', () => second.ledger.get(1)!.status === 'paid');
});

test('a long Retry-After does not hold a QR past its expiry: Expired shows on time, without asking the API', async (t) => {
  const { host, sandbox } = await setup(t, '', 1_200);
  await chargeThenFault(host, sandbox, 'rate_limit=1,retry_after=600');
  await waitFor('a 429', () => /too many requests/.test(msgText(host.cashierState().watch?.lastError)));
  const checks = sandbox.apiRequests.check;
  await waitFor('expired on time', () => host.ledger.get(1)!.status === 'expired', 2_500);
  assert.equal(host.displayState().khqrString, null);
  assert.equal(sandbox.apiRequests.check, checks, 'asked the API despite Retry-After');
  sandbox.faults = parseFaults('');
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 100 })).ok, 'the till is free again');
});
