/**
 * Web mode's link to the host: when the POS process stops, the cashier is told at once that the
 * screen is stale; when it starts again (same data directory and port), the open tab reconnects by
 * itself with the same cashier key and can take payments again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, keyIn, startPos, test } from './fixtures.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('the cashier sees when the POS stops, and the same tab works again once it is back', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-link-'));
  const env = { POS_DATA_DIR: dataDir, POS_PORT: String(await freePort()) };
  let pos = await startPos(env);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeVisible();
    await expect(page.getByText(/Lost the connection to the POS/)).toHaveCount(0);

    await pos.stop();
    await expect(page.getByRole('alert').filter({ hasText: /Lost the connection to the POS/ })).toBeVisible();

    pos = await startPos(env);
    await expect(page.getByText(/Lost the connection to the POS/)).toHaveCount(0, { timeout: 15_000 });
    await keyIn(page, '5');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect.poll(() => pos.sale(1)?.status).toBe('awaiting_payment');
  } finally {
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
