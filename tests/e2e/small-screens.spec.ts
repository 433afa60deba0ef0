/**
 * Small screens, as shops have them: a 600×1024 portrait customer display shows the whole "Scan with
 * your banking app to pay" in both languages, and an 800×600 cashier screen keeps today's sales in
 * view while a QR waits. Then the customer display on its own: back to Welcome a few seconds after
 * Paid (on a controlled clock, never a real wait).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type Pos } from './fixtures.ts';

async function command(pos: Pos, name: string, args: unknown): Promise<void> {
  const key = new URL(pos.cashierUrl).hash.replace('#key=', '');
  const response = await fetch(`${pos.origin}/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-key': key },
    body: JSON.stringify({ name, args }),
  });
  const reply = (await response.json()) as { ok: boolean };
  expect(reply.ok, `${name} ${JSON.stringify(reply)}`).toBe(true);
}

/** The element's box lies wholly inside `outer`'s box and the page's viewport, and its text is not clipped. */
async function expectWhollyInside(page: Page, inner: Locator, outer: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  const box = (await inner.boundingBox())!;
  const container = (await outer.boundingBox())!;
  const what = `${await inner.textContent()} ${JSON.stringify(box)}`;
  expect(box.y, what).toBeGreaterThanOrEqual(Math.max(0, container.y) - 0.5);
  expect(box.x, what).toBeGreaterThanOrEqual(Math.max(0, container.x) - 0.5);
  expect(box.y + box.height, what).toBeLessThanOrEqual(Math.min(viewport.height, container.y + container.height) + 0.5);
  expect(box.x + box.width, what).toBeLessThanOrEqual(Math.min(viewport.width, container.x + container.width) + 0.5);
  expect(await inner.evaluate((element) => element.scrollHeight <= element.clientHeight + 1), what).toBe(true);
}

test.describe('600×1024 portrait customer display', () => {
  test.use({ viewport: { width: 600, height: 1024 } });
  for (const language of ['en', 'km'] as const) {
    test(`"Scan with your banking app to pay" is wholly on screen (${language})`, async ({ customer, pos }) => {
      await command(pos, 'settings.save', { language });
      await expect(customer.locator('html')).toHaveAttribute('lang', language);
      await command(pos, 'payment.charge', { amountCents: 500 });
      await expect(customer.getByRole('img', { name: /KHQR/ })).toBeVisible();
      await customer.evaluate(async () => {
        await document.fonts.ready; // measured in the fonts it is shown in (Khmer lines are taller)
      });
      const scan = customer.locator('.both--scan');
      await expect(scan.locator('p')).toHaveCount(2);
      for (const line of await scan.locator('p').all()) await expectWhollyInside(customer, line, customer.locator('.phase'));
      await expectWhollyInside(customer, customer.getByRole('img', { name: /KHQR/ }), customer.locator('.phase'));
    });
  }
});

test.describe('800×600 cashier screen', () => {
  test.use({ viewport: { width: 800, height: 600 } });
  test('while a QR waits, today\'s sales show at least one row', async ({ cashier }) => {
    await cashier.getByRole('button', { name: 'Charge', exact: true }).waitFor(); // the screen is up
    await cashier.keyboard.type('5');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByRole('button', { name: 'Simulate payment' })).toBeVisible();
    const firstRow = cashier.locator('.today__table tbody tr').first();
    await expect(firstRow).toContainText('#1');
    await expect(firstRow).toBeInViewport({ ratio: 1 });
  });
});

test('the customer display goes back to Welcome a few seconds after Paid, timed on a controlled clock', async ({ context, pos }) => {
  const customer = await context.newPage();
  // The page's clock stands still unless the test moves it: the Paid screen cannot time out by itself.
  // pauseAt may only move forward: a target a second ahead of the installed clock is always in its future,
  // however busy the machine (the display times Paid by the host's clock, so the offset does not matter).
  await customer.clock.install();
  await customer.clock.pauseAt(Date.now() + 1_000);
  await customer.goto(pos.customerUrl);
  await expect(customer.getByText('Welcome', { exact: true })).toBeVisible();
  await command(pos, 'payment.charge', { amountCents: 250 });
  await expect(customer.locator('.phase--awaiting')).toBeVisible();
  await command(pos, 'training.simulatePayment', { saleId: 1 });
  await expect(customer.getByText('Paid', { exact: true })).toBeVisible();
  await expect(customer.getByText('Thank you!')).toBeVisible();
  // How long Paid holds is paid-hold.ts's arithmetic (tested in Node). Here only that it ends: the
  // page's clock stands still while the host's runs, so a later push (the receipt printed, seconds
  // after on a loaded machine) moves the display's idea of the host's time on, and any "still Paid
  // after 2 s" here would measure the machine's speed, not the display.
  await customer.clock.runFor(7_000);
  await expect(customer.getByText('Welcome', { exact: true })).toBeVisible();
  await expect(customer.getByText('Paid', { exact: true })).toHaveCount(0);
  await expect(customer.getByText('$2.50')).toHaveCount(0);
});
