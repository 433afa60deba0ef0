/**
 * Cash at the counter in web mode (training), as a cashier takes it: a riel sale paid in riel notes
 * with the change in dollars, shown large on both screens and its receipt printed; a split sale, half
 * in riel cash and the rest by KHQR; a Void after cash was tendered, approved with the owner's PIN; and
 * the whole cash path from the keyboard alone. What the screens say is checked against the ledger file.
 * The customer display's clock is paused, so its "Paid" never gives way to Welcome mid-test.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, keyIn, startPos, test, type Pos } from './fixtures.ts';
import { openScreens, posCommand, sendCommand } from './steps.ts';

const amount = (page: Page) => page.locator('#amount-display');
const tenderView = (page: Page) => page.getByTestId('cash-tender');

/** The sale's own row and its tenders, straight from the ledger file. */
function ledgerSale(pos: Pos, id: number) {
  const db = new Database(join(pos.dataDir, 'ledger.sqlite3'), { readonly: true });
  try {
    const sale = db.prepare('SELECT status, due_currency, due_amount, change_usd, change_khr FROM sales WHERE id = ?').get(id) as
      { status: string; due_currency: string; due_amount: number; change_usd: number; change_khr: number } | undefined;
    const tenders = db.prepare(`SELECT kind, currency, amount FROM tenders WHERE sale_id = ? AND status = 'paid' ORDER BY id`).all(id);
    return { sale, tenders };
  } finally {
    db.close();
  }
}

async function pauseClock(customer: Page): Promise<void> {
  await customer.clock.install();
  await customer.clock.pauseAt(Date.now() + 1_000);
}

test('a sale keyed in riel, paid with a 20,000៛ note, change all in dollars: both screens show it, the receipt prints', async ({ browser }) => {
  const prints = mkdtempSync(join(tmpdir(), 'pos-e2e-cash-'));
  const pos = await startPos({ POS_PRINTER: `file:${prints}` });
  try {
    const { cashier, customer } = await openScreens(browser, pos);
    await pauseClock(customer);
    await cashier.getByRole('group', { name: 'Key the amount in' }).getByRole('button', { name: 'Riel ៛' }).click();
    await keyIn(cashier, '13000');
    await expect(amount(cashier)).toHaveText('13,000៛');
    await expect(cashier.locator('.amount__khr')).toContainText('≈ $3.25');
    await cashier.getByRole('button', { name: 'Cash', exact: true }).click();

    const tender = tenderView(cashier);
    await expect(tender.getByRole('group', { name: 'Cash in' }).getByRole('button', { name: 'Riel ៛' })).toHaveAttribute('aria-pressed', 'true');
    await expect(tender.getByTestId('cash-left')).toContainText('$3.25 · 13,000៛');
    await tender.getByRole('button', { name: '20,000៛', exact: true }).click();
    await expect(tender.getByTestId('cash-preview')).toHaveText('Change to give: $1.00 and 3,000៛');
    await tender.getByRole('radio', { name: 'All in dollars' }).check();
    await expect(tender.getByTestId('cash-preview')).toHaveText('Change to give: $1.75 and 0៛');
    await tender.getByRole('button', { name: 'Take cash' }).click();

    const change = cashier.getByTestId('change-due');
    await expect(change).toContainText('Change to give');
    await expect(change.locator('.change-due__amounts')).toHaveText('$1.750៛');
    await expect(cashier.getByRole('status').filter({ hasText: /^Paid$/ })).toBeVisible();
    const shown = customer.getByTestId('display-change');
    await expect(shown).toContainText('Your change');
    await expect(shown).toContainText('ប្រាក់អាប់របស់អ្នក');
    await expect(shown.locator('.change-lines__amounts')).toHaveText('$1.750៛');
    await expect(customer.getByTestId('display-cash')).toContainText('20,000៛');
    await expect(customer.getByText('Thank you!')).toBeVisible();

    expect(ledgerSale(pos, 1)).toEqual({
      sale: { status: 'completed', due_currency: 'KHR', due_amount: 13_000, change_usd: 175, change_khr: 0 },
      tenders: [{ kind: 'cash', currency: 'KHR', amount: 20_000 }],
    });
    await expect.poll(() => readdirSync(prints).filter((f) => !f.startsWith('.')).length).toBe(1);
  } finally {
    await pos.stop();
    rmSync(prints, { recursive: true, force: true });
  }
});

test('a split sale: half in riel cash, the rest by KHQR, completed', async ({ cashier, customer, pos }) => {
  await pauseClock(customer);
  await cashier.getByRole('button', { name: 'Riel ៛' }).click();
  await keyIn(cashier, '40000');
  await cashier.getByRole('button', { name: 'Cash', exact: true }).click();
  const tender = tenderView(cashier);
  await tender.getByRole('button', { name: '20,000៛', exact: true }).click();
  await expect(tender.getByTestId('cash-preview')).toHaveText('Still to pay after this: $5.00 or 20,000៛');
  await tender.getByRole('button', { name: 'Take cash' }).click();

  await expect(cashier.getByRole('status').filter({ hasText: /^Partly paid$/ })).toBeVisible();
  await expect(tender.getByTestId('cash-left')).toContainText('$5.00 · 20,000៛');
  await expect(customer.getByTestId('display-cash')).toContainText('20,000៛');
  await expect(customer.getByTestId('display-cash')).toContainText('$5.00 · 20,000៛');
  await expect(cashier.getByRole('row', { name: /#1/ }).getByText('Partly paid')).toBeVisible();
  // Keyed in riel: riel first, exactly, on the customer display and in Today's sales; dollars "≈".
  await expect(customer.locator('.big-amount')).toHaveText('40,000៛≈ $10.00');
  await expect(cashier.getByRole('row', { name: /#1/ }).locator('.today__right')).toHaveText('40,000៛ ≈ $10.00');
  // New sale must not leave the partly paid sale behind: N is not New sale here.
  await cashier.keyboard.press('n');
  await expect(tenderView(cashier)).toBeVisible();

  await tender.getByRole('button', { name: 'KHQR for the rest' }).click();
  await expect(customer.getByRole('img', { name: /KHQR/ })).toBeVisible();
  // The card beside the QR asks what the QR asks: the $5.00 left, not the sale's $10.00.
  await expect(customer.locator('.khqr-card__amount')).toHaveText('5.00 USD');
  await expect(customer.locator('.khqr-card__khr')).toHaveText('≈ 20,000៛');
  await cashier.getByRole('button', { name: 'Simulate payment' }).click();
  await expect(cashier.getByRole('status').filter({ hasText: /^Paid$/ })).toBeVisible();
  await expect(customer.getByText('Paid', { exact: true }).first()).toBeVisible();
  await expect(cashier.getByTestId('change-due')).toContainText('No change');
  expect(ledgerSale(pos, 1)).toEqual({
    sale: { status: 'completed', due_currency: 'KHR', due_amount: 40_000, change_usd: 0, change_khr: 0 },
    tenders: [{ kind: 'cash', currency: 'KHR', amount: 20_000 }, { kind: 'khqr', currency: 'USD', amount: 500 }],
  });
});

test('Void after a cash tender, approved with the owner\'s PIN in place', async ({ cashier, customer, pos }) => {
  await pauseClock(customer);
  await keyIn(cashier, '10');
  await cashier.getByRole('button', { name: 'Cash', exact: true }).click();
  const tender = tenderView(cashier);
  await tender.getByRole('button', { name: '$5', exact: true }).click();
  await tender.getByRole('button', { name: 'Take cash' }).click();
  await expect(cashier.getByRole('status').filter({ hasText: /^Partly paid$/ })).toBeVisible();

  await tender.getByRole('button', { name: 'Void', exact: true }).click();
  const dialog = cashier.getByRole('dialog', { name: 'Void this sale?' });
  await expect(dialog).toContainText('The cash tendered ($5.00) goes back to the customer');
  await expect(dialog).toContainText('Say why the sale is voided, e.g. "customer changed their mind"');
  await expect(dialog).not.toContainText('ice from the market');
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Void sale' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Type a reason.');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('customer left');
  await dialog.getByLabel('Approver’s PIN').fill('1234');
  await dialog.getByRole('button', { name: 'Void sale' }).click();

  await expect(dialog).toBeHidden();
  await expect(cashier.getByRole('status').filter({ hasText: /^Voided$/ })).toBeVisible();
  await expect(cashier.getByText('The cash tendered was given back: $5.00.')).toBeVisible();
  await expect(customer.getByText('Sale cancelled: your cash is given back')).toBeVisible();
  expect(ledgerSale(pos, 1).sale?.status).toBe('voided');
  await cashier.getByRole('button', { name: 'New sale' }).click();
  await expect(amount(cashier)).toHaveText('$0.00');
});

test('the keyboard alone: F2 riel, F4 Cash, F2 dollars, Shift+3 a $10 note, F6 change in dollars, Enter; F3 Exact; Esc back', async ({ cashier, customer, pos }) => {
  await pauseClock(customer);
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  await cashier.keyboard.press('F2');
  await cashier.keyboard.type('10000');
  await expect(amount(cashier)).toHaveText('10,000៛');
  await cashier.keyboard.press('F4');
  const tender = tenderView(cashier);
  await expect(tender).toBeVisible();
  await cashier.keyboard.press('F2');
  await expect(tender.getByRole('button', { name: 'Dollars $' })).toHaveAttribute('aria-pressed', 'true');
  await cashier.keyboard.press('Shift+Digit3');
  await expect(tender.getByTestId('cash-typed')).toHaveText('$10.00');
  await expect(tender.getByTestId('cash-preview')).toHaveText('Change to give: $7.00 and 2,000៛');
  await cashier.keyboard.press('F6');
  await expect(tender.getByRole('radio', { name: 'All in dollars' })).toBeChecked();
  await expect(tender.getByTestId('cash-preview')).toHaveText('Change to give: $7.50 and 0៛');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('change-due').locator('.change-due__amounts')).toHaveText('$7.500៛');
  await expect(customer.getByTestId('display-change')).toContainText('$7.50');

  await cashier.keyboard.press('Enter'); // New sale
  await expect(amount(cashier)).toHaveText('0៛');
  await cashier.keyboard.press('F2');
  await cashier.keyboard.type('5.25');
  await cashier.keyboard.press('F4');
  await expect(tender).toBeVisible();
  await cashier.keyboard.press('Escape'); // nothing typed, nothing tendered: back to the amount
  await expect(amount(cashier)).toHaveText('$5.25');
  await cashier.keyboard.press('F4');
  await cashier.keyboard.press('F3');
  await expect(tender.getByTestId('cash-typed')).toHaveText('$5.25');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('change-due')).toContainText('No change');
  expect(ledgerSale(pos, 2).tenders).toEqual([{ kind: 'cash', currency: 'USD', amount: 525 }]);
  expect(ledgerSale(pos, 1).sale).toEqual({ status: 'completed', due_currency: 'KHR', due_amount: 10_000, change_usd: 750, change_khr: 0 });
});

test('Khmer: the cash screen and the change in Khmer', async ({ cashier, customer, pos }) => {
  await sendCommand(pos, 'settings.save', { language: 'km' });
  await pauseClock(customer);
  await keyIn(cashier, '3');
  await cashier.getByRole('button', { name: 'សាច់ប្រាក់', exact: true }).click();
  const tender = tenderView(cashier);
  await tender.getByRole('button', { name: '$5', exact: true }).click();
  await expect(tender.getByTestId('cash-preview')).toHaveText('ប្រាក់អាប់ត្រូវឲ្យ៖ $2.00 និង 0៛');
  await tender.getByRole('button', { name: 'ទទួលសាច់ប្រាក់' }).click();
  await expect(cashier.getByTestId('change-due')).toContainText('ប្រាក់អាប់ត្រូវឲ្យ');
  await expect(customer.getByTestId('display-change')).toContainText('ប្រាក់អាប់របស់អ្នក');
});

test('Khmer: the Void dialog\'s reason hint is an example of a void, not of a paid-out', async ({ cashier, pos }) => {
  await sendCommand(pos, 'settings.save', { language: 'km' });
  await keyIn(cashier, '10');
  await cashier.getByRole('button', { name: 'សាច់ប្រាក់', exact: true }).click();
  const tender = tenderView(cashier);
  await tender.getByRole('button', { name: '$5', exact: true }).click();
  await tender.getByRole('button', { name: 'ទទួលសាច់ប្រាក់' }).click();
  await tender.getByRole('button', { name: 'ចាត់ទុកជាមោឃៈ', exact: true }).click();
  const dialog = cashier.getByRole('dialog', { name: 'ចាត់ទុកការលក់នេះជាមោឃៈ?' });
  await expect(dialog).toContainText('«អតិថិជនប្ដូរចិត្ត»');
  await expect(dialog).not.toContainText('ទិញទឹកកកពីផ្សារ');
});

test('the reply to Take cash is lost on the way: the screen still shows the sale\'s change, and Enter again makes no second sale', async ({ cashier, customer, pos }) => {
  await pauseClock(customer);
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  await cashier.keyboard.type('7.00');
  await cashier.keyboard.press('F4');
  const tender = tenderView(cashier);
  await cashier.keyboard.type('10');
  await expect(tender.getByTestId('cash-typed')).toHaveText('$10.00');
  await expect(tender.getByTestId('cash-preview')).toHaveText('Change to give: $3.00 and 0៛');
  // The first Take cash reaches the host (which records it), but its answer never comes back: the
  // browser sees what it sees when the web process dies between the commit and the reply.
  let lost: string | null = null;
  await cashier.route('**/api/command', async (route) => {
    const body = route.request().postData() ?? '';
    if (lost !== null || !body.includes('"cash.tender"')) return route.continue();
    lost = body;
    await route.fetch();
    return route.abort('connectionreset');
  });
  await cashier.keyboard.press('Enter');
  await expect.poll(() => lost).not.toBeNull();
  // The state push shows the sale this screen's attempt made: the typed cash is gone, the change shows.
  await expect(cashier.getByTestId('change-due').locator('.change-due__amounts')).toHaveText('$3.000៛');
  await expect(tender).toBeHidden();
  await cashier.keyboard.press('Enter');
  await expect(amount(cashier)).toHaveText('$0.00');
  expect(ledgerSale(pos, 1)).toEqual({
    sale: { status: 'completed', due_currency: 'USD', due_amount: 700, change_usd: 300, change_khr: 0 },
    tenders: [{ kind: 'cash', currency: 'USD', amount: 1000 }],
  });
  expect(ledgerSale(pos, 2).sale).toBeUndefined();
  // The screen's very request sent again (a retry with its attempt id) is answered with sale #1, as it stands.
  const { name, args } = JSON.parse(lost!) as { name: string; args: object };
  const again = await posCommand(pos, name, args);
  expect(again.ok).toBe(true);
  expect((again.value as { sale: { id: number; saleStatus: string } }).sale).toMatchObject({ id: 1, saleStatus: 'completed' });
  expect(ledgerSale(pos, 2).sale).toBeUndefined();
  expect(ledgerSale(pos, 1).tenders).toHaveLength(1);
});
