/**
 * A sale paid to an account the owner allowed (a relay's settlement account), in Chromium against
 * the real host and the sandbox over HTTP: the sale's details show the account it was paid to and
 * its full reference (md5), and the money is shown apart from the day's takings.
 */
import { startSandboxServer, type RunningSandbox } from '../../src/sandbox/server.ts';
import { RELAY_ACCOUNT, parseFaults } from '../../src/sandbox/faults.ts';
import { Sandbox } from '../../src/sandbox/simulator.ts';
import { expect, keyIn, startPos, test } from './fixtures.ts';

let sandbox: Sandbox;
let running: RunningSandbox;
test.beforeAll(async () => {
  sandbox = new Sandbox();
  running = await startSandboxServer(sandbox);
});
test.afterAll(async () => running.close());

test('a relayed sale: its details name the account paid and the md5; its money is not in the total', async ({ browser }) => {
  const pos = await startPos({ POS_BAKONG_ID: 'myshop@aclb', POS_MERCHANT_NAME: 'My Store', POS_BAKONG_API_URL: running.url });
  try {
    const key = new URL(pos.cashierUrl).hash.replace('#key=', '');
    const saved = await fetch(`${pos.origin}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-key': key },
      body: JSON.stringify({ name: 'settings.save', args: { allowedAccounts: [RELAY_ACCOUNT] } }),
    });
    expect(((await saved.json()) as { ok: boolean }).ok).toBe(true);
    sandbox.faults = parseFaults('hostile=relay_account');
    const cashier = await browser.newPage();
    await cashier.goto(pos.cashierUrl);
    await keyIn(cashier, '7');
    await cashier.keyboard.press('Enter');
    await expect.poll(() => pos.sale(1)?.status).toBe('awaiting_payment');
    const md5 = pos.sale(1)!.md5!;
    sandbox.pay(md5);
    await expect.poll(() => pos.sale(1)?.status).toBe('paid');

    const list = cashier.getByRole('region', { name: 'Today’s sales' });
    const row = list.locator('tbody tr').first();
    await row.getByText('Details').click();
    await expect(row).toContainText(`Paid to${RELAY_ACCOUNT} (not the shop’s own account)`);
    await expect(row.locator('.today__md5')).toHaveText(md5);
    await expect(list.getByText('Paid sales: 0')).toBeVisible();
    await expect(list.getByText('Paid to other accounts (not in the total): 1 · $7.00')).toBeVisible();
    await cashier.close();
  } finally {
    sandbox.faults = parseFaults('');
    await pos.stop();
  }
});
