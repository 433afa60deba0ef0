/** A real (not training) host on the sandbox over loopback, for the close's tests. */
import assert from 'node:assert/strict';
import { runCommand } from '../../src/host/commands.ts';
import type { CommandReply } from '../../src/shared/contract.ts';
import { startHost, startSandbox } from './servers.ts';
import { waitFor } from './temp.ts';
import { signInAs } from './users.ts';

const FAST = { delayMs: () => 30, errorDelayMs: () => 30, graceMs: 1_000 };

/** A real (not training) till on the sandbox over loopback, its owner signed in and its Bakong ID set by them in Settings. */
export async function liveHost(t: Parameters<typeof startSandbox>[0]) {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_MERCHANT_NAME: 'My Store' }, { policy: FAST });
  await signInAs(host);
  assert.ok((await runCommand(host, 'settings.save', { bakongId: 'shop@aclb' })).ok);
  /** Charges `cents` by KHQR and has the sandbox pay it; returns the sale's number. */
  const sell = async (cents: number) => {
    const reply = await runCommand(host, 'payment.charge', { amountCents: cents });
    assert.ok(reply.ok, JSON.stringify(reply));
    const id = (reply.value as { id: number }).id;
    sandbox.pay(host.ledger.get(id)!.md5!);
    await waitFor(`sale ${id} paid`, () => host.ledger.get(id)!.status === 'paid');
    assert.ok((await runCommand(host, 'payment.dismiss', {})).ok);
    return id;
  };
  return { host, sandbox, sell };
}

/** A command's value, the reply asserted ok. */
export function valueOf<T>(reply: CommandReply<unknown>): T {
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value as T;
}
