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
import { startHost, startSandbox } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';

const FAST = { delayMs: () => 30, errorDelayMs: () => 30, graceMs: 1_000 };

test('a QR paying an allowed account is checked under that account, recorded paid, and counted apart from the takings', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, { policy: FAST });
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
  sandbox.faults = parseFaults('hostile=relay_account');
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.equal(!reply.ok && reply.error.code, 'verification_failed');
  assert.equal(host.ledger.get(1)!.status, 'failed');
  assert.equal(host.ledger.get(1)!.receivingAccount, null);
});
