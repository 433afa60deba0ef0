/**
 * The whole product in web mode, in Chromium, against the real host: key an amount, charge, the
 * customer display shows a QR that decodes to exactly the KHQR the ledger holds, the payment is
 * made, and both screens and the ledger agree. No fake bridge: real HTTP, real SQLite.
 */
import { decodeShownQr, expect, keyIn, test } from './fixtures.ts';
import { chargeAndDecodeQr, openScreens, sandboxOverHttp, startLivePos } from './steps.ts';

test('training mode: $10.50 keyed, charged, QR shown, simulated payment, Paid on both screens and in the ledger', async ({
  cashier, customer, pos, requests,
}) => {
  await expect(cashier.getByText('TRAINING', { exact: true }).first()).toBeVisible();
  await expect(customer.getByText(/TRAINING/).first()).toBeVisible();
  await keyIn(cashier, '10.50');
  await expect(cashier.getByText('$10.50').first()).toBeVisible();
  await cashier.getByRole('button', { name: 'Charge', exact: true }).click();

  const shown = await decodeShownQr(customer);
  await expect.poll(() => pos.sale(1)?.status).toBe('awaiting_payment');
  const sale = pos.sale(1)!;
  expect(shown).toBe(sale.khqr_string);
  expect(sale.amount_cents).toBe(1050);
  await expect(customer.getByText('$10.50').first()).toBeVisible();

  await cashier.getByRole('button', { name: 'Simulate payment' }).click();
  await expect(cashier.getByText('Paid', { exact: true }).first()).toBeVisible();
  await expect(customer.getByText('Paid', { exact: true }).first()).toBeVisible();
  expect(pos.sale(1)!.status).toBe('paid');
  await expect(customer.getByRole('img', { name: /KHQR/ })).toHaveCount(0);

  // The screens only ever talked to their own host: every API call was the host's.
  const foreign = requests.filter((url) => !url.startsWith(pos.origin) && !url.startsWith('data:'));
  expect(foreign).toEqual([]);
});

test('New QR keeps the sale: the same sale number on screen, a second attempt in its details, one sale in the ledger', async ({ cashier, customer, pos }) => {
  await keyIn(cashier, '10.50');
  await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
  const first = await decodeShownQr(customer);
  await expect.poll(() => pos.sale(1)?.md5).toBeTruthy();
  const firstMd5 = pos.sale(1)!.md5;
  await expect(cashier.getByText('Sale #1').first()).toBeVisible();

  await cashier.getByRole('button', { name: 'New QR', exact: true }).click();
  // The old QR leaves the customer display and a new one for the same sale replaces it.
  await expect.poll(() => pos.sale(1)?.md5).not.toBe(firstMd5);
  await expect.poll(async () => decodeShownQr(customer)).not.toBe(first);
  expect(await decodeShownQr(customer)).toBe(pos.sale(1)!.khqr_string);
  await expect(cashier.getByText('Sale #1').first()).toBeVisible();
  await expect(cashier.getByText('Sale #2')).toHaveCount(0);
  expect(pos.sale(2)).toBeUndefined();

  await cashier.getByRole('button', { name: 'Simulate payment' }).click();
  await expect(customer.getByText('Paid', { exact: true }).first()).toBeVisible();
  expect(pos.sale(1)!.status).toBe('paid');

  // Today's sales: one row for sale 1, whose details list both attempts.
  const list = cashier.getByRole('region', { name: 'Today’s sales' });
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await list.getByText('Details').first().click();
  const attempts = list.getByRole('list', { name: 'Payment attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText('KHQR #1 · $10.50 · Cancelled');
  await expect(attempts.nth(1)).toContainText('KHQR #2 · $10.50 · Paid');
});

test('the physical keyboard works like the keypad: 1 0 . 5 0 Enter charges $10.50', async ({ cashier, customer, pos }) => {
  await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor();
  await cashier.keyboard.type('10.5');
  await cashier.keyboard.press('0');
  await cashier.keyboard.press('Backspace');
  await cashier.keyboard.press('0');
  await cashier.keyboard.press('Enter');
  await decodeShownQr(customer);
  await expect.poll(() => pos.sale(1)?.amount_cents).toBe(1050);
});

test.describe('against the sandbox over HTTP', () => {
  const api = sandboxOverHttp();

  test('live mode: the customer pays through the API and both screens say Paid', async ({ browser }) => {
    const pos = await startLivePos(api.url);
    try {
      const { context, cashier, customer } = await openScreens(browser, pos);
      await expect(cashier.getByText('TRAINING', { exact: true })).toHaveCount(0);
      const shown = await chargeAndDecodeQr(cashier, customer, '10.50');
      await expect(customer.getByText('My Store').first()).toBeVisible();
      const md5 = pos.sale(1)!.md5!;
      expect(shown).toBe(api.sandbox.payment(md5)!.khqrString);
      const paid = await fetch(`${api.url}/sandbox/pay?md5=${md5}`, { method: 'POST' });
      expect(paid.status).toBe(200);
      await expect(cashier.getByText('Paid', { exact: true }).first()).toBeVisible();
      await expect(customer.getByText('Paid', { exact: true }).first()).toBeVisible();
      expect(pos.sale(1)!.status).toBe('paid');
      await context.close();
    } finally {
      await pos.stop();
    }
  });

  // The sandbox ends the QR's life on request (POST /sandbox/expire), so nothing here races the clock.
  test('an unpaid QR expires: Expired on both screens, the QR is gone, the ledger says expired', async ({ browser }) => {
    const pos = await startLivePos(api.url);
    try {
      const { context, cashier, customer } = await openScreens(browser, pos);
      await chargeAndDecodeQr(cashier, customer, '2.5');
      const expired = await fetch(`${api.url}/sandbox/expire?md5=${pos.sale(1)!.md5!}`, { method: 'POST' });
      expect(expired.status).toBe(200);
      // No click on Check now: the watcher's next check (within a second) may already have seen it,
      // taking the button away under the click. The outcome is what the test waits for.
      await expect(cashier.getByText('Expired', { exact: true }).first()).toBeVisible();
      await expect(customer.getByText('Expired', { exact: true }).first()).toBeVisible();
      await expect(customer.getByRole('img', { name: /KHQR/ })).toHaveCount(0);
      expect(pos.sale(1)!.status).toBe('expired');
      // Still inside the late-payment grace period: nobody is told to pay again.
      await expect(customer.getByText(/If you have already paid, please wait/).first()).toBeVisible();
      await expect(cashier.getByText(/still checking for a late payment/).first()).toBeVisible();
      await context.close();
    } finally {
      await pos.stop();
    }
  });
});

test('the cashier cancels (with a confirm): Cancelled on both screens and in the ledger; a new sale can start', async ({
  cashier, customer, pos,
}) => {
  await chargeAndDecodeQr(cashier, customer, '7');
  await cashier.getByRole('button', { name: 'Cancel', exact: true }).click();
  await cashier.getByRole('button', { name: 'Keep waiting' }).click();
  expect(pos.sale(1)!.status).toBe('awaiting_payment');
  await cashier.getByRole('button', { name: 'Cancel', exact: true }).click();
  await cashier.getByRole('button', { name: 'Cancel payment' }).click();
  await expect(cashier.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  await expect(customer.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  await expect(customer.getByRole('img', { name: /KHQR/ })).toHaveCount(0);
  expect(pos.sale(1)!.status).toBe('cancelled');
  await cashier.getByRole('button', { name: 'New sale' }).click();
  await chargeAndDecodeQr(cashier, customer, '3');
  expect(pos.sale(2)!.status).toBe('awaiting_payment');
});

test.describe('API unreachable', () => {
  test.use({ posEnv: { POS_BAKONG_API_URL: 'http://127.0.0.1:9', POS_BAKONG_ID: 'myshop@aclb' } });
  test('a failed create tells the cashier plainly and shows the customer no QR', async ({ cashier, customer, pos }) => {
    await keyIn(cashier, '5');
    await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
    await expect(cashier.getByRole('alert').filter({ hasText: /reach the payment service/ })).toBeVisible();
    await expect(customer.getByRole('img', { name: /KHQR/ })).toHaveCount(0);
    expect(pos.sale(1)!.status).toBe('failed');
  });
});
