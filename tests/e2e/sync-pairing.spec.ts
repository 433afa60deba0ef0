/**
 * Settings → Back office in web mode, in Chromium: the sync state in words (not paired; up to date
 * once paired), an address that is not https refused in words, pairing with the address and code,
 * and the state in Khmer. The back office here is a small loopback server speaking its two endpoints
 * (the real one, on PostgreSQL, is tested in tests/host/sync/).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, startPos, test } from './fixtures.ts';
import { saveSettings } from './steps.ts';

async function loopbackBackoffice(): Promise<{ url: string; rows: number; close(): Promise<void> }> {
  const state = { rows: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/api/till/pair') {
        res.writeHead(201).end(JSON.stringify({ token: 'e2eToken0123456789abcdefghijklmnopqrstuvwx', shop: 'Phsar Thmei', till: 'Front' }));
        return;
      }
      const rows = (JSON.parse(body) as { rows: Array<{ epoch: number; seq: number; hash: string }> }).rows;
      state.rows += rows.length;
      const last = rows.at(-1)!;
      res.writeHead(200).end(JSON.stringify({ head: { epoch: last.epoch, seq: last.seq, hash: last.hash }, stored: rows.length, duplicates: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get rows() {
      return state.rows;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

test('Settings → Back office: not paired, an http address refused in words, paired with address and code, then "up to date" in English and Khmer', async ({ context }) => {
  const backoffice = await loopbackBackoffice();
  const pos = await startPos({});
  try {
    const cashier = await context.newPage();
    await cashier.goto(pos.cashierUrl);
    await cashier.getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = cashier.getByRole('region', { name: 'Back office' });
    await expect(panel.getByTestId('sync-state')).toHaveText('Not paired with a back office: sales are kept on this till only.');

    await panel.getByLabel('Back office address').fill('http://backoffice.example.com');
    await panel.getByLabel('Pairing code').fill('7KQM-2XHD-P9RT');
    await panel.getByRole('button', { name: 'Pair this till' }).click();
    await expect(panel.getByRole('alert')).toContainText('The back office address must start with https:// (plain http:// only to this computer).');

    await panel.getByLabel('Back office address').fill(backoffice.url);
    await panel.getByRole('button', { name: 'Pair this till' }).click();
    await expect(panel.getByTestId('sync-state')).toHaveText('Up to date: the back office has every row of this till.');
    await expect(panel).toContainText(`Paired with ${backoffice.url}`);
    expect(backoffice.rows).toBeGreaterThan(0);

    await saveSettings(pos, { language: 'km' });
    const khmerPanel = cashier.getByRole('region', { name: 'ការិយាល័យខាងក្រោយ' });
    await expect(khmerPanel.getByTestId('sync-state')).toHaveText('ទាន់សម័យ៖ ការិយាល័យខាងក្រោយមានគ្រប់ជួរទាំងអស់របស់ម៉ាស៊ីនគិតប្រាក់នេះ។');
  } finally {
    await pos.stop();
    await backoffice.close();
  }
});
