/** The command table: every argument parser refuses what the contract does not allow, in catalog words. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../src/host/commands.ts';
import { startHost } from '../support/servers.ts';

test('a refused request names what is expected, never echoes what was sent', async (t) => {
  const host = startHost(t);
  const cases: Array<[unknown, unknown, RegExp]> = [
    ['<img src=x onerror=alert(1)>', {}, /does not know this command/],
    ['state.get', ['x'], /cannot read/],
    ['state.get', { surprise: '<b>hi</b>' }, /takes no values/],
    ['payment.cancel', { saleId: 1, extra: '<b>hi</b>' }, /expects exactly: saleId/],
    ['payment.cancel', { saleId: '1; DROP TABLE sales' }, /sale number must be a whole number/],
    ['alerts.dismiss', { id: -1 }, /alert number must be a whole number/],
    ['payment.charge', { amountCents: 1.5 }, /whole number of cents/],
  ];
  for (const [name, args, expected] of cases) {
    const reply = await runCommand(host, name, args);
    assert.ok(!reply.ok, `${String(name)} ${JSON.stringify(args)} was accepted`);
    assert.match(reply.error.message, expected);
    assert.doesNotMatch(reply.error.message, /<|DROP/, 'the request\'s own text is not echoed');
  }
  assert.equal(host.ledger.get(1), null);
});
