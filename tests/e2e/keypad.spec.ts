/**
 * The keypad as a new cashier meets it, in Chromium against the real host: a failed charge never
 * lends its amount to the next one, refused keys are said (not dropped), and Cancel and New sale
 * have keys (Esc; Enter or N) whose buttons keep their labels as accessible names.
 */
import type { Page } from '@playwright/test';
import { expect, keyIn, test } from './fixtures.ts';

const amount = (page: Page) => page.locator('#amount-display');

test.describe('payment service down', () => {
  test.use({ posEnv: { POS_BAKONG_API_URL: 'http://127.0.0.1:9', POS_BAKONG_ID: 'myshop@aclb' } });
  test('$4 fails, New sale, 5: the till charges $5.00, not $45.00', async ({ cashier, pos }) => {
    await keyIn(cashier, '4');
    await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect(cashier.getByRole('alert').filter({ hasText: /reach the payment service/ })).toBeVisible();
    expect(pos.sale(1)!.status).toBe('failed');
    await cashier.getByRole('button', { name: 'New sale', exact: true }).click();
    await keyIn(cashier, '5');
    await expect(amount(cashier)).toHaveText('$5.00');
    await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect.poll(() => pos.sale(2)?.amount_cents).toBe(500);
  });
});

test('keys the amount cannot take are refused visibly, saying why', async ({ cashier }) => {
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  const card = cashier.locator('.amount');
  const why = cashier.locator('#amount-refusal');
  await cashier.keyboard.type('99999');
  await expect(why).toHaveText('');
  await cashier.keyboard.type('999');
  await expect(amount(cashier)).toHaveText('$99,999.00');
  await expect(why).toHaveText('The largest amount this till takes is $100,000.00.');
  await expect(why).toBeVisible();
  await expect(card).toHaveClass(/amount--refused/);
  expect(await card.evaluate((element) => getComputedStyle(element).animationName)).toMatch(/^amount-shake/);

  await cashier.keyboard.press('Escape'); // no payment waiting: Esc clears
  await expect(amount(cashier)).toHaveText('$0.00');
  await cashier.keyboard.type('1e5');
  await expect(why).toHaveText('Only digits and one decimal point.');
  await expect(amount(cashier)).toHaveText('$15.00');
  await cashier.keyboard.type('.5.');
  await expect(why).toHaveText('Only digits and one decimal point.');
  await cashier.keyboard.type('55');
  await expect(why).toHaveText('Only two digits after the decimal point (cents).');
  await expect(amount(cashier)).toHaveText('$15.55');
});

test('with reduced motion the refusal flashes instead of shaking', async ({ cashier }) => {
  await cashier.emulateMedia({ reducedMotion: 'reduce' });
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  await cashier.keyboard.type('x');
  const card = cashier.locator('.amount');
  await expect(card).toHaveClass(/amount--refused/);
  expect(await card.evaluate((element) => getComputedStyle(element).animationName)).toMatch(/^amount-flash/);
});

test('Khmer screen: the refusal is said in Khmer', async ({ cashier, pos }) => {
  const key = new URL(pos.cashierUrl).hash.replace('#key=', '');
  const saved = await fetch(`${pos.origin}/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-key': key },
    body: JSON.stringify({ name: 'settings.save', args: { language: 'km' } }),
  });
  expect(((await saved.json()) as { ok: boolean }).ok).toBe(true);
  await expect(cashier.locator('html')).toHaveAttribute('lang', 'km');
  await cashier.keyboard.type('999999');
  await expect(cashier.locator('#amount-refusal')).toHaveText('ចំនួនទឹកប្រាក់ច្រើនបំផុតដែលម៉ាស៊ីនគិតប្រាក់នេះទទួលគឺ $100,000.00។');
});

test('Esc cancels the waiting payment (after its confirmation); Enter and N start a new sale', async ({ cashier, pos }) => {
  const cancel = cashier.getByRole('button', { name: 'Cancel', exact: true });
  const newSale = cashier.getByRole('button', { name: 'New sale', exact: true });
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  await expect(cashier.getByRole('button', { name: 'Charge', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Enter');

  await cashier.keyboard.type('7');
  await cashier.keyboard.press('Enter');
  await expect(cancel).toBeVisible();
  await expect(cancel).toHaveAttribute('aria-keyshortcuts', 'Escape');
  await expect(cancel).toContainText('Esc'); // the hint is on the button, not in its name
  await cashier.keyboard.press('Escape');
  const dialog = cashier.getByRole('dialog', { name: 'Cancel this payment?' });
  await expect(dialog).toBeVisible();
  await cashier.keyboard.press('Escape'); // the safe choice: keep waiting
  await expect(dialog).toBeHidden();
  expect(pos.sale(1)!.status).toBe('awaiting_payment');
  await cashier.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Cancel payment' }).click();
  await expect.poll(() => pos.sale(1)?.status).toBe('cancelled');

  await expect(newSale).toHaveAttribute('aria-keyshortcuts', 'Enter N');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByText('Key in an amount and press Charge')).toBeVisible();

  await cashier.keyboard.type('3');
  await cashier.keyboard.press('Enter');
  await expect(cancel).toBeVisible();
  await cashier.keyboard.press('n'); // refused while the QR waits: the payment must be finished first
  await expect(cashier.locator('.amount')).toHaveClass(/amount--refused/);
  await cashier.keyboard.press('Escape');
  await cashier.getByRole('dialog').getByRole('button', { name: 'Cancel payment' }).click();
  await expect(newSale).toBeVisible();
  await cashier.keyboard.press('n');
  await expect(cashier.getByText('Key in an amount and press Charge')).toBeVisible();
  expect(pos.sale(2)!.amount_cents).toBe(300);
});
