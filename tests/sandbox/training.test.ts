/** The sandbox's training adapter: its state lives in the host's data directory, its settings come from SANDBOX_*. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TRAINING_STATE_FILE, TrainingSandbox, trainingMode } from '../../src/sandbox/training.ts';
import { startHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';

test('training payments are kept in the data directory, so a new adapter on it can still pay them', async (t) => {
  const dataDir = tempDir(t);
  const first = trainingMode({})({ dataDir, now: Date.now });
  const created = await first.api.create({ bakongId: 'training@sandbox', merchantName: 'Trainee', amountCents: 125 });
  assert.ok(existsSync(join(dataDir, TRAINING_STATE_FILE)));
  const second = trainingMode({})({ dataDir, now: Date.now });
  second.simulatePayment(created.md5);
  assert.equal((await second.api.check({ md5: created.md5, bakongId: 'training@sandbox' })).status, 'PAID');
  assert.throws(() => second.simulatePayment(created.md5), /already paid/);
});

test('SANDBOX_QR_TTL_SECONDS sets the training QR lifetime; a bad value stops the host starting, with its reason', (t) => {
  const mode = trainingMode({ SANDBOX_QR_TTL_SECONDS: '3' })({ dataDir: tempDir(t), now: Date.now });
  assert.ok(mode instanceof TrainingSandbox);
  assert.equal(mode.sandbox.ttlMs, 3_000);
  assert.throws(() => startHost(t, {}, { training: trainingMode({ SANDBOX_QR_TTL_SECONDS: 'soon' }) }), /SANDBOX_QR_TTL_SECONDS/);
});
