/**
 * Fixtures for the web-mode end-to-end tests: a real POS process (`node src/web/main.ts`) per test
 * with its own data directory, the cashier and customer pages open side by side, and a record of
 * every request the pages make (the renderer must only ever talk to its own host).
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInOwner, startWebMode } from '../support/web-mode.ts';
import { SALE_ROW_SQL } from '../support/sale-row.ts';

/** jsqr is CommonJS exporting the decoder itself, which its typings cannot express under NodeNext. */
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

export interface Pos {
  cashierUrl: string;
  customerUrl: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  /** Reads one sale straight from the ledger file, as an accountant's tool would. */
  sale(id: number): { status: string; amount_cents: number; md5: string | null; khqr_string: string | null } | undefined;
}

/**
 * Starts web mode. A POS_DATA_DIR in `env` is used (and kept on stop); otherwise a fresh one is made
 * and removed. The till opens with the owner signed in (made on a new ledger: TEST_OWNER), the one
 * step every test needs, unless `signIn: false` (the sign-in tests).
 */
export async function startPos(env: Record<string, string>, options: { signIn?: boolean } = {}): Promise<Pos & { stop(): Promise<void> }> {
  const ownDir = env.POS_DATA_DIR === undefined;
  const dataDir = env.POS_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'pos-e2e-'));
  const web = await startWebMode(dataDir, env);
  if (options.signIn !== false) await signInOwner(web.cashierUrl);
  return {
    cashierUrl: web.cashierUrl,
    customerUrl: web.customerUrl,
    origin: new URL(web.customerUrl).origin,
    dataDir,
    process: web.process,
    sale(id) {
      const db = new Database(join(dataDir, 'ledger.sqlite3'), { readonly: true });
      try {
        return db.prepare(`${SALE_ROW_SQL} WHERE s.id = ?`).get(id) as ReturnType<Pos['sale']>;
      } finally {
        db.close();
      }
    },
    async stop() {
      await web.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Fixtures {
  posEnv: Record<string, string>;
  /** false: the POS starts with no one signed in (and a new ledger has no owner yet). */
  signedIn: boolean;
  pos: Pos;
  cashier: Page;
  customer: Page;
  /** Every URL the two pages requested. */
  requests: string[];
}

export const test = base.extend<Fixtures>({
  posEnv: [{}, { option: true }],
  signedIn: [true, { option: true }],
  pos: async ({ posEnv, signedIn }, use) => {
    const pos = await startPos(posEnv, { signIn: signedIn });
    await use(pos);
    await pos.stop();
  },
  requests: async ({}, use) => {
    await use([]);
  },
  cashier: async ({ context, pos, requests }, use) => {
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pos.cashierUrl);
    await use(page);
  },
  customer: async ({ context, pos, requests }, use) => {
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pos.customerUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Presses keypad buttons by their accessible names, e.g. keyIn(page, '10.50'). */
export async function keyIn(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.getByRole('button', { name: key, exact: true }).click();
}

/** An <img>'s pixels once it has decoded, drawn at its natural size: RGBA, row by row. */
export async function imagePixels(image: Locator): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  return image.evaluate(async (element) => {
    const img = element as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    // A typed array crosses from the page as one base64 string, not an array of numbers.
    return { width: data.width, height: data.height, data: data.data };
  });
}

/** Decodes the QR image the customer sees, from its pixels as drawn in the page. */
export async function decodeShownQr(page: Page): Promise<string> {
  const image = page.getByRole('img', { name: /KHQR/ });
  await image.waitFor();
  const pixels = await imagePixels(image);
  const result = jsQR(pixels.data, pixels.width, pixels.height);
  if (!result) throw new Error('the QR on the customer display could not be decoded');
  return result.data;
}
