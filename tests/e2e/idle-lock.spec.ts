/**
 * The idle lock (web mode, real Chromium, the page's time run by Playwright's clock): with the owner's
 * "Lock the till after idle" at 2 minutes, a key pressed restarts the wait; 2 minutes with nothing
 * locks the till (the sign-in screen, the till behind it gone); 0 never locks. In Khmer the setting is
 * named in Khmer.
 */
import { expect, startPos, test } from './fixtures.ts';
import { saveSettings } from './steps.ts';

test('the till locks itself after the idle time; a key restarts the wait; 0 never locks', async ({ browser }) => {
  const pos = await startPos({});
  try {
    await saveSettings(pos, { autoLockMinutes: 2 });
    const page = await (await browser.newContext()).newPage();
    await page.clock.install();
    await page.goto(pos.cashierUrl);
    const signedIn = page.getByText('Signed in: Owner (Owner)');
    await expect(signedIn).toBeVisible();

    await page.clock.runFor('01:50');
    await page.keyboard.press('1');
    await page.clock.runFor('01:50');
    await expect(signedIn).toBeVisible();
    await expect(page.getByLabel('PIN for Owner')).toHaveCount(0);

    await page.clock.runFor('00:15');
    await expect(page.getByLabel('PIN for Owner')).toBeVisible();
    await expect(signedIn).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Shift' })).toHaveCount(0);

    // The owner signs back in and sets 0: half an hour later the till is still open.
    await page.getByLabel('PIN for Owner').fill('1234');
    await page.keyboard.press('Enter');
    await expect(signedIn).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Lock the till after idle (minutes)');
    await expect(field).toHaveValue('2');
    await field.fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await page.clock.runFor('30:00');
    await expect(signedIn).toBeVisible();

    await saveSettings(pos, { language: 'km' });
    await expect(page.getByLabel('ចាក់សោម៉ាស៊ីនគិតប្រាក់ពេលទំនេរ (នាទី)')).toHaveValue('0');
  } finally {
    await pos.stop();
  }
});
