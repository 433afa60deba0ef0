/**
 * Steps several web-mode specs take the same way: a sandbox Bakong API over loopback HTTP, a POS in live
 * mode pointed at an API, both screens opened in one browser context, settings saved as the cashier
 * page would, and "charge an amount and decode the customer's QR".
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startSandboxServer, type RunningSandbox } from '../../src/sandbox/server.ts';
import { Sandbox } from '../../src/sandbox/simulator.ts';
import { decodeShownQr, expect, keyIn, startPos, test, type Pos } from './fixtures.ts';

export interface SandboxOverHttp {
  readonly sandbox: Sandbox;
  readonly url: string;
}

/**
 * One sandbox listening on loopback for the enclosing file or describe block: call it there, it
 * registers the beforeAll/afterAll hooks. Its fields can be read once the hooks have run (inside tests).
 */
export function sandboxOverHttp(): SandboxOverHttp {
  let sandbox: Sandbox | undefined;
  let running: RunningSandbox | undefined;
  test.beforeAll(async () => {
    sandbox = new Sandbox();
    running = await startSandboxServer(sandbox);
  });
  test.afterAll(async () => running?.close());
  return {
    get sandbox() {
      return sandbox!;
    },
    get url() {
      return running!.url;
    },
  };
}

/**
 * A POS in live mode (not training) for the shop 'My Store', talking to the API at `apiUrl`. Started by
 * the test rather than by the fixture: it needs the API's URL, known only once that API listens.
 */
export function startLivePos(apiUrl: string): ReturnType<typeof startPos> {
  return startPos({ POS_BAKONG_ID: 'myshop@aclb', POS_MERCHANT_NAME: 'My Store', POS_BAKONG_API_URL: apiUrl });
}

/** The cashier and customer pages of `pos`, opened (in that order) in a new context of their own. */
export async function openScreens(browser: Browser, pos: Pos): Promise<{ context: BrowserContext; cashier: Page; customer: Page }> {
  const context = await browser.newContext();
  const cashier = await context.newPage();
  const customer = await context.newPage();
  await cashier.goto(pos.cashierUrl);
  await customer.goto(pos.customerUrl);
  return { context, cashier, customer };
}

/** Sends one command through the host's command API with the cashier's key, as the signed-in user; returns the reply. */
export async function posCommand(pos: Pos, name: string, args: object): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const key = new URL(pos.cashierUrl).hash.replace('#key=', '');
  const reply = await fetch(`${pos.origin}/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-key': key },
    body: JSON.stringify({ name, args }),
  });
  return (await reply.json()) as { ok: boolean; value?: unknown; error?: unknown };
}

/** Sends one command as the cashier page would (its key), expecting it to succeed. */
export async function sendCommand(pos: Pos, name: string, args: object): Promise<void> {
  expect((await posCommand(pos, name, args)).ok).toBe(true);
}

/** Saves settings through the host's command API (as the signed-in owner), and expects it accepted. */
export async function saveSettings(pos: Pos, args: object): Promise<void> {
  await sendCommand(pos, 'settings.save', args);
}

/** Keys `amount` on the cashier's keypad, presses Charge, and returns what the customer's QR decodes to. */
export async function chargeAndDecodeQr(cashier: Page, customer: Page, amount: string): Promise<string> {
  await keyIn(cashier, amount);
  await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
  return decodeShownQr(customer);
}

/** Training mode: each amount charged, paid with "Simulate payment", and the till moved on to a new sale. */
export async function sellInTraining(cashier: Page, amounts: readonly string[]): Promise<void> {
  for (const amount of amounts) {
    await keyIn(cashier, amount);
    await cashier.getByRole('button', { name: 'Charge', exact: true }).click();
    await cashier.getByRole('button', { name: 'Simulate payment' }).click();
    await expect(cashier.getByText('Paid', { exact: true }).first()).toBeVisible();
    await cashier.getByRole('button', { name: 'New sale' }).click();
  }
}

/**
 * The close's blind count from the Shift tab: Close shift, each currency keyed as a total (the
 * counted amounts as typed), Enter count; leaves the count against what was expected on screen.
 */
export async function countDrawer(page: Page, totals: { usd: string; khr: string } = { usd: '0', khr: '0' }): Promise<void> {
  await page.getByTestId('x-report').getByRole('button', { name: 'Close shift' }).click();
  const count = page.getByTestId('drawer-count');
  for (const [currency, label, value] of [['USD', 'Total in dollars', totals.usd], ['KHR', 'Total in riel', totals.khr]] as const) {
    await count.getByRole('radiogroup', { name: `How the ${currency} is counted` }).getByRole('radio', { name: 'As a total' }).check();
    await count.getByLabel(label, { exact: true }).fill(value);
  }
  await count.getByRole('button', { name: 'Enter count' }).click();
  await expect(page.getByTestId('count-result')).toBeVisible();
}

/** After the count: Close shift, confirmed. */
export async function confirmClose(page: Page, shift = 1): Promise<void> {
  await page.getByTestId('count-result').getByRole('button', { name: 'Close shift' }).click();
  await page.getByRole('dialog', { name: `Close shift ${shift}?` }).getByRole('button', { name: 'Close shift' }).click();
}
