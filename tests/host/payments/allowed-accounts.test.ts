/**
 * A QR that pays one of the owner's allowed accounts (not the shop's own Bakong ID): its payment is
 * checked under the account the QR pays and recorded, the sale shows that account, and the day's
 * takings leave it out (it is counted apart). Real sandbox over loopback HTTP, real host and ledger.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import type { SaleView } from '../../../src/shared/contract.ts';
import { RELAY_ACCOUNT, parseFaults } from '../../../src/sandbox/faults.ts';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { startHost, startSandbox, startScriptedServer } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

const FAST = { delayMs: () => 30, errorDelayMs: () => 30, graceMs: 1_000 };

test('a QR paying an allowed account is checked under that account, recorded paid, and counted apart from the takings', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy: FAST });
  await signInAs(host);
  assert.ok((await runCommand(host, 'settings.save', { allowedAccounts: [RELAY_ACCOUNT] })).ok);

  // An ordinary sale to the shop's own account first: that one is takings.
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 300 })).ok);
  sandbox.pay(host.ledger.get(1)!.md5!);
  await waitFor('the first sale paid', () => host.ledger.get(1)!.status === 'paid');
  assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);

  sandbox.faults = parseFaults('hostile=relay_account');
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.ok(reply.ok, JSON.stringify(reply));
  assert.equal((reply.value as SaleView).receivingAccount, RELAY_ACCOUNT);
  sandbox.pay(host.ledger.get(2)!.md5!);
  await waitFor('the relayed sale paid', () => host.ledger.get(2)!.status === 'paid');
  assert.equal(host.ledger.history(2).filter((e) => e.to === 'paid').length, 1);

  const state = host.cashierState();
  const today = host.salesPage({}).sales;
  const relayed = today.find((sale) => sale.id === 2)!;
  assert.equal(relayed.receivingAccount, RELAY_ACCOUNT);
  assert.equal(today.find((sale) => sale.id === 1)!.receivingAccount, 'shop@aclb');
  assert.equal(state.totals.paidCount, 1);
  assert.equal(state.totals.paidCents, 300);
  assert.equal(state.totals.otherAccountCount, 1);
  assert.equal(state.totals.otherAccountCents, 1050);
});

test('a QR paying an account the owner did not allow is still refused', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy: FAST });
  await signInAs(host);
  sandbox.faults = parseFaults('hostile=relay_account');
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.equal(!reply.ok && reply.error.code, 'verification_failed');
  assert.equal(host.ledger.get(1)!.status, 'failed');
  assert.equal(host.ledger.get(1)!.receivingAccount, null);
});

/** Nothing is checked on its own: each check is the test's `payment.checkNow`. */
const NO_POLLS = { delayMs: () => 600_000, errorDelayMs: () => 600_000, graceMs: 1_000 };

/**
 * An API whose QRs pay `relay_a@wing` and whose check answers what the test says; it records the
 * account each check was asked under.
 */
async function relayApi(t: Parameters<typeof startHost>[0], checkAnswer: () => object) {
  const askedUnder: string[] = [];
  const api = await startScriptedServer(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/api/khqr/create') {
      const now = Date.now();
      const khqrString = buildKhqr({
        accountType: 'individual', bakongAccountId: 'relay_a@wing', merchantName: 'My Store', currency: 'USD',
        amountMinor: Number(url.searchParams.get('amount')) * 100, createdAtMs: now, expiresAtMs: now + 900_000,
      });
      return res.end(JSON.stringify({ md5: khqrMd5(khqrString), khqrString }));
    }
    askedUnder.push(url.searchParams.get('bakong_id')!);
    res.end(JSON.stringify(checkAnswer()));
  });
  return { url: api.url, askedUnder };
}

test('a PAID for allowed account B while the QR pays allowed account A is not a payment: the sale stays awaiting', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const api = await relayApi(t, () => ({ success: true, status: 'PAID', bakong_id: 'relay_b@wing', amount: 5 }));
  const host = startHost(t, { POS_BAKONG_API_URL: api.url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy: NO_POLLS });
  await signInAs(host);
  assert.ok((await runCommand(host, 'settings.save', { allowedAccounts: ['relay_a@wing', 'relay_b@wing'] })).ok);
  const charged = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.ok(charged.ok, JSON.stringify(charged));
  assert.equal((charged.value as SaleView).receivingAccount, 'relay_a@wing');

  const checked = await runCommand(host, 'payment.checkNow', { saleId: 1 });
  assert.deepEqual(api.askedUnder, ['relay_a@wing'], 'asked under the account the QR pays');
  assert.equal(!checked.ok && checked.error.code, 'api_error');
  assert.deepEqual(!checked.ok && checked.error.text,
    { code: 'api.otherAccount', params: { account: 'relay_b@wing', expected: 'relay_a@wing' } });
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
  assert.equal(host.ledger.history(1).filter((e) => e.to === 'paid').length, 0);
  assert.deepEqual(host.cashierState().watch!.lastError, { code: 'api.otherAccount', params: { account: 'relay_b@wing', expected: 'relay_a@wing' } });
  assert.equal(host.cashierState().totals.otherAccountCount, 0);
});

test('the owner removing an allowed account while its sale waits: the QR already shown pays it, so its payment is still recorded (counted apart)', async (t) => {
  let paid = false;
  const api = await relayApi(t, () => (paid
    ? { success: true, status: 'PAID', bakong_id: 'relay_a@wing', amount: 5 }
    : { success: true, status: 'PENDING' }));
  const host = startHost(t, { POS_BAKONG_API_URL: api.url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy: NO_POLLS });
  await signInAs(host);
  assert.ok((await runCommand(host, 'settings.save', { allowedAccounts: ['relay_a@wing'] })).ok);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 500 })).ok);
  assert.ok((await runCommand(host, 'payment.checkNow', { saleId: 1 })).ok);

  // Removed while the customer is looking at a QR that pays it: the customer's money goes there
  // whatever Settings now say, so the POS must not ask them to pay again. New QRs are refused.
  assert.ok((await runCommand(host, 'settings.save', { allowedAccounts: [] })).ok);
  paid = true;
  const checked = await runCommand(host, 'payment.checkNow', { saleId: 1 });
  assert.ok(checked.ok, JSON.stringify(checked));
  assert.deepEqual(api.askedUnder, ['relay_a@wing', 'relay_a@wing']);
  assert.equal(host.ledger.get(1)!.status, 'paid');
  assert.equal(host.ledger.get(1)!.receivingAccount, 'relay_a@wing');
  const { totals } = host.cashierState();
  assert.equal(totals.paidCount, 0, 'not the shop\'s own account: never in the takings');
  assert.equal(totals.otherAccountCount, 1);
  assert.equal(totals.otherAccountCents, 500);

  assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);
  const again = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.equal(!again.ok && again.error.code, 'verification_failed');
  assert.equal(!again.ok && again.error.text.code, 'payment.qr.account');
});
