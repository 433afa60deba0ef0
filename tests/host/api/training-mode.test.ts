/**
 * Training mode is whatever the launcher passes in: the host creates and checks training sales
 * through the adapter's API and asks the adapter to play the customer, and it never pays a sale
 * that is not a training sale.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingMode } from '../../../src/host/api/training-mode.ts';
import { runCommand } from '../../../src/host/commands.ts';
import { TrainingSandbox } from '../../../src/sandbox/training.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

/** The real sandbox adapter, recording what the host asked of it. */
function recordingTraining(dataDirs: string[], paid: string[]): (context: { dataDir: string; now: () => number }) => TrainingMode {
  return ({ dataDir, now }) => {
    dataDirs.push(dataDir);
    const inner = new TrainingSandbox({ now });
    return {
      api: inner.api,
      simulatePayment(md5) {
        paid.push(md5);
        inner.simulatePayment(md5);
      },
    };
  };
}

test('the host pays training sales through the adapter the launcher passed, in its own data directory', async (t) => {
  const dataDirs: string[] = [];
  const paid: string[] = [];
  const host = startHost(t, {}, { training: recordingTraining(dataDirs, paid) });
  await signInAs(host);
  assert.deepEqual(dataDirs, [host.dataDir]);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 250 })).ok);
  assert.ok((await runCommand(host, 'training.simulatePayment', { saleId: 1 })).ok);
  assert.deepEqual(paid, [host.ledger.get(1)!.md5]);
  await waitFor('paid', () => host.ledger.get(1)!.status === 'paid');
});

test('simulate payment is refused for a live sale and never reaches the adapter', async (t) => {
  const { url } = await startSandbox(t);
  const paid: string[] = [];
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' }, {
    training: recordingTraining([], paid),
  });
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 250 })).ok);
  const reply = await runCommand(host, 'training.simulatePayment', { saleId: 1 });
  assert.equal(!reply.ok && reply.error.code, 'not_allowed');
  assert.deepEqual(paid, []);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
});
