/**
 * What wakes the print queue: the host's `sale.paid` event, emitted once the payment (and the
 * receipt job it owes) has committed. Screen refreshes, watcher checks and other state changes do
 * not touch the printer.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

/** Lets queued microtasks and immediates (screen updates, deferred wake-ups) run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

test('the print queue is woken by the committed payment, not by the state changes around it', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = startHost(t, { POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  const receiptJobs = (saleId: number): number => host.printing.view().jobs.filter((job) => job.saleId === saleId && job.kind === 'receipt').length;

  const atEvent: Array<{ inTransaction: boolean; status: string | undefined; receipts: number }> = [];
  host.events.on('sale.paid', ({ sale }) => {
    atEvent.push({ inTransaction: host.db.inTransaction, status: host.ledger.get(sale.id)?.status, receipts: receiptJobs(sale.id) });
  });
  const kick = t.mock.method(host.printing.queue, 'kick');
  let pushes = 0;
  host.subscribe(() => (pushes += 1));

  // Unrelated changes: a sale charged and cancelled, another charged and checked by the watcher.
  const first = await runCommand(host, 'payment.charge', { amountCents: 400 });
  assert.ok(first.ok);
  assert.ok((await runCommand(host, 'payment.cancel', { saleId: 1 })).ok);
  assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 500 })).ok);
  assert.ok((await runCommand(host, 'payment.checkNow', { saleId: 2 })).ok);
  await settle();
  assert.ok(pushes >= 3, `the screens were told ${pushes} times`);
  assert.equal(kick.mock.callCount(), 0, 'a state change that owes no receipt woke the printer');

  // The payment: one event, after commit, with the receipt job already in the ledger; then one wake-up.
  assert.ok((await runCommand(host, 'training.simulatePayment', { saleId: 2 })).ok);
  await waitFor('paid', () => host.ledger.get(2)!.status === 'paid');
  await waitFor('the queue woken', () => kick.mock.callCount() > 0);
  assert.deepEqual(atEvent, [{ inTransaction: false, status: 'paid', receipts: 1 }]);
  await waitFor('the receipt printed', () => host.printing.view().jobs.find((job) => job.saleId === 2)?.status === 'printed');
  await settle();
  assert.equal(kick.mock.callCount(), 1);
});
