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

test('the ledger stops accepting writes while a QR awaits payment: the payment is recorded once it works again', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' });
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 1050 })).ok);
  const repair = breakDisk(host);
  sandbox.pay(host.ledger.get(1)!.md5!);
  await waitFor('the cashier to be told', () => /Cannot write the ledger/.test(host.cashierState().watch?.lastError ?? ''));
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
  repair();
  await waitFor('paid once writing works', () => host.ledger.get(1)!.status === 'paid');
  assert.equal(host.ledger.history(1).filter((e) => e.to === 'paid').length, 1);
});
