/**
 * The whole payment flow in the host, against the sandbox over real loopback HTTP (live mode) or
 * the embedded sandbox (training mode), with a real SQLite ledger in a temp directory.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DisplayState } from '../../../src/shared/contract.ts';
import { runCommand } from '../../../src/host/commands.ts';
import type { Host } from '../../../src/host/host.ts';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { startHost, startSandbox, startScriptedServer } from '../../support/servers.ts';
import { flush, testClock } from '../../support/clock.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { signInAs } from '../../support/users.ts';

const LIVE = { POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' };

/** Every display state the customer could have seen, in order. */
function recordDisplay(host: Host): DisplayState[] {
  const seen: DisplayState[] = [host.displayState()];
  host.subscribe(() => seen.push(host.displayState()));
  return seen;
}

async function command(host: Host, name: string, args: unknown = {}) {
  return runCommand(host, name, args);
}

test('live mode over HTTP: charge $10.50, the customer pays, the sale is recorded paid and both screens say so', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  const seen = recordDisplay(host);
  const reply = await command(host, 'payment.charge', { amountCents: 1050 });
  assert.ok(reply.ok, JSON.stringify(reply));
  const sale = host.ledger.get(1)!;
  assert.equal(sale.status, 'awaiting_payment');
  assert.equal(sale.amountCents, 1050);
  assert.equal(host.displayState().khqrString, sale.khqrString);
  assert.equal(host.displayState().phase, 'awaiting');
  assert.equal(host.cashierState().mode, 'live');
  sandbox.pay(sale.md5!);
  await waitFor('the sale to be recorded paid', () => host.ledger.get(1)!.status === 'paid');
  await waitFor('the display to say paid', () => seen.at(-1)!.phase === 'paid');
  assert.equal(host.cashierState().current!.status, 'paid');
  assert.deepEqual(
    { count: host.cashierState().totals.paidCount, cents: host.cashierState().totals.paidCents },
    { count: 1, cents: 1050 },
  );
  assert.equal(seen.at(-1)!.khqrString, null, 'the QR leaves the customer display once paid');
});

test('an unpaid QR expires on both screens and in the ledger', async (t) => {
  // The sandbox and the host share a clock the test moves: the QR's 15 minutes pass when it says.
  const clock = testClock();
  const { url } = await startSandbox(t, { now: clock.now });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url }, { now: clock.now });
  await signInAs(host);
  assert.ok((await command(host, 'payment.charge', { amountCents: 500 })).ok);
  const sale = host.ledger.get(1)!;
  assert.equal(sale.expiresAt! - clock.now(), 15 * 60_000);
  clock.set(sale.expiresAt! - 1);
  assert.ok((await command(host, 'payment.checkNow', { saleId: 1 })).ok);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'expired before its time');
  assert.equal(host.displayState().khqrString, sale.khqrString);
  clock.set(sale.expiresAt! + 1);
  await waitFor('expiry', () => host.ledger.get(1)!.status === 'expired');
  assert.equal(host.displayState().phase, 'expired');
  assert.equal(host.displayState().khqrString, null);
});

test('the cashier cancels: recorded cancelled, QR gone, and the next charge can start', async (t) => {
  const { url } = await startSandbox(t);
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  assert.ok((await command(host, 'payment.charge', { amountCents: 500 })).ok);
  const refused = await command(host, 'payment.charge', { amountCents: 700 });
  assert.equal(!refused.ok && refused.error.code, 'payment_in_progress');
  const cancelled = await command(host, 'payment.cancel', { saleId: 1 });
  assert.ok(cancelled.ok);
  assert.equal(host.ledger.get(1)!.status, 'cancelled');
  assert.equal(host.displayState().phase, 'cancelled');
  assert.equal(host.displayState().khqrString, null);
  assert.ok((await command(host, 'payment.dismiss')).ok);
  assert.equal(host.displayState().phase, 'idle');
  assert.ok((await command(host, 'payment.charge', { amountCents: 700 })).ok);
});

test('when the API cannot be reached the cashier is told plainly and the sale is recorded failed', async (t) => {
  const { url } = await startScriptedServer(t, (_req, res) => res.destroy());
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  const reply = await command(host, 'payment.charge', { amountCents: 1050 });
  assert.equal(reply.ok, false);
  assert.equal(!reply.ok && reply.error.code, 'api_error');
  assert.match(!reply.ok ? reply.error.message : '', /Cannot reach the payment service/);
  const sale = host.ledger.get(1)!;
  assert.equal(sale.status, 'failed');
  assert.match(englishText(sale.failureReason!), /Cannot reach/);
  assert.equal(host.displayState().khqrString, null);
});

test('a create answer whose QR pays another account never reaches a screen', async (t) => {
  const khqrString = buildKhqr({
    accountType: 'merchant', bakongAccountId: 'thief@wing', merchantId: '123', acquiringBank: 'Wing', merchantName: 'My Store',
    currency: 'USD', amountMinor: 1050, createdAtMs: Date.now(), expiresAtMs: Date.now() + 900_000,
  });
  const { url } = await startScriptedServer(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ md5: khqrMd5(khqrString), khqrString, bakong_qr: 'x' }));
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  const seen = recordDisplay(host);
  const reply = await command(host, 'payment.charge', { amountCents: 1050 });
  assert.equal(!reply.ok && reply.error.code, 'verification_failed');
  assert.match(!reply.ok ? reply.error.message : '', /pays the account “thief@wing”/);
  assert.equal(host.ledger.get(1)!.status, 'failed');
  await flush(); // every screen update the charge queued has run
  assert.ok(seen.every((state) => state.khqrString === null), 'the hostile QR was shown');
});

test('live mode without a Bakong account refuses to charge and records nothing', async (t) => {
  const { url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url });
  await signInAs(host);
  const reply = await command(host, 'payment.charge', { amountCents: 100 });
  assert.equal(!reply.ok && reply.error.code, 'not_configured');
  assert.equal(host.ledger.get(1), null);
});

test('training mode: the embedded sandbox, marked training, paid with Simulate payment', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  assert.equal(host.cashierState().mode, 'training');
  assert.ok((await command(host, 'payment.charge', { amountCents: 1050 })).ok);
  assert.equal(host.displayState().training, true);
  assert.ok(host.displayState().khqrString?.startsWith('000201'));
  assert.ok((await command(host, 'training.simulatePayment', { saleId: 1 })).ok);
  await waitFor('paid', () => host.ledger.get(1)!.status === 'paid');
  assert.equal(host.ledger.get(1)!.training, true);
});

test('a payment made while the POS was closed is recorded paid when it starts again', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const env = { ...LIVE, POS_BAKONG_API_URL: url, POS_DATA_DIR: tempDir(t) };
  const first = startHost(t, env);
  await signInAs(first);
  assert.ok((await command(first, 'payment.charge', { amountCents: 999 })).ok);
  const md5 = first.ledger.get(1)!.md5!;
  await first.close();
  sandbox.pay(md5);
  const second = startHost(t, env);
  await signInAs(second);
  assert.equal(second.cashierState().current?.id, 1, 'the unresolved sale is back on screen');
  await waitFor('paid after restart', () => second.ledger.get(1)!.status === 'paid');
  assert.equal(second.ledger.history(1).filter((e) => e.to === 'paid').length, 1);
});

test('commands with malformed arguments are refused before anything happens', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  const cases: Array<[string, unknown, string]> = [
    ['payment.charge', { amountCents: 10.5 }, 'invalid_amount'],
    ['payment.charge', { amountCents: '1050' }, 'invalid_amount'],
    ['payment.charge', { amountCents: -1 }, 'invalid_amount'],
    ['payment.charge', { amountCents: 1050, extra: 1 }, 'invalid_request'],
    ['payment.charge', [1050], 'invalid_request'],
    ['payment.cancel', { saleId: '1' }, 'invalid_request'],
    ['payment.cancel', { saleId: 42 }, 'not_found'],
    ['no.such.command', {}, 'invalid_request'],
    ['__proto__', {}, 'invalid_request'],
    ['settings.save', { merchantName: 'x'.repeat(40) }, 'invalid_request'],
  ];
  for (const [name, args, code] of cases) {
    const reply = await command(host, name, args);
    assert.equal(!reply.ok && reply.error.code, code, `${name} ${JSON.stringify(args)}`);
  }
  assert.equal(host.ledger.get(1), null);
});

test('training mode survives a restart mid-payment: the trainee can still pay the QR on screen', async (t) => {
  const env = { POS_DATA_DIR: tempDir(t) };
  const first = startHost(t, env);
  await signInAs(first);
  assert.ok((await command(first, 'payment.charge', { amountCents: 300 })).ok);
  await first.close();
  const second = startHost(t, env);
  await signInAs(second);
  assert.equal(second.cashierState().current?.status, 'awaiting_payment');
  assert.ok((await command(second, 'training.simulatePayment', { saleId: 1 })).ok);
  await waitFor('paid after restart', () => second.ledger.get(1)!.status === 'paid');
});

test('training QRs never pay the shop\'s real account, and training sales never count as takings', async (t) => {
  const host = startHost(t, { POS_BAKONG_ID: 'realshop@aclb' });
  await signInAs(host);
  assert.equal(host.cashierState().mode, 'training');
  assert.ok((await command(host, 'payment.charge', { amountCents: 99_900 })).ok);
  const { parseKhqr } = await import('../../../src/host/khqr/index.ts');
  assert.equal(parseKhqr(host.displayState().khqrString!).account.bakongAccountId, 'training@sandbox');
  assert.ok((await command(host, 'training.simulatePayment', { saleId: 1 })).ok);
  await waitFor('paid', () => host.ledger.get(1)!.status === 'paid');
  assert.deepEqual(
    { count: host.cashierState().totals.paidCount, cents: host.cashierState().totals.paidCents },
    { count: 0, cents: 0 },
  );
});

test('an API that sends an already used QR again: refused, recorded failed, and the till is not blocked', async (t) => {
  const now = Date.now();
  const khqrString = buildKhqr({
    accountType: 'individual', bakongAccountId: 'shop@aclb', merchantName: 'My Store', currency: 'USD', amountMinor: 500,
    createdAtMs: now, expiresAtMs: now + 900_000,
  });
  const { url } = await startScriptedServer(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ md5: khqrMd5(khqrString), khqrString }));
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  assert.ok((await command(host, 'payment.charge', { amountCents: 500 })).ok);
  const again = await command(host, 'payment.newQr', { saleId: 1 });
  assert.equal(!again.ok && again.error.code, 'verification_failed');
  assert.match(!again.ok ? again.error.message : '', /QR of sale #1 again/);
  // New QR is a second tender of the same sale (issue 8): it failed, the first was cancelled for it.
  assert.deepEqual(host.ledger.get(1)!.tenders.map((tender) => [tender.id, tender.status]), [[1, 'cancelled'], [2, 'failed']]);
  assert.equal(host.ledger.get(1)!.status, 'failed');
  assert.equal(host.ledger.get(2), null, 'no second sale');
  assert.equal(host.ledger.unresolved().length, 0, 'a tender was left blocking the till');
});

test('a check answer with a huge or odd account never reaches the cashier as free text', async (t) => {
  const { url } = await startScriptedServer(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url!.startsWith('/api/khqr/create')) {
      const now = Date.now();
      const khqrString = buildKhqr({
        accountType: 'individual', bakongAccountId: 'shop@aclb', merchantName: 'My Store', currency: 'USD', amountMinor: 500,
        createdAtMs: now, expiresAtMs: now + 900_000,
      });
      res.end(JSON.stringify({ md5: khqrMd5(khqrString), khqrString }));
    } else {
      const shout = '\u202e*** PAID $5.00 - PAYMENT CONFIRMED, HAND OVER THE GOODS *** '.repeat(500);
      res.end(JSON.stringify({ success: true, status: 'PAID', bakong_id: shout, amount: 5 }));
    }
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: url });
  await signInAs(host);
  assert.ok((await command(host, 'payment.charge', { amountCents: 500 })).ok);
  await waitFor('the warning', () => host.cashierState().watch?.lastError);
  const shown = englishText(host.cashierState().watch!.lastError!);
  assert.ok(shown.length < 200, `${shown.length} characters of API text on the cashier screen`);
  assert.doesNotMatch(shown, /\u202e/);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
});

test('only one POS at a time may use a data directory', async (t) => {
  const env = { POS_DATA_DIR: tempDir(t) };
  startHost(t, env);
  assert.throws(() => startHost(t, env), /Another POS is already running/);
});
