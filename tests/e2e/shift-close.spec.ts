/**
 * Closing the shift in web mode with the file printer: two training sales paid, the Shift tab's X
 * report counts them apart from takings, the close (confirmed) shows the Z with its anchor, and the
 * printed Z is a new job after the two receipts whose raster is exactly the stored Z report rendered.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeEscPosJob } from '../../src/host/printing/escpos/decode.ts';
import { renderZReport } from '../../src/host/printing/receipt/z-report.ts';
import type { ShiftReport } from '../../src/shared/contract.ts';
import { expect, keyIn, startPos, test } from './fixtures.ts';
import { confirmClose, countDrawer, sellInTraining } from './steps.ts';

const KHMER_NAME = 'ហាងកាហ្វេ';
const files = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();

test('the shift is closed from the Shift tab: X totals, Z with its anchor, the Z printed after the receipts', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-prints-'));
  const pos = await startPos({ POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: KHMER_NAME });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await sellInTraining(page, ['10.50', '2.50']);
    await expect.poll(() => files(prints).length).toBe(2);

    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    const x = page.getByTestId('x-report');
    await expect(x.getByTestId('shift-number')).toHaveText('1');
    // Training is counted apart, never in takings.
    await expect(x.locator('[data-line="shift.line.trainingPaid"]')).toContainText('$13.00');
    await expect(x.locator('[data-line="shift.line.trainingPaid"] td').first()).toHaveText('2');
    await expect(x.locator('[data-line="shift.line.takings"] td').first()).toHaveText('0');

    await countDrawer(page);
    await page.getByTestId('count-result').getByRole('button', { name: 'Close shift' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close shift 1?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close shift' }).click();

    const z = page.getByTestId('z-report');
    await expect(z.getByRole('heading', { name: /^Z report [2-9A-Z]+-Z1$/ })).toBeVisible();
    const anchor = (await z.getByTestId('z-anchor').textContent()) ?? '';
    expect(anchor).toMatch(/^[2-9A-Z]+:\d+:[0-9a-f]{16}$/);
    await expect(page.getByRole('row', { name: /-Z1/ })).toBeVisible();

    // The printed Z: a third job, after the two receipts, bit for bit the stored Z rendered.
    await expect.poll(() => files(prints).length).toBe(3);
    const job = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[2]!))));
    expect(job.commands.filter((c) => c.kind === 'unknown')).toEqual([]);
    const db = new Database(join(pos.dataDir, 'ledger.sqlite3'), { readonly: true });
    const stored = JSON.parse((db.prepare('SELECT report FROM z_reports WHERE shift = 1').get() as { report: string }).report) as ShiftReport;
    db.close();
    expect(anchor).toBe(`${stored.zNumber!.replace(/-Z1$/, '')}:${stored.anchor.seq}:${stored.anchor.hash16}`);
    const expected = renderZReport({ paperWidth: 80, merchantName: KHMER_NAME, report: stored, copy: false });
    expect([job.raster!.width, job.raster!.height]).toEqual([expected.width, expected.height]);
    expect(Buffer.from(job.raster!.data).equals(Buffer.from(expected.data))).toBe(true);
    const receipt = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[0]!))));
    expect(job.raster!.height).toBeGreaterThan(receipt.raster!.height);

    // Reprint from the list: a fourth job, marked COPY (taller by its box).
    await page.getByRole('button', { name: /^Reprint .*-Z1$/ }).click();
    await expect.poll(() => files(prints).length).toBe(4);
    const copy = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[3]!))));
    expect(copy.raster!.height).toBeGreaterThan(job.raster!.height);
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});

test('a close while a payment is watched says so; carrying it over closes with the QR listed unresolved', async ({ browser }) => {
  const pos = await startPos({});
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await keyIn(page, '4.00');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Simulate payment' })).toBeVisible();

    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    await countDrawer(page);
    await confirmClose(page);
    const watched = page.getByRole('dialog', { name: 'A payment is still being watched' });
    await expect(watched).toContainText('1 payment(s) still being watched (#1)');
    // The safe choice has the focus: Enter waits.
    await expect(watched.getByRole('button', { name: 'Wait' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(watched).toBeHidden();
    await expect(page.getByTestId('shift-number')).toHaveText('1');

    await confirmClose(page);
    await watched.getByRole('button', { name: 'Carry it into the next shift' }).click();
    const z = page.getByTestId('z-report');
    await expect(z.getByRole('heading', { name: /-Z1$/ })).toBeVisible();
    await expect(z.getByText('#1', { exact: true })).toBeVisible();
  } finally {
    await pos.stop();
  }
});
