/**
 * Receipts in web mode with the file transport: paying a sale writes one receipt job whose bytes
 * decode (ESC/POS GS v 0) to exactly the raster the cashier's "Preview receipt" shows, with the Khmer
 * merchant name drawn, never sent as text.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPosJob } from '../../src/host/printing/escpos/decode.ts';
import { expect, imagePixels, keyIn, startPos, test } from './fixtures.ts';

const KHMER_NAME = 'ហាងកាហ្វេ';

test('paying a sale prints one receipt that decodes to the previewed raster, Khmer name included', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-prints-'));
  const pos = await startPos({ POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: KHMER_NAME });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await expect(page.getByText(KHMER_NAME).first()).toBeVisible();
    await keyIn(page, '10.50');
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await page.getByRole('button', { name: 'Simulate payment' }).click();
    await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();

    await expect.poll(() => readdirSync(prints).filter((f) => !f.startsWith('.')).length).toBe(1);
    await expect(page.getByText(/Receipt: Printed/)).toBeVisible();
    const [file] = readdirSync(prints).filter((f) => !f.startsWith('.'));
    const bytes = readFileSync(join(prints, file!));
    expect(bytes.indexOf(Buffer.from(KHMER_NAME, 'utf8'))).toBe(-1);
    const job = decodeEscPosJob(new Uint8Array(bytes));
    expect(job.commands.filter((c) => c.kind === 'unknown')).toEqual([]);
    expect(job.commands.map((c) => c.kind).at(0)).toBe('init');
    expect(job.commands.map((c) => c.kind).slice(-2)).toEqual(['feed', 'cut']);
    const raster = job.raster!;
    expect(raster.width).toBe(576);

    await page.getByRole('button', { name: 'Preview receipt' }).first().click();
    const preview = page.getByRole('img', { name: /Receipt preview for sale #1/ });
    await expect(preview).toBeVisible();
    // Every dot of the preview, read back from the page, equals the printed raster.
    const shown = await imagePixels(preview);
    let bits = '';
    for (let i = 0; i < shown.data.length; i += 4) bits += shown.data[i]! < 128 ? '1' : '0';
    const dots = { width: shown.width, height: shown.height, bits };
    expect([dots.width, dots.height]).toEqual([raster.width, raster.height]);
    let printed = '';
    for (let y = 0; y < raster.height; y += 1) {
      for (let x = 0; x < raster.width; x += 1) {
        printed += (raster.data[y * (raster.width / 8) + (x >> 3)]! >> (7 - (x & 7))) & 1 ? '1' : '0';
      }
    }
    expect(dots.bits === printed).toBe(true);
    expect(printed.includes('1')).toBe(true);
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});
