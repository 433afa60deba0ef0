/**
 * A sale paid to an account the owner allowed (a relay's settlement account), in Chromium against
 * the real host and the sandbox over HTTP: the sale's details show the account it was paid to and
 * its full reference (md5), and the money is shown apart from the day's takings.
 */
import { RELAY_ACCOUNT, parseFaults } from '../../src/sandbox/faults.ts';
import { expect, keyIn, test } from './fixtures.ts';
import { sandboxOverHttp, saveSettings, startLivePos } from './steps.ts';

const api = sandboxOverHttp();

test('a relayed sale: its details name the account paid and the md5; its money is not in the total', async ({ browser }) => {
  const pos = await startLivePos(api.url);
  try {
    await saveSettings(pos, { allowedAccounts: [RELAY_ACCOUNT] });
    api.sandbox.faults = parseFaults('hostile=relay_account');
    const cashier = await browser.newPage();
    await cashier.goto(pos.cashierUrl);
    await keyIn(cashier, '7');
    await cashier.keyboard.press('Enter');
    await expect.poll(() => pos.sale(1)?.status).toBe('awaiting_payment');
    const md5 = pos.sale(1)!.md5!;
    api.sandbox.pay(md5);
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
    api.sandbox.faults = parseFaults('');
    await pos.stop();
  }
});
