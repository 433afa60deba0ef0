/**
 * When the ledger cannot be written (a full or failing disk), nothing is lost: the cashier gets a
 * clear error, nothing is shown, and a payment that arrives meanwhile is recorded once writing works
 * again. SQLite's query_only switch makes every write fail inside SQLite exactly where a full disk
 * would (the statement is refused, the transaction rolls back), without needing a full disk.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import type { Host } from '../../../src/host/host.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';
import type { CashierState } from '../../../src/shared/contract.ts';
import { englishText } from '../../../src/shared/messages/index.ts';

function breakDisk(host: Host): () => void {
  host.db.pragma('query_only = 1');
  return () => host.db.pragma('query_only = 0');
}

test('charging when the ledger cannot be written: a clear error, nothing recorded, nothing shown', async (t) => {
  const host = startHost(t);
  breakDisk(host);
  const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.equal(!reply.ok && reply.error.code, 'storage_error');
  assert.match(!reply.ok ? reply.error.message : '', /could not be written.*disk full/i);
  assert.equal(host.displayState().phase, 'idle');
  assert.equal(host.salesPage({}).sales.length, 0);
});

test('the ledger stops accepting writes while a QR awaits payment: the cashier is told at once and keeps being told, Check now reports it, and the payment is recorded once when it works again', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' },
    { policy: { delayMs: () => 40, errorDelayMs: () => 40, graceMs: 1_000 } });
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  const pushed: CashierState[] = [];
  host.subscribe(() => pushed.push(host.cashierState()));
  const repair = breakDisk(host);
  // Told while the QR still waits, before any payment arrives.
  await waitFor('the cashier to be told', () => host.cashierState().watch?.cannotSave === true);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
  const told = pushed.find((state) => state.watch?.cannotSave)!;
  assert.deepEqual(told.watch!.lastError, { code: 'ledger.paymentUnsaved' });
  assert.equal(englishText(told.watch!.lastError!),
    'A payment may arrive but cannot be saved: free disk space (code ledger.paymentUnsaved)');

  sandbox.pay(host.ledger.get(1)!.md5!);
  const checks = sandbox.apiRequests.check;
  await waitFor('more checks, PAID among them', () => sandbox.apiRequests.check >= checks + 3);
  assert.equal(host.cashierState().watch?.cannotSave, true, 'the warning went away while nothing could be saved');
  const checkNow = await runCommand(host, 'payment.checkNow', { saleId: 1 });
  assert.equal(checkNow.ok, false, 'Check now said ok while the payment could not be saved');
  assert.equal(!checkNow.ok && checkNow.error.code, 'storage_error');
  assert.deepEqual(!checkNow.ok && checkNow.error.text, { code: 'ledger.paymentUnsaved' });
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');

  repair();
  await waitFor('paid once writing works', () => host.ledger.get(1)!.status === 'paid');
  assert.equal(host.ledger.history(1).filter((e) => e.to === 'paid').length, 1);
  assert.equal(host.cashierState().watch, null);
});
