/**
 * Cash control and the drawer in web mode, live (not training) against the sandbox over HTTP, with the
 * file printer: from the Shift tab, keyboard first, the float is entered, a paid-out recorded with its
 * reason (shown as typed, as text), "Open drawer" sends exactly ESC p to the printer and is counted;
 * the X shows what should be in the drawer per currency, in English and Khmer; a printer that is gone
 * gives "open it with the key" above the tabs.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { expect, startPos, test } from './fixtures.ts';
import { countDrawer, sandboxOverHttp, saveSettings } from './steps.ts';

const api = sandboxOverHttp();
const files = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
  } catch {
    return [];
  }
};

/** A live POS printing into `printer`, its drawer on, the cashier page open on the Shift tab. */
async function shiftTab(browser: Browser, printer: string) {
  const pos = await startPos({ POS_BAKONG_ID: 'myshop@aclb', POS_BAKONG_API_URL: api.url, POS_PRINTER: `file:${printer}` });
  await saveSettings(pos, { drawerEnabled: true });
  const page = await (await browser.newContext()).newPage();
  await page.goto(pos.cashierUrl);
  await page.getByRole('button', { name: 'Shift', exact: true }).click();
  return { pos, page };
}

test('float, a paid-out with its reason, Open drawer: the kick on the printer, the expected cash per currency, en and km', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-drawer-'));
  const { pos, page } = await shiftTab(browser, prints);
  try {
    const cash = page.getByTestId('cash-panel');
    await expect(cash.getByRole('heading', { name: 'Float at the start of the shift' })).toBeVisible();

    // Keyboard first: type into the labelled fields, Enter submits.
    await cash.getByLabel('Float in dollars').fill('50');
    await cash.getByLabel('Float in riel').fill('100,000');
    await page.keyboard.press('Enter');
    await expect(cash.getByTestId('cash-notice')).toHaveText('Float set.');
    await expect(cash.locator('[data-line="cash.line.float"]')).toContainText('$50.00');
    await expect(cash.locator('[data-line="cash.line.float"]')).toContainText('100,000៛');

    await cash.getByLabel('What').selectOption({ label: 'Paid out' });
    await cash.getByLabel('Currency').selectOption({ label: 'USD' });
    await cash.getByLabel('Amount').fill('2.50');
    await cash.getByLabel('Reason').fill('<b>ice</b> ទឹកកក');
    await page.keyboard.press('Enter');
    await expect(cash.getByTestId('cash-notice')).toHaveText('Recorded.');
    await expect(cash.locator('[data-line="cash.line.paidOut"] td').first()).toHaveText('1 · $2.50');
    // The close's count is blind: the expected figure is not shown before it.
    await expect(cash.locator('[data-line="cash.line.expected"] td').first()).toHaveText('after the count');
    await expect(cash.locator('[data-line="cash.line.expected"] td').nth(1)).toHaveText('after the count');
    // The cashier's reason is shown as typed, as text: never markup.
    await expect(cash.getByTestId('cash-movements')).toContainText('<b>ice</b> ទឹកកក');
    await expect(cash.locator('.cash__movements b')).toHaveCount(0);

    // A riel amount that is not whole hundreds is refused before it is sent.
    await cash.getByLabel('Currency').selectOption({ label: 'KHR' });
    await cash.getByLabel('Amount').fill('150');
    await cash.getByLabel('Reason').fill('coins');
    await page.keyboard.press('Enter');
    await expect(cash.getByRole('alert')).toContainText('whole hundreds of riel');

    // Open drawer needs an owner's or manager's PIN, typed in place: without one nothing is sent.
    const openDrawer = cash.getByTestId('open-drawer');
    await openDrawer.getByRole('button', { name: 'Open drawer' }).click();
    await expect(openDrawer.getByRole('alert')).toHaveText('The approver must type their PIN (4 to 6 digits).');
    expect(files(prints)).toEqual([]);
    await openDrawer.getByLabel('Approved by').selectOption({ label: 'Owner (Owner)' });
    await openDrawer.getByLabel('Approver’s PIN').fill('1234');
    await openDrawer.getByRole('button', { name: 'Open drawer' }).click();
    await expect(openDrawer.getByTestId('open-drawer-notice')).toHaveText('The drawer was sent the open signal.');
    await expect(openDrawer.getByLabel('Approver’s PIN')).toHaveValue('');
    expect(files(prints)).toEqual(['00000001-drawer.escpos']);
    expect([...readFileSync(join(prints, '00000001-drawer.escpos'))]).toEqual([0x1b, 0x70, 0, 50, 250]);
    await expect(cash.getByTestId('no-sale-opens')).toHaveText('Drawer opened without a sale: 1');

    // Counted for the close: now the expected figures show, per currency.
    await countDrawer(page, { usd: '47.50', khr: '100,000' });
    const result = page.getByTestId('count-result');
    await expect(result.locator('[data-currency="USD"] td').nth(1)).toHaveText('$47.50');
    await expect(result.locator('[data-currency="KHR"] td').nth(1)).toHaveText('100,000៛');
    await expect(result.getByTestId('difference-USD')).toHaveText('Even');
    await expect(cash.locator('[data-line="cash.line.expected"] td').first()).toHaveText('$47.50');

    // Khmer: the same panel, labels in Khmer, accessible names equal to them.
    await saveSettings(pos, { language: 'km' });
    await expect(cash.getByRole('heading', { name: 'សាច់ប្រាក់ក្នុងថត' })).toBeVisible();
    await expect(cash.locator('[data-line="cash.line.expected"] th')).toHaveText('គួរមានក្នុងថត');
    await expect(cash.getByRole('button', { name: 'បើកថត' })).toBeVisible();
    await expect(cash.getByLabel('មូលហេតុ')).toBeVisible();
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});

test('a printer that is gone: "Open drawer" says to open it with the key, above every tab, until OK', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'pos-e2e-stick-'));
  const gone = join(root, 'stick', 'prints');
  const { pos, page } = await shiftTab(browser, gone);
  try {
    await page.getByTestId('open-drawer').getByLabel('Approver’s PIN').fill('1234');
    await page.getByTestId('open-drawer').getByRole('button', { name: 'Open drawer' }).click();
    const banner = page.getByTestId('drawer-problem');
    await expect(banner).toContainText('The drawer did not open — open it with the key.');
    await page.getByRole('button', { name: 'Sell', exact: true }).click();
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'OK' }).click();
    await expect(banner).toBeHidden();
  } finally {
    await pos.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
