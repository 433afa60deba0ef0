/**
 * Signing in (web mode, real Chromium): the first start asks for the owner, shows the recovery code
 * once; the owner adds a cashier; Switch user shows the tiles; the cashier signs in from the keyboard
 * and cannot change the owner's settings; Lock keeps them chosen. And the same screen in Khmer.
 */
import { TEST_OWNER } from '../support/web-mode.ts';
import { expect, test } from './fixtures.ts';
import { posCommand, saveSettings } from './steps.ts';

test.describe('a new till', () => {
  test.use({ signedIn: false });

  test('create the owner, keep the recovery code, add a cashier, switch to them; a cashier cannot change the account', async ({ cashier }) => {
    await expect(cashier.getByRole('heading', { name: 'Create the owner' })).toBeVisible();
    await cashier.getByLabel('Owner’s name').fill('សុខា');
    await cashier.getByLabel('PIN', { exact: true }).fill('4821');
    await cashier.getByLabel('PIN again').fill('4812');
    await cashier.getByRole('button', { name: 'Create the owner' }).click();
    await expect(cashier.getByRole('alert')).toHaveText('The two PINs are not the same.');
    await cashier.getByLabel('PIN again').fill('4821');
    await cashier.getByRole('button', { name: 'Create the owner' }).click();

    const dialog = cashier.getByRole('dialog', { name: 'Owner recovery code' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.recovery-code')).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await dialog.getByRole('button', { name: 'Print the code' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Sent to the receipt printer. Keep the paper safe.');
    await dialog.getByRole('button', { name: 'I have kept the code' }).click();
    await expect(cashier.getByText('Signed in: សុខា (Owner)')).toBeVisible();

    await cashier.getByRole('button', { name: 'Settings' }).click();
    const users = cashier.getByRole('region', { name: 'Users' });
    await users.getByLabel('Name').fill('Dara');
    await users.getByLabel('PIN (4–6 digits)').fill('2468');
    await users.getByRole('button', { name: 'Add user' }).click();
    await expect(users.getByRole('status')).toHaveText('Dara was added.');

    await cashier.getByRole('button', { name: 'Switch user' }).click();
    await expect(cashier.getByRole('heading', { name: 'Who is at the till?' })).toBeVisible();
    await expect(cashier.getByRole('list', { name: 'Users' }).getByRole('button')).toHaveText(['សុខា', 'Dara']);
    await cashier.getByRole('button', { name: 'Dara' }).click();
    // From the keyboard: the PIN field has the focus, Enter signs in.
    await expect(cashier.getByLabel('PIN for Dara')).toBeFocused();
    await cashier.keyboard.type('2468');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByText('Signed in: Dara (Cashier)')).toBeVisible();
    // The Shift tab holds only Refunds for a cashier: no X, Z or close.
    await cashier.getByRole('button', { name: 'Shift' }).click();
    await expect(cashier.getByTestId('x-report')).toHaveCount(0);

    await cashier.getByRole('button', { name: 'Settings' }).click();
    const account = cashier.getByLabel('Bakong account ID', { exact: true });
    await expect(account).toHaveAttribute('readonly', '');
    await expect(cashier.getByText('only the owner may change this').first()).toBeVisible();
    await expect(cashier.getByRole('region', { name: 'Users' })).toHaveCount(0);

    // Lock: Dara stays chosen; a wrong PIN from the pad is refused in words.
    await cashier.getByRole('button', { name: 'Lock' }).click();
    for (const digit of '0000') await cashier.getByRole('button', { name: digit, exact: true }).click();
    await cashier.getByRole('button', { name: 'Sign in' }).click();
    await expect(cashier.getByRole('alert')).toContainText('Wrong PIN. Try again.');
  });
});

test('the lock screen in Khmer: choose the owner, PIN from the pad, signed in', async ({ pos, cashier }) => {
  await saveSettings(pos, { language: 'km' });
  expect((await posCommand(pos, 'auth.lock', {})).ok).toBe(true);
  // Locked: the one who was signed in stays chosen; Back shows everyone.
  await expect(cashier.getByLabel(`លេខ PIN សម្រាប់ ${TEST_OWNER.name}`)).toBeFocused();
  await cashier.getByRole('button', { name: 'ត្រឡប់ក្រោយ' }).click();
  await expect(cashier.getByRole('heading', { name: 'តើនរណានៅម៉ាស៊ីនគិតប្រាក់?' })).toBeVisible();
  await cashier.getByRole('button', { name: TEST_OWNER.name }).click();
  await expect(cashier.getByLabel(`លេខ PIN សម្រាប់ ${TEST_OWNER.name}`)).toBeFocused();
  for (const digit of TEST_OWNER.pin) await cashier.getByRole('button', { name: digit, exact: true }).click();
  await cashier.getByRole('button', { name: 'ចូល', exact: true }).click();
  await expect(cashier.getByText(`បានចូល៖ ${TEST_OWNER.name} (ម្ចាស់ហាង)`)).toBeVisible();
  await expect(cashier.getByRole('button', { name: 'ចាក់សោ' })).toBeVisible();
  await expect(cashier.getByRole('button', { name: 'ប្តូរអ្នកប្រើប្រាស់' })).toBeVisible();
});
