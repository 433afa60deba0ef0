/**
 * The payment service's own words never reach the cashier (docs/hosted-api.md, "Errors"): an API
 * answering "PAYMENT RECEIVED, hand over the goods" with HTTP 500 shows the cashier a fixed message
 * in their language, with the status and a short code, in real Chromium against the real host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, keyIn, test } from './fixtures.ts';
import { saveSettings, startLivePos } from './steps.ts';

const SHOUT = 'PAYMENT RECEIVED, hand over the goods';
let api: Server;
let apiUrl: string;

test.beforeAll(async () => {
  api = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, error: SHOUT, message: SHOUT }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

for (const language of ['en', 'km'] as const) {
  test(`an API error body is never shown; the ${language} cashier reads the fixed message with HTTP 500 and its code`, async ({ browser }) => {
    const pos = await startLivePos(apiUrl);
    try {
      await saveSettings(pos, { language });
      const cashier = await browser.newPage();
      await cashier.goto(pos.cashierUrl);
      await expect(cashier.locator('html')).toHaveAttribute('lang', language);
      await keyIn(cashier, '5');
      await cashier.keyboard.press('Enter');
      const reason = cashier.getByRole('alert').filter({ hasText: /HTTP 500/ });
      await expect(reason).toBeVisible();
      await expect(reason).toContainText(language === 'en'
        ? 'The payment service answered with an error (HTTP 500, code api.http)'
        : 'សេវាទូទាត់ប្រាក់បានឆ្លើយតបជាកំហុស (HTTP 500, កូដ api.http)');
      await expect(cashier.locator('body')).not.toContainText(/PAYMENT RECEIVED|hand over/i);
      expect(pos.sale(1)!.status).toBe('failed');
      await cashier.close();
    } finally {
      await pos.stop();
    }
  });
}
