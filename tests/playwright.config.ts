/**
 * End-to-end tests: web mode in Debian's Chromium (tests/e2e), and the Electron app where its binary
 * exists (tests/electron; skipped with a printed reason where it does not). Each test starts its own
 * POS with its own data directory, so no test shares state with another or with a shop.
 */
import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env.POS_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  globalSetup: './e2e/global-setup.ts',
  outputDir: '../test-results/playwright',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous limits: they only catch a hang. A busy CI machine must never turn a correct run red.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../test-results/e2e.json' }]] : [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: CHROMIUM,
      // Chromium's own background traffic is refused on this network; these keep it quiet.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
});
