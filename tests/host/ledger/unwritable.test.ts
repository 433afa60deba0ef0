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
import { signInAs } from '../../support/users.ts';

function breakDisk(host: Host): () => void {
  host.db.pragma('query_only = 1');
  return () => host.db.pragma('query_only = 0');
}

test('charging when the ledger cannot be written: a clear error, nothing recorded, nothing shown', async (t) => {
  const host = startHost(t);
  await signInAs(host);
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
  await signInAs(host);
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

test('a sale no longer on screen meets a full disk: every tab is told (ledgerUnwritable), until a write works again', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  // Checks run only when the test asks (watcher.checkNow): no timing involved.
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' },
    { policy: { delayMs: () => 3_600_000, errorDelayMs: () => 3_600_000, graceMs: 3_600_000 } });
  await signInAs(host);
  const sale = await runCommand(host, 'payment.charge', { amountCents: 1050 });
  assert.ok(sale.ok);
  // Cancelled, then New sale: the sale leaves the screen but is still watched for a late payment.
  assert.ok((await runCommand(host, 'payment.cancel', { saleId: 1 })).ok);
  assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);
  assert.equal(host.cashierState().current, null);
  assert.ok(host.payments.watcher.isWatching(1));
  assert.equal(host.cashierState().ledgerUnwritable, false);

  const pushed: CashierState[] = [];
  host.subscribe(() => pushed.push(host.cashierState()));
  const repair = breakDisk(host);
  await host.payments.watcher.checkNow(1);
  const state = host.cashierState();
  assert.equal(state.ledgerUnwritable, true, 'a failed write for a sale not on screen told no one');
  assert.equal(state.current, null);
  assert.equal(state.watch, null, 'no sale on screen: only the host-wide flag can tell');
  await waitFor('the state pushed to the screens', () => pushed.some((s) => s.ledgerUnwritable));

  // The customer pays the cancelled QR: it cannot be saved, and the cashier keeps being told.
  sandbox.pay(host.ledger.get(1)!.md5!);
  await host.payments.watcher.checkNow(1);
  assert.equal(host.ledger.get(1)!.status, 'cancelled');
  assert.equal(host.cashierState().ledgerUnwritable, true);

  repair();
  await host.payments.watcher.checkNow(1);
  assert.equal(host.ledger.get(1)!.status, 'paid', 'recorded once writing works');
  assert.equal(host.ledger.get(1)!.paidLate, true);
  assert.equal(host.cashierState().ledgerUnwritable, false, 'the next write that worked cleared it');
  assert.equal(host.cashierState().alerts.length, 1, 'the late payment is still told');
});

test('a print job that cannot be written marks the ledger unwritable too; the next write that works clears it', (t) => {
  const host = startHost(t);
  const repair = breakDisk(host);
  assert.throws(() => host.printing.testPrint(), /readonly/);
  assert.equal(host.cashierState().ledgerUnwritable, true);
  repair();
  host.printing.testPrint();
  assert.equal(host.cashierState().ledgerUnwritable, false);
});
