/**
 * The owner's end of day in web mode, in Chromium (review 8b): the Z report shown after the close
 * offers its own export, the browser receives exactly that Z's sales, and the POS's copy of the file
 * is gone from POS_DATA_DIR/exports once downloaded; a backup the POS cannot make (here its backups
 * folder is a file) is shown as a notice above every tab, at start and again at the close — which
 * still closes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseCsvStrict } from '../host/export/csv-parse.ts';
import { expect, startPos, test } from './fixtures.ts';
import { confirmClose, countDrawer, sellInTraining } from './steps.ts';

async function payTwoAndClose(page: Page): Promise<void> {
  await sellInTraining(page, ['10.50', '2.50']);
  await page.getByRole('button', { name: 'Shift', exact: true }).click();
  await countDrawer(page);
  await confirmClose(page);
}

test('the Z shown after the close exports exactly its sales; the downloaded file leaves POS_DATA_DIR/exports', async ({ browser }) => {
  const pos = await startPos({});
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await payTwoAndClose(page);
    const z = page.getByTestId('z-report');
    await expect(z.getByRole('heading', { name: /-Z1$/ })).toBeVisible();
    const panel = z.getByRole('region', { name: 'Export for the accountant' });
    await expect(panel).toContainText('The sales of shift 1 (its Z report)');
    await panel.getByRole('combobox', { name: 'Format' }).selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sales-z1-[A-Za-z0-9]{8}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    const rows = parseCsvStrict(text.slice(1));
    const usd = rows[0]!.findIndex((h) => /^Amount USD/.test(h));
    expect(rows.slice(1).map((r) => r[usd])).toEqual(['10.50', '2.50']);
    await expect(panel.getByRole('status')).toContainText('Exported 2 sale(s)');
    await expect.poll(() => readdirSync(join(pos.dataDir, 'exports'))).toEqual([]);
  } finally {
    await pos.stop();
  }
});

test('a backup the POS cannot make is a notice above every tab, at start and at the close; the close still closes', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-backup-'));
  // A file where the backups folder should be: every backup fails while writing.
  writeFileSync(join(dataDir, 'backups'), 'not a folder');
  const pos = await startPos({ POS_DATA_DIR: dataDir });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    const notice = page.getByRole('alert').filter({ hasText: 'backup' });
    await expect(notice).toContainText('The daily backup could not be written (see the POS log). Selling goes on');
    await payTwoAndClose(page);
    await expect(page.getByTestId('z-report').getByRole('heading', { name: /-Z1$/ })).toBeVisible();
    await expect(notice).toContainText('The backup at the shift close could not be written (see the POS log). The shift is closed');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(notice).toBeVisible();
  } finally {
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
