/**
 * The back office UI in real Chromium against a real PostgreSQL (tests/support/postgres.ts), the
 * service in this worker on loopback HTTP: Chromium keeps its __Host- Secure cookie on
 * http://127.0.0.1 (loopback is a secure context), scripts cannot read it, a hostile merchant name
 * from a real till's rows is shown as text and runs nothing, the pages switch to Khmer with the
 * bundled fonts, and nothing is fetched from anywhere but the back office itself.
 */
import { test as base, expect } from '@playwright/test';
import type { Pool } from '../../src/backoffice/db.ts';
import { openPool } from '../../src/backoffice/db.ts';
import { migrate } from '../../src/backoffice/migrate.ts';
import { startService } from '../../src/backoffice/server.ts';
import { addTestUser, PASSWORD, pushRows } from '../support/backoffice-ui.ts';
import { pairTestTill } from '../support/backoffice.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { sellADay, tillLedger } from '../support/till-ledger.ts';

interface Backoffice {
  url: string;
  pool: Pool;
  clock: { now: Date };
}

const test = base.extend<{ backoffice: Backoffice; cleanups: Array<() => void> }, { postgres: TestPostgres }>({
  postgres: [async ({}, use) => {
    const postgres = await startPostgres();
    await use(postgres);
    await postgres.stop();
  }, { scope: 'worker' }],
  cleanups: async ({}, use) => {
    const cleanups: Array<() => void> = [];
    await use(cleanups);
    for (const cleanup of cleanups.reverse()) cleanup();
  },
  backoffice: async ({ postgres }, use) => {
    const pool = openPool(await postgres.database());
    await migrate(pool);
    const clock = { now: new Date('2026-12-01T10:00:00Z') };
    const service = await startService({ host: '127.0.0.1', port: 0, tls: null }, { pool, now: () => clock.now });
    await use({ url: service.url, pool, clock });
    await service.close();
    await pool.end();
  },
});

test.beforeEach(({ postgres }) => {
  test.skip(postgres.skip !== false, String(postgres.skip));
});

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title=\'pwned\'</script> ហាង "A" & B';

test('the owner signs in; the session cookie is Secure, HttpOnly and SameSite=Strict on loopback http, and scripts cannot read it', async ({ page, context, backoffice }) => {
  await addTestUser(backoffice.pool, 'Sok Dara', 'owner');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${backoffice.url}/`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Name').fill('Sok Dara');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong name or password.');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Takings on 2026-12-01' })).toBeVisible();
  await expect(page.getByText('Signed in as Sok Dara (owner)')).toBeVisible();

  const [cookie] = (await context.cookies()).filter((c) => c.name === '__Host-backoffice-session');
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' });
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(requests.every((url) => url.startsWith(backoffice.url))).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`${backoffice.url}/tills`);
  await expect(page).toHaveURL(/\/login$/);
});

test('a hostile merchant name from a real till is shown as text and runs nothing under the CSP', async ({ page, backoffice, cleanups }) => {
  await addTestUser(backoffice.pool, 'Sok Dara', 'owner');
  const till = tillLedger({ after: (fn: () => void) => cleanups.push(fn) }, Date.parse('2026-12-01T03:00:00Z'), HOSTILE);
  sellADay(till);
  const token = await pairTestTill({ ...backoffice, databaseUrl: '' }, till.till(), 'Front <b>1</b>');
  await pushRows(backoffice.url, token, till.wireRows());

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  const violations: string[] = [];
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
  await page.goto(`${backoffice.url}/login`);
  await page.getByLabel('Name').fill('Sok Dara');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Front <b>1</b>' }).first().click();
  await expect(page.locator('[data-merchant-name]')).toHaveText(`Name on its receipts: ${HOSTILE}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Front <b>1</b> of Phsar Thmei');
  expect(await page.locator('main img, main script, main b').count()).toBe(0);
  expect(await page.title()).not.toContain('pwned');
  expect(dialogs).toEqual([]);
  // Each Z recomputed here agrees with the till's own close.
  await expect(page.locator('[data-verdict="agrees"]')).toHaveCount(2);
});

test('the pages switch to Khmer, drawn with the bundled Noto Sans Khmer, and the shop day is complete', async ({ page, backoffice, cleanups }) => {
  await addTestUser(backoffice.pool, 'Sok Dara', 'owner');
  const till = tillLedger({ after: (fn: () => void) => cleanups.push(fn) });
  sellADay(till);
  const token = await pairTestTill({ ...backoffice, databaseUrl: '' }, till.till(), 'Front', 'ផ្សារថ្មី');
  await pushRows(backoffice.url, token, till.wireRows());
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.goto(`${backoffice.url}/login`);
  await page.getByRole('button', { name: 'ភាសាខ្មែរ' }).click();
  await expect(page.getByRole('heading', { name: 'ចូលគណនី' })).toBeVisible();
  await page.getByLabel('ឈ្មោះ').fill('Sok Dara');
  await page.getByLabel('ពាក្យសម្ងាត់').fill(PASSWORD);
  await page.getByRole('button', { name: 'ចូល', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ចំណូលថ្ងៃ 2026-12-01' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(page.getByRole('heading', { name: 'ផ្សារថ្មី' })).toBeVisible();
  await expect(page.locator('[data-day="complete"]')).toHaveText('ថ្ងៃបានបញ្ចប់៖ ម៉ាស៊ីនគិតប្រាក់ទាំងអស់ដែលមានការលក់នៅថ្ងៃនេះ បានបិទវេនរួចហើយ។');
  const z = [...till.storedZ().values()].reduce((sum, report) => sum + report.takings.cents, 0);
  await expect(page.locator('tr.total')).toHaveAttribute('data-shop-total', String(z));
  expect(await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('16px "Noto Sans Khmer"', 'ចំណូល'); })).toBe(true);
  const fonts = requests.filter((url) => url.includes('/static/fonts/'));
  expect(fonts.some((url) => url.endsWith('noto-sans-khmer-400.woff2'))).toBe(true);
  expect(requests.every((url) => url.startsWith(backoffice.url))).toBe(true);
});
