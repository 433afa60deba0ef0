/**
 * Roles over web mode's HTTP transport: the same refusals as over IPC (tests/electron/main-wiring.test.ts),
 * since both go through the host's command layer. Real HTTP on loopback, with the cashier key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandReply } from '../../src/shared/contract.ts';
import { hostMessageText } from '../../src/shared/messages/index.ts';
import { startWebServer } from '../../src/web/server.ts';
import { startHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';
import { ownerOnlyProbes, signInAs } from '../support/users.ts';

test('over HTTP a signed-in cashier is refused every owner-only command and setting with the catalog message, in both languages', async (t) => {
  const host = startHost(t);
  const web = await startWebServer({ host, staticDir: `${tempDir(t)}/`, port: 0, key: 'k'.repeat(32) });
  t.after(() => web.close());
  const send = async (name: string, args: object): Promise<CommandReply<unknown>> => {
    const response = await fetch(`http://127.0.0.1:${web.port}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(32) },
      body: JSON.stringify({ name, args }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as CommandReply<unknown>;
  };

  const before = host.settings.current();
  await signInAs(host, 'cashier');
  const probes = ownerOnlyProbes();
  assert.ok(probes.some((p) => p.name === 'sync.pair' && p.refusal === 'auth.ownerOnly'), 'pairing with a back office is the owner\'s');
  for (const probe of probes) {
    const reply = await send(probe.name, probe.args);
    const what = `${probe.name} ${JSON.stringify(probe.args)}`;
    assert.ok(!reply.ok, `${what} was accepted`);
    assert.deepEqual([reply.error.code, reply.error.text.code], ['not_allowed', probe.refusal], what);
    assert.match(hostMessageText(reply.error.text, 'km'), /[\u1780-\u17ff]/, `${what}: said in Khmer`);
  }
  assert.deepEqual(host.settings.current(), before, 'nothing was changed');
  assert.ok((await send('payment.charge', { amountCents: 100 })).ok, 'the cashier still sells');
  assert.ok((await send('auth.lock', {})).ok);
  const locked = await send('payment.cancel', { saleId: 1 });
  assert.deepEqual(!locked.ok && [locked.error.code, locked.error.text.code], ['sign_in_required', 'auth.signInFirst']);
});
