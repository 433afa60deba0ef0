/**
 * A cash refund in web mode with the file printer: a training sale paid, F8 opens Refunds with its
 * search focused, the sale found by its receipt number, $5.00 refunded in cash with a reason and the
 * owner's PIN, the screen says so, and the refund receipt is a new job in the printer's folder, bit for
 * bit the refund receipt rendered from the ledger (it names the original sale). Over the cap is
 * refused in words first.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Refunds } from '../../src/host/ledger/refunds.ts';
import { decodeEscPosJob } from '../../src/host/printing/escpos/decode.ts';
import { receiptForReturn } from '../../src/host/printing/receipt-data.ts';
import { renderReturnReceipt } from '../../src/host/printing/receipt/return-receipt.ts';
import { DEFAULT_SETTINGS } from '../../src/host/config/settings.ts';
import { expect, startPos, test } from './fixtures.ts';
import { confirmClose, countDrawer, saveSettings, sellInTraining } from './steps.ts';

const files = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();

test('a cash refund approved with the owner\'s PIN: shown, journaled, and its receipt printed', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-prints-'));
  const pos = await startPos({ POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: 'My Shop' });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pos.cashierUrl);
    await sellInTraining(page, ['10.50']);
    await expect.poll(() => files(prints).length).toBe(1);

    await page.keyboard.press('F8');
    const panel = page.getByTestId('refund-panel');
    const search = panel.getByRole('textbox', { name: 'Receipt number, date or amount' });
    await expect(search).toBeFocused();
    await search.fill('1');
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: /^Refund [2-9A-Z]+-1 \(\$10\.50, at most \$10\.50 \/ / }).click();
    await expect(panel.getByTestId('refund-left')).toContainText('$10.50');

    await panel.getByRole('textbox', { name: 'Amount', exact: true }).fill('11.00');
    await panel.getByRole('textbox', { name: 'Reason', exact: true }).fill('wrong size');
    await panel.getByLabel('Approver’s PIN').fill('1234');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(panel.getByRole('alert')).toContainText('That is more than is left to refund on sale 1: at most $10.50');

    await panel.getByRole('textbox', { name: 'Amount', exact: true }).fill('5.00');
    await panel.getByLabel('Approver’s PIN').fill('1234');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(panel.getByTestId('refund-notice')).toContainText(/Refund [2-9A-Z]+-R1: \$5\.00 given back in cash/);

    await expect.poll(() => files(prints).length).toBe(2);
    const job = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[1]!))));
    const db = new Database(join(pos.dataDir, 'ledger.sqlite3'), { readonly: true });
    const refund = new Refunds(db).get(1)!;
    const code = (db.prepare('SELECT code FROM till').get() as { code: string }).code;
    db.close();
    expect([refund.saleId, refund.currency, refund.amount, refund.method, refund.reason]).toEqual([1, 'USD', 500, 'cash', 'wrong size']);
    const expected = renderReturnReceipt(receiptForReturn({ kind: 'refund', refund }, 'My Shop', { ...DEFAULT_SETTINGS, merchantName: 'My Shop' }, code, { sale: 1, doc: 1 }));
    expect([job.raster!.width, job.raster!.height]).toEqual([expected.width, expected.height]);
    expect(Buffer.from(job.raster!.data).equals(Buffer.from(expected.data))).toBe(true);

    // The close: the Z on screen lists the refund with who made it and who approved it, by name.
    await countDrawer(page, { usd: '0', khr: '0' });
    await confirmClose(page);
    const returns = page.getByTestId('z-report').getByTestId('z-returns');
    await expect(returns).toHaveText('Refund R1 of sale #1: $5.00 · by Owner · approved by Owner (training)');
    await saveSettings(pos, { language: 'km' });
    await expect(returns).toHaveText('ការសងវិញ R1 នៃការលក់ #1: $5.00 · ដោយ Owner · អនុម័តដោយ Owner (ហ្វឹកហាត់)');
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});
