/**
 * From the Enter key on the cashier's keypad to the QR drawn on the customer display, in real
 * Chromium against web mode (`node src/web/main.ts`) in training mode: the embedded sandbox answers
 * at once, so what is measured is the POS itself (ledger commits, pushes, rendering).
 *
 * Both pages live in one browser process, so `performance.timeOrigin + timeStamp` is one clock for both:
 * the cashier page stamps the Enter keydown (capture phase, before the app sees it); the customer
 * page watches for the KHQR image and stamps the first frame after it has decoded. The first sale
 * after start is reported apart: it pays for everything cold (SQLite caches, the QR module, fonts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createHost } from '../../src/host/host.ts';
import { buildIfStale } from '../../src/launch/build-if-stale.ts';
import { trainingMode } from '../../src/sandbox/training.ts';
import { seedSales } from '../support/seed-sales.ts';
import { startWebMode } from '../support/web-mode.ts';

const CHROMIUM = process.env.POS_CHROMIUM ?? '/usr/bin/chromium';

declare global {
  interface Window {
    __enterAt?: number;
    __qrAt?: number | null;
    /** When the customer page was handed the state with the QR (the SSE message), for the breakdown. */
    __pushAt?: number | null;
  }
}

export interface QrLatency {
  firstMs: number;
  /** The first sale's Enter → the QR's state reaching the customer page. */
  firstToPushMs: number;
  p50Ms: number;
  p95Ms: number;
  samples: number;
  /** Medians of the two halves: Enter → the QR's state reaches the customer page; → the QR is drawn. */
  toPushP50Ms: number;
  pushToVisibleP50Ms: number;
}

/** Runs a command as the cashier page would (same origin, its key). */
async function command(cashier: Page, name: string, args: object): Promise<{ ok: boolean; value?: { id: number } }> {
  return cashier.evaluate(async ([name, args]) => {
    const response = await fetch('/api/command', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-key': sessionStorage.getItem('pos.cashierKey') ?? '' },
      body: JSON.stringify({ name, args }),
    });
    return response.json() as Promise<{ ok: boolean; value?: { id: number } }>;
  }, [name, args] as const);
}

/** One sale: key the amount, press Enter, wait for the QR; then pay it and clear both screens. */
async function oneSale(cashier: Page, customer: Page, cents: number): Promise<{ total: number; toPush: number }> {
  await cashier.locator('.payment__hint').waitFor();
  await customer.locator('.phase--idle').waitFor();
  await customer.evaluate(() => {
    window.__qrAt = null;
    window.__pushAt = null;
  });
  await cashier.keyboard.type(String(cents));
  await cashier.keyboard.press('Enter');
  const qrAt = (await (await customer.waitForFunction(() => window.__qrAt ?? null, undefined, { polling: 'raf' })).jsonValue())!;
  const enterAt = await cashier.evaluate(() => window.__enterAt!);
  const pushAt = await customer.evaluate(() => window.__pushAt ?? Number.NaN);
  const sale = await cashier.evaluate(() => document.querySelector('.payment__sale')?.textContent ?? '');
  const id = Number(/(\d+)/.exec(sale)?.[1]);
  const paid = await command(cashier, 'training.simulatePayment', { saleId: id });
  if (!paid.ok) throw new Error(`sale #${id} could not be paid: ${JSON.stringify(paid)}`);
  // The cashier's panel stays on Paid until New sale (the customer's returns to Welcome by itself).
  await cashier.locator('.payment__status--paid').waitFor();
  await command(cashier, 'payment.dismiss', {});
  return { total: qrAt - enterAt, toPush: pushAt - enterAt };
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `seeded` paid sales are in today's ledger before web mode starts (tests/support/seed-sales.ts). */
export async function benchQrLatency(seeded = 0, sales = 25): Promise<QrLatency> {
  buildIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-qr-'));
  if (seeded > 0) {
    const host = createHost({ training: trainingMode({}), env: { POS_DATA_DIR: dataDir, POS_MERCHANT_NAME: 'Bench Shop' } });
    seedSales(host.db, seeded);
    await host.close();
  }
  const pos = await startWebMode(dataDir, { POS_MERCHANT_NAME: 'Bench Shop' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    // Two windows, as at a real counter: a second tab in one headless window is a background tab,
    // which Chromium gives about one frame a second, and that would be measured instead of the POS.
    const customer = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await customer.addInitScript(() => {
      window.__qrAt = null;
      window.__pushAt = null;
      // Stamps the message carrying the QR before the page's own listener sees it.
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener('state', (event) => {
            if (window.__pushAt === null && (event as MessageEvent<string>).data.includes('"phase":"awaiting"')) {
              window.__pushAt = performance.timeOrigin + performance.now();
            }
          });
        }
      };
      // The first frame after the KHQR image is in the document and decoded: what the customer sees.
      new MutationObserver(() => {
        const img = document.querySelector<HTMLImageElement>('img.khqr-card__img');
        if (!img || window.__qrAt !== null || img.dataset.benchSeen === img.src) return;
        img.dataset.benchSeen = img.src;
        void img.decode().then(() => requestAnimationFrame(() => {
          window.__qrAt ??= performance.timeOrigin + performance.now();
        }));
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
    });
    const cashier = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await cashier.addInitScript(() => {
      window.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') window.__enterAt = performance.timeOrigin + event.timeStamp;
      }, true);
    });
    await customer.goto(pos.customerUrl);
    await cashier.goto(pos.cashierUrl);
    const first = await oneSale(cashier, customer, 125);
    const runs: Array<{ total: number; toPush: number }> = [];
    for (let i = 0; i < sales; i += 1) runs.push(await oneSale(cashier, customer, 200 + i));
    const rest = runs.map((run) => run.total).sort((a, b) => a - b);
    const at = (q: number): number => rest[Math.min(rest.length - 1, Math.ceil(q * rest.length) - 1)]!;
    return {
      firstMs: first.total, firstToPushMs: first.toPush, p50Ms: at(0.5), p95Ms: at(0.95), samples: rest.length,
      toPushP50Ms: median(runs.map((run) => run.toPush)),
      pushToVisibleP50Ms: median(runs.map((run) => run.total - run.toPush)),
    };
  } finally {
    await browser.close();
    await pos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
