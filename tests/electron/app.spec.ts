// The Electron app end to end, same scenario as the web e2e: key $10.50 on the cashier's keypad,
// charge, see the KHQR on the customer display, simulate the payment (training mode), and see
// "Paid" on both windows. Runs against the built app (out/) with its own temporary data folder.
//
// Needs the Electron binary. It is found without triggering a download (src/launch/electron-binary.ts);
// where it is not installed (offline installs) the test is skipped and says why.

import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { findElectronBinary } from '../../src/launch/electron-binary.ts';
import { decodeShownQr } from '../e2e/fixtures.ts';

/** Sale #1 straight from the ledger file, as an accountant's tool would read it. */
function readSale(dataDir: string): { status: string; amount_cents: number; khqr_string: string | null } | undefined {
  const db = new Database(join(dataDir, 'ledger.sqlite3'), { readonly: true });
  try {
    return db.prepare('SELECT status, amount_cents, khqr_string FROM sales WHERE id = 1').get() as ReturnType<typeof readSale>;
  } finally {
    db.close();
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'out', 'main', 'index.js');

function whySkip(binary: string | null): string | null {
  if (!binary) {
    return 'Electron binary not installed (no ELECTRON_EXEC_PATH, no node_modules/electron/dist): offline install, nothing to launch';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display server for Electron (DISPLAY/WAYLAND_DISPLAY unset): run under xvfb-run';
  }
  return null;
}

/** A clean environment: only the data folder is fixed, so training mode is what a new install gets. */
function appEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('POS_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.POS_DATA_DIR = dataDir;
  return env;
}

async function windowFor(app: ElectronApplication, page: 'cashier' | 'customer'): Promise<Page> {
  const isPage = (p: Page): boolean => p.url().startsWith(`app://pos/${page}/`);
  await expect.poll(() => app.windows().some(isPage), { message: `the ${page} window opens`, timeout: 30_000 }).toBe(true);
  const found = app.windows().find(isPage)!;
  await found.waitForLoadState('domcontentloaded');
  return found;
}

test.describe('Electron app', () => {
  let app: ElectronApplication | null = null;
  let dataDir = '';

  test.beforeEach(async () => {
    const binary = findElectronBinary(ROOT);
    const reason = whySkip(binary);
    if (reason) {
      console.log(`[electron e2e] skipped: ${reason}`);
      test.skip(true, reason);
      return;
    }
    expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-e2e-'));
    app = await _electron.launch({
      executablePath: binary!,
      // Chromium refuses to run as root with its OS sandbox (CI containers); the renderers stay
      // sandboxed by Electron's own `sandbox: true` either way.
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: appEnv(dataDir),
      timeout: 60_000,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = '';
  });

  test('a training sale is charged, shown as KHQR to the customer, and paid on both screens', async () => {
    const cashier = await windowFor(app!, 'cashier');
    const customer = await windowFor(app!, 'customer');

    // A new till: the owner first (the sign-in screen before anything else), then the recovery code.
    await cashier.getByLabel('Owner’s name').fill('Owner');
    await cashier.getByLabel('PIN', { exact: true }).fill('1234');
    await cashier.getByLabel('PIN again').fill('1234');
    await cashier.getByRole('button', { name: 'Create the owner' }).click();
    await cashier.getByRole('button', { name: 'I have kept the code' }).click();

    for (const key of ['1', '0', '.', '5', '0']) {
      await cashier.getByRole('button', { name: key, exact: true }).click();
    }
    await cashier.getByRole('button', { name: 'Charge', exact: true }).click();

    await expect(customer.getByRole('img', { name: /KHQR/ })).toBeVisible({ timeout: 30_000 });
    // The QR the customer sees is exactly the KHQR the ledger holds for this $10.50 sale.
    const shown = await decodeShownQr(customer);
    expect(readSale(dataDir)).toMatchObject({ status: 'awaiting_payment', amount_cents: 1050, khqr_string: shown });

    await cashier.getByRole('button', { name: 'Simulate payment' }).click();
    await expect(cashier.getByText('Paid', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(customer.getByText('Paid', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    expect(readSale(dataDir)?.status).toBe('paid');
  });

  test('each window gets only its own bridge, and no Node', async () => {
    const cashier = await windowFor(app!, 'cashier');
    const customer = await windowFor(app!, 'customer');
    const probe = (): unknown => {
      const w = window as unknown as Record<string, unknown>;
      return {
        cashier: w.posCashier ? Object.keys(w.posCashier).sort() : null,
        display: w.posDisplay ? Object.keys(w.posDisplay).sort() : null,
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
      };
    };
    expect(await cashier.evaluate(probe)).toEqual({
      cashier: ['invoke', 'onState'], display: null, require: 'undefined', process: 'undefined', ipcRenderer: 'undefined',
    });
    expect(await customer.evaluate(probe)).toEqual({
      cashier: null, display: ['onDisplay'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined',
    });
  });
});
