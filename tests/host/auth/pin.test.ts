import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SCRYPT, hashSecret, verifySecret } from '../../../src/host/auth/pin.ts';
import { startHost } from '../../support/servers.ts';
import { OWNER_PIN, TEST_SCRYPT } from '../../support/users.ts';

test('a PIN verifies against its hash, another does not; the parameters and salt are stored with it', async () => {
  const stored = await hashSecret('4821', TEST_SCRYPT);
  assert.deepEqual({ alg: stored.alg, N: stored.N, r: stored.r, p: stored.p }, { alg: 'scrypt', ...TEST_SCRYPT });
  assert.equal(await verifySecret('4821', stored), true);
  assert.equal(await verifySecret('4822', stored), false);
  assert.equal(await verifySecret('482', stored), false);
  const again = await hashSecret('4821', TEST_SCRYPT);
  assert.notEqual(again.salt, stored.salt, 'a new salt each time');
  assert.notEqual(again.hash, stored.hash);
  // A hash made with other parameters still verifies: they are read from the stored hash.
  const stronger = await hashSecret('4821', { N: 64, r: 2, p: 1 });
  assert.equal(await verifySecret('4821', stronger), true);
});

test('a host not told otherwise stores PINs with the default scrypt parameters (N 2^15, r 8, p 1), in a private file', async (t) => {
  assert.deepEqual(DEFAULT_SCRYPT, { N: 32768, r: 8, p: 1 });
  // Exactly what production passes: no scrypt option at all.
  const host = startHost(t, {}, { scrypt: undefined });
  const { user } = await host.auth.createOwner('Sokha', OWNER_PIN);
  const file = join(host.dataDir, 'credentials.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { pins: Record<string, { N: number; r: number; p: number; salt: string }> };
  const pin = stored.pins[user.id]!;
  assert.deepEqual({ N: pin.N, r: pin.r, p: pin.p }, { N: 32768, r: 8, p: 1 });
  assert.equal(Buffer.from(pin.salt, 'base64').length, 16);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  host.auth.lock();
  assert.deepEqual(await host.auth.signIn(user.id, OWNER_PIN), user);
});
