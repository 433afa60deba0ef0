/**
 * Today's sales list in web mode, in Chromium: it is fetched by page, not pushed, so it must still
 * show a new sale as soon as it is made and paid, and "Show more" must bring the older ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/host/ledger/database.ts';
import { SALES_PAGE_SIZE } from '../../src/shared/contract.ts';
import { seedSales } from '../support/seed-sales.ts';
import { expect, startPos, test } from './fixtures.ts';

const SEEDED = SALES_PAGE_SIZE + 5;

/** A day's worth of paid sales ($1.00, $1.01, …), through the ledger's own modules, before the POS starts. */
function seedLedger(dataDir: string): void {
  const db = openLedger(dataDir);
  try {
    seedSales(db, SEEDED);
  } finally {
    db.close();
  }
}

test('the list shows a new sale once paid, and "Show more" loads the older ones', async ({ context }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-today-'));
  seedLedger(dataDir);
  const pos = await startPos({ POS_DATA_DIR: dataDir });
  try {
    const cashier = await context.newPage();
    await cashier.goto(pos.cashierUrl);
    const list = cashier.getByRole('region', { name: 'Today’s sales' });
    const rows = list.locator('tbody tr');
    await expect(rows).toHaveCount(SALES_PAGE_SIZE);
    await expect(rows.first()).toContainText(`#${SEEDED}`);
    await expect(list.getByText('Paid sales: 35')).toBeVisible();

    await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
    await cashier.keyboard.type('2.50');
    await cashier.keyboard.press('Enter');
    const newSale = `#${SEEDED + 1}`;
    await expect(rows.first()).toContainText(newSale);
    await expect(rows.first()).toContainText('$2.50');
    await cashier.getByRole('button', { name: 'Simulate payment' }).click();
    await expect(rows.first().getByText('Paid', { exact: true })).toBeVisible();
    // Training sales never count in the takings; the day's paid count is still the real sales'.
    await expect(list.getByText('Paid sales: 35')).toBeVisible();

    const more = list.getByRole('button', { name: 'Show more' });
    await more.click();
    await expect(rows).toHaveCount(SEEDED + 1);
    await expect(rows.last()).toContainText('#1');
    await expect(rows.last()).toContainText('$1.00');
    await expect(more).toHaveCount(0);
    // Each seeded row still has its receipt's state (no printer is set up: skipped).
    await expect(rows.last().locator('.receipt-pill')).toBeVisible();
  } finally {
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
