/**
 * The close with a blind count in web mode, keyboard first, with the file printer: the Shift tab asks
 * for the drawer's count (by note) before it shows anything expected, then shows the difference per
 * currency, and the close prints a Z whose raster is exactly the stored Z — count and difference
 * included (decoded from the printer's file as shift-close.spec.ts does). And the count panel in Khmer.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeEscPosJob } from '../../src/host/printing/escpos/decode.ts';
import { renderZReport } from '../../src/host/printing/receipt/z-report.ts';
import type { ShiftReport } from '../../src/shared/contract.ts';
import { expect, startPos, test } from './fixtures.ts';
import { saveSettings, sellInTraining, sendCommand } from './steps.ts';

const files = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();

test('a close counted by note shows the difference, then prints it on the Z', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-prints-'));
  const pos = await startPos({ POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: 'My Store' });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await sellInTraining(page, ['3.00']);
    await expect.poll(() => files(prints).length).toBe(1);
    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    // Blind: the X shows no expected figure before the count.
    await expect(page.getByTestId('cash-table').locator('[data-line="cash.line.expected"]')).toContainText('after the count');

    await page.getByTestId('x-report').getByRole('button', { name: 'Close shift' }).click();
    const count = page.getByTestId('drawer-count');
    await expect(count.getByRole('textbox', { name: '$1 notes', exact: true })).toBeFocused();
    await expect(count).not.toContainText('Expected');
    // Keyboard only: $1 × 2, Tab to $5 × 1, … $20 × 1: $27.00; riel 1,000៛ × 3.
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await count.getByRole('textbox', { name: '$20 notes', exact: true }).fill('1');
    await count.getByRole('textbox', { name: '1,000៛ notes', exact: true }).fill('3');
    await page.keyboard.press('Enter');

    const result = page.getByTestId('count-result');
    await expect(result.getByTestId('difference-USD')).toHaveText('$27.00 over');
    await expect(result.getByTestId('difference-KHR')).toHaveText('3,000៛ over');
    await expect(result.getByRole('button', { name: 'Close shift' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Close shift 1?' }).getByRole('button', { name: 'Close shift' }).click();

    const z = page.getByTestId('z-report');
    await expect(z.getByRole('heading', { name: /-Z1$/ })).toBeVisible();
    await expect(z.getByTestId('z-count').locator('[data-currency="USD"]')).toContainText('$27.00 over');

    // The printed Z: bit for bit the stored Z rendered, which holds the count and its difference.
    await expect.poll(() => files(prints).length).toBe(2);
    const job = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[1]!))));
    const db = new Database(join(pos.dataDir, 'ledger.sqlite3'), { readonly: true });
    const stored = JSON.parse((db.prepare('SELECT report FROM z_reports WHERE shift = 1').get() as { report: string }).report) as ShiftReport;
    db.close();
    expect(stored.count?.USD).toEqual({ counted: 2700, notes: { 100: 2, 500: 1, 2000: 1 }, expected: 0, difference: 2700 });
    expect(stored.count?.KHR.difference).toBe(3000);
    const printed = renderZReport({ paperWidth: 80, merchantName: 'My Store', report: stored, copy: false });
    expect(Buffer.from(job.raster!.data).equals(Buffer.from(printed.data))).toBe(true);
    // …and not what a Z with no difference would have printed.
    const even = { ...stored, count: { ...stored.count!, USD: { ...stored.count!.USD, counted: 0, difference: 0 } } };
    expect(Buffer.from(job.raster!.data).equals(Buffer.from(renderZReport({ paperWidth: 80, merchantName: 'My Store', report: even, copy: false }).data))).toBe(false);
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});

test('the count panel in Khmer: its fields are named by their Khmer labels, and the riel total is keyed', async ({ browser }) => {
  const pos = await startPos({});
  try {
    await saveSettings(pos, { language: 'km' });
    await sendCommand(pos, 'cash.setFloat', { usdCents: 0, riel: 0 });
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', 'km');
    await page.getByRole('button', { name: 'វេន', exact: true }).click();
    await page.getByTestId('x-report').getByRole('button', { name: 'បិទវេន' }).click();
    const count = page.getByTestId('drawer-count');
    await expect(count.getByRole('heading', { name: 'រាប់ថតប្រាក់ ដើម្បីបិទវេនទី 1' })).toBeVisible();
    await expect(count.getByRole('textbox', { name: 'ក្រដាស $100', exact: true })).toBeVisible();
    await count.getByRole('radiogroup', { name: 'របៀបរាប់ KHR' }).getByRole('radio', { name: 'ជាចំនួនសរុប' }).check();
    await count.getByRole('textbox', { name: 'សរុបជារៀល', exact: true }).fill('5,000');
    await count.getByRole('button', { name: 'បញ្ចូលការរាប់' }).click();
    await expect(page.getByTestId('count-result').getByTestId('difference-KHR')).toHaveText('លើស 5,000៛');
  } finally {
    await pos.stop();
  }
});
