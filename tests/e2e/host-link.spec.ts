/**
 * Web mode's link to the host: when the POS process stops, the cashier is told at once that the
 * screen is stale; when it starts again (same data directory and port), the open tab reconnects by
 * itself with the same cashier key and can take payments again. A page without the key says so.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, keyIn, startPos, test } from './fixtures.ts';
import { openScreens } from './steps.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('the cashier address without its key says so and how to open the till, instead of "Connecting…" for ever', async ({ browser }) => {
  const pos = await startPos({});
  try {
    const context = await browser.newContext();
    // A new tab for each address (going from one to the next would only change the fragment).
    const open = async (address: string) => {
      const tab = await context.newPage();
      await tab.goto(address);
      return tab;
    };
    for (const address of [`${pos.origin}/cashier/`, `${pos.origin}/`, `${pos.origin}/cashier`]) {
      const page = await open(address);
      await expect(page.getByRole('heading', { name: 'This page has no cashier key, so it cannot open the till.' })).toBeVisible();
      await expect(page.getByText(/open-cashier\.html/).first()).toBeVisible();
      await expect(page.locator('[lang="km"]').getByRole('heading')).toBeVisible();
      await expect(page.getByText(/Connecting to the POS host/)).toHaveCount(0);
    }
    // A key the POS does not know (another data folder's, an old bookmark's) is told apart.
    const refused = await open(`${pos.origin}/cashier/#key=${'x'.repeat(32)}`);
    await expect(refused.getByRole('heading', { name: 'The POS did not accept this page’s cashier key.' })).toBeVisible();
    // The keyed address still opens the till in the same browser, and so does the shortcut file
    // `npm run web` writes into the data directory (readable by this user only: it holds the key).
    const till = await open(pos.cashierUrl);
    await expect(till.getByRole('button', { name: 'Charge', exact: true })).toBeVisible();
    const shortcut = join(pos.dataDir, 'open-cashier.html');
    await expect.poll(() => existsSync(shortcut)).toBe(true);
    expect(statSync(shortcut).mode & 0o777).toBe(0o600);
    const viaShortcut = await open(pathToFileURL(shortcut).href);
    await expect(viaShortcut.getByRole('button', { name: 'Charge', exact: true })).toBeVisible();
    await context.close();
  } finally {
    await pos.stop();
  }
});

test('the cashier sees when the POS stops, and the same tab works again once it is back', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-link-'));
  const env = { POS_DATA_DIR: dataDir, POS_PORT: String(await freePort()) };
  let pos = await startPos(env);
  try {
    const { cashier: page, customer } = await openScreens(browser, pos);
    await expect(customer.getByText('Welcome', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeVisible();
    await expect(page.getByText(/Lost the connection to the POS/)).toHaveCount(0);

    await pos.stop();
    await expect(page.getByRole('alert').filter({ hasText: /Lost the connection to the POS/ })).toBeVisible();
    // The customer is told calmly, in both languages, rather than shown a screen that may be stale.
    await expect(customer.getByText('This till is reconnecting…')).toBeVisible();
    await expect(customer.getByText('ម៉ាស៊ីនគិតប្រាក់នេះកំពុងភ្ជាប់ឡើងវិញ…')).toBeVisible();
    await expect(customer.getByText('Welcome', { exact: true })).toHaveCount(0);
    // A charge tried meanwhile cannot reach the host, and says so.
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    const notAnswering = page.getByRole('alert').filter({ hasText: 'The POS host is not answering' });
    await expect(notAnswering).toBeVisible();

    pos = await startPos(env);
    await expect(page.getByText(/Lost the connection to the POS/)).toHaveCount(0, { timeout: 30_000 });
    // Once the host is back that message is stale: it goes too, without the cashier dismissing it.
    await expect(notAnswering).toHaveCount(0);
    // The display's own stream reconnects on the browser's schedule, as the cashier's did above.
    await expect(customer.getByText('Welcome', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(customer.getByText('This till is reconnecting…')).toHaveCount(0);
    await keyIn(page, '5');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect.poll(() => pos.sale(1)?.status).toBe('awaiting_payment');
  } finally {
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
