/**
 * A training sale charged and paid through the host's own commands (the training adapter's
 * "Simulate payment"), as the cashier's screen does it: returns the sale's number once the ledger
 * says it is paid. `dismiss` moves the screen on, as the cashier does before the next sale.
 */
import assert from 'node:assert/strict';
import { runCommand } from '../../src/host/commands.ts';
import type { Host } from '../../src/host/host.ts';
import { waitFor } from './temp.ts';

export async function payTrainingSale(host: Host, cents = 1050, { dismiss = false }: { dismiss?: boolean } = {}): Promise<number> {
  const reply = await runCommand(host, 'payment.charge', { amountCents: cents });
  assert.ok(reply.ok, JSON.stringify(reply));
  const id = (reply.value as { id: number }).id;
  assert.ok((await runCommand(host, 'training.simulatePayment', { saleId: id })).ok);
  await waitFor('paid', () => host.ledger.get(id)!.status === 'paid');
  if (dismiss) assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);
  return id;
}
