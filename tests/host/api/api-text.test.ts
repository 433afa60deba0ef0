/**
 * The payment service's own words never reach a screen or the ledger (docs/hosted-api.md, "Errors"):
 * an error body saying "PAYMENT RECEIVED, hand over the goods" is logged, and the cashier sees a fixed
 * catalog message in their language with the HTTP status and a short code. Checked in every command
 * reply, every pushed state, and the bytes of the SQLite files. Real loopback server, real host.
 *
 * The one exception in the bytes: a ledger upgraded from a version before schema 8 keeps the English
 * reasons that version wrote (they could quote the API), on the sale and in its append-only history,
 * as the shop's record. The POS never writes such text itself and never shows it: the last test
 * checks that those old words stay in the file and reach no reply or state.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import type { Host } from '../../../src/host/host.ts';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { startHost, startScriptedServer } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

const SHOUT = 'PAYMENT RECEIVED, hand over the goods';
const LIVE = { POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' };
const FAST = { delayMs: () => 30, errorDelayMs: () => 30, graceMs: 1_000 };

type Answer = (res: ServerResponse) => void;

const ANSWERS: Record<string, Answer> = {
  'HTTP 400 with a JSON error': (res) => json(res, 400, { success: false, error: SHOUT, message: SHOUT }),
  'HTTP 503 with a text body': (res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end(SHOUT);
  },
  '200 with success false': (res) => json(res, 200, { success: false, status: 'PAID', error: SHOUT, detail: SHOUT }),
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function honestQr(res: ServerResponse): void {
  const now = Date.now();
  const khqrString = buildKhqr({
    accountType: 'individual', bakongAccountId: 'shop@aclb', merchantName: 'My Store', currency: 'USD', amountMinor: 500,
    createdAtMs: now, expiresAtMs: now + 900_000,
  });
  json(res, 200, { md5: khqrMd5(khqrString), khqrString });
}

/** Everything the host said to anyone: replies, pushed cashier and display states. */
function record(host: Host): { seen: string[]; command(name: string, args: unknown): Promise<unknown> } {
  const seen: string[] = [];
  host.subscribe(() => seen.push(JSON.stringify(host.cashierState()), JSON.stringify(host.displayState())));
  return {
    seen,
    async command(name, args) {
      const reply = await runCommand(host, name, args);
      seen.push(JSON.stringify(reply));
      return reply;
    },
  };
}

/** The raw bytes of every file the ledger wrote (the database, its WAL). */
function ledgerBytes(host: Host): string {
  host.db.pragma('wal_checkpoint(PASSIVE)');
  return readdirSync(host.dataDir)
    .filter((name) => name.startsWith('ledger'))
    .map((name) => readFileSync(join(host.dataDir, name)).toString('latin1'))
    .join('\n');
}

function assertNowhere(t: TestContext, host: Host, seen: string[]): void {
  for (const text of seen) {
    assert.doesNotMatch(text, /PAYMENT RECEIVED|hand over/i, 'the API\'s words reached a screen');
  }
  assert.doesNotMatch(ledgerBytes(host), /PAYMENT RECEIVED|hand over/i, 'the API\'s words were stored in the ledger');
  t.diagnostic(`${seen.length} replies and states checked`);
}

for (const [name, answer] of Object.entries(ANSWERS)) {
  test(`create answered ${name}: a fixed message with the status and code, never the API's words`, async (t) => {
    const api = await startScriptedServer(t, (_req, res) => answer(res));
    const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url }, { policy: FAST });
    await signInAs(host);
    const { seen, command } = record(host);
    const reply = await command('payment.charge', { amountCents: 500 }) as Awaited<ReturnType<typeof runCommand>>;
    assert.equal(!reply.ok && reply.error.code, 'api_error');
    const text = !reply.ok ? reply.error.text : null;
    assert.ok(text && /^api\./.test(text.code), JSON.stringify(text));
    const sale = host.ledger.get(1)!;
    assert.equal(sale.status, 'failed');
    assert.deepEqual(sale.failureReason, text, 'the stored reason is the same catalog message');
    const km = hostMessageText(sale.failureReason!, 'km');
    assert.match(km, /[\u1780-\u17ff]/, 'the Khmer cashier reads Khmer');
    assert.match(km, /\(HTTP \d{3}, កូដ api\.\w+\)/, 'with the HTTP status and the code');
    await command('state.get', {});
    assertNowhere(t, host, seen);
  });

  test(`check answered ${name}: the cashier's warning is a fixed message, nothing is paid, nothing stored`, async (t) => {
    const api = await startScriptedServer(t, (req, res) => (req.url!.startsWith('/api/khqr/create') ? honestQr(res) : answer(res)));
    const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url }, { policy: FAST });
    await signInAs(host);
    const { seen, command } = record(host);
    assert.ok(((await command('payment.charge', { amountCents: 500 })) as { ok: boolean }).ok);
    await waitFor('the warning', () => host.cashierState().watch?.apiUnreachable);
    await command('payment.checkNow', { saleId: 1 });
    const watch = host.cashierState().watch!;
    assert.match(watch.lastError!.code, /^api\./);
    assert.match(hostMessageText(watch.lastError!, 'en'), /\(HTTP \d{3}, code api\.\w+\)/);
    assert.equal(host.ledger.get(1)!.status, 'awaiting_payment');
    assert.ok(((await command('payment.cancel', { saleId: 1 })) as { ok: boolean }).ok);
    await command('state.get', {});
    assertNowhere(t, host, seen);
  });
}

test('an older version\'s English failure reason quoting the API stays in the upgraded ledger, and reaches no screen', async (t) => {
  const dataDir = tempDir(t);
  const old = openLedger(dataDir, MIGRATIONS.filter((m) => m.version < 8));
  const reason = `Could not get a QR: The payment service answered HTTP 500: ${SHOUT}`;
  old.prepare(`INSERT INTO sales (amount_cents, currency, khr_per_usd, status, training, merchant_name, bakong_id, api_base_url,
    created_at, updated_at, failure_reason) VALUES (500, 'USD', 4000, 'failed', 0, 'My Store', 'shop@aclb', '', ?, ?, ?)`).run(Date.now(), Date.now(), reason);
  old.prepare(`INSERT INTO sale_events (sale_id, at, from_status, to_status, detail) VALUES (1, ?, 'creating', 'failed', ?)`).run(Date.now(), reason);
  old.close();

  const host = startHost(t, { ...LIVE, POS_DATA_DIR: dataDir });
  await signInAs(host);
  const { seen, command } = record(host);
  const page = await command('sales.page', {}) as Awaited<ReturnType<typeof runCommand>>;
  assert.ok(page.ok && JSON.stringify(page.value).includes('payment.failedEarlier'), JSON.stringify(page));
  await command('state.get', {});
  for (const text of seen) assert.doesNotMatch(text, /PAYMENT RECEIVED|hand over/i, 'an old reason reached a screen');
  assert.match(ledgerBytes(host), /PAYMENT RECEIVED, hand over the goods/, 'the old record is kept as written (the stated exception)');
});
