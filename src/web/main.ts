/**
 * Web mode's entry: starts the host and the loopback server, then prints `cashier: <url>`,
 * `customer: <url>` and `shortcut: <path>` (a file that opens the keyed cashier address, see
 * shortcut.ts). POS_PORT picks the port (0 = any free one).
 * Expects the renderer already built into out/renderer (`npm run web` builds it first).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost } from '../host/host.ts';
import { trainingMode } from '../sandbox/training.ts';
import { startWebServer } from './server.ts';
import { writeCashierShortcut } from './shortcut.ts';

export const DEFAULT_WEB_PORT = 8780;

const staticDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/**
 * The cashier key, kept in the data directory (readable by this user only) so an open cashier tab
 * keeps working when web mode restarts, instead of freezing on a key that no longer exists.
 */
function cashierKey(dataDir: string): string {
  const file = join(dataDir, 'web-cashier.key');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(saved)) return saved;
  }
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function fail(message: string): never {
  console.error(`pos: ${message}`);
  process.exit(1);
}

const portText = process.env.POS_PORT ?? String(DEFAULT_WEB_PORT);
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`POS_PORT must be a port number (0 = any free port), got "${portText}"`);
if (!existsSync(staticDir)) fail('the screens are not built yet: run `npm run build` (or use `npm run web`, which builds them)');

let host;
try {
  host = createHost({ training: trainingMode() });
} catch (error) {
  fail((error as Error).message);
}
const web = await startWebServer({ host, staticDir, port, key: cashierKey(host.dataDir) }).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; set POS_PORT to another port (or 0)` : error.message),
);
console.log(`cashier: ${web.cashierUrl}`);
console.log(`customer: ${web.customerUrl}`);
console.log(`shortcut: ${writeCashierShortcut(host.dataDir, web.cashierUrl)}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void web.close().then(() => host.close()).then(() => process.exit(0));
  });
}
