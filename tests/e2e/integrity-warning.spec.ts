/**
 * The ledger's start check on the cashier screen (web mode): a paid sale changed behind the triggers
 * shows a red warning above the tabs, in catalog words, that stays across a restart until Acknowledge;
 * after that (and another restart) it is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { openLedger } from '../../src/host/ledger/database.ts';
import { seedSales } from '../support/seed-sales.ts';
import { expect, startPos, test } from './fixtures.ts';

test('a tampered ledger: the red warning stays across a restart until acknowledged', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-integrity-'));
  try {
    const db = openLedger(dataDir);
    seedSales(db, 3);
    db.close();
    const file = new Database(join(dataDir, 'ledger.sqlite3'));
    const triggers = file.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>;
    file.transaction(() => {
      for (const trigger of triggers) file.exec(`DROP TRIGGER "${trigger.name}"`);
      file.prepare('UPDATE sales SET due_amount = 1 WHERE id = 2').run();
      for (const trigger of triggers) file.exec(trigger.sql);
    })();
    file.close();

    const warning = (page: Page) => page.getByRole('alert').filter({ hasText: 'Sale #2 is not what the journal recorded' });
    for (const restart of [false, true]) {
      const pos = await startPos({ POS_DATA_DIR: dataDir });
      const page = await (await browser.newContext()).newPage();
      await page.goto(pos.cashierUrl);
      await expect(warning(page)).toBeVisible();
      await expect(warning(page)).toContainText('may have been changed outside the POS');
      if (restart) {
        await warning(page).getByRole('button', { name: 'Acknowledge' }).click();
        await expect(warning(page)).toHaveCount(0);
      }
      await page.context().close();
      await pos.stop();
    }
    const pos = await startPos({ POS_DATA_DIR: dataDir });
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await expect(page.getByRole('button', { name: 'Charge', exact: true })).toBeVisible();
    await expect(warning(page)).toHaveCount(0);
    await page.context().close();
    await pos.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
