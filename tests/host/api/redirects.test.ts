/**
 * The API client never follows a redirect (docs/hosted-api.md, "Redirects"): an https API URL that
 * answers with a redirect to plain http on another host must not lead to a QR or a payment from
 * there. Real loopback servers: the configured API redirects, the other server would answer.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { BakongApiError, createHttpBakongApi } from '../../../src/host/api/bakong-client.ts';
import { runCommand } from '../../../src/host/commands.ts';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { englishText, hostMessageText } from '../../../src/shared/messages/index.ts';
import { startHost, startScriptedServer } from '../../support/servers.ts';
import { signInAs } from '../../support/users.ts';

const LIVE = { POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' };

function answerQr(res: ServerResponse, amountCents: number): void {
  const now = Date.now();
  const khqrString = buildKhqr({
    accountType: 'individual', bakongAccountId: 'shop@aclb', merchantName: 'My Store', currency: 'USD', amountMinor: amountCents,
    createdAtMs: now, expiresAtMs: now + 900_000,
  });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ md5: khqrMd5(khqrString), khqrString }));
}

function answerPaid(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ success: true, status: 'PAID', bakong_id: 'shop@aclb', amount: 5 }));
}

/** Nothing is checked on its own: each check is the test's `payment.checkNow`. */
const NO_POLLS = { delayMs: () => 600_000, errorDelayMs: () => 600_000, graceMs: 1_000 };

test('create: a redirect to another host is an error in words naming only its scheme; the origin is logged; the other server is never asked', async (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const elsewhere = await startScriptedServer(t, (req, res) => answerQr(res, 500));
  // Another host name (the API is at 127.0.0.1): what it says is the API's choice of words.
  const target = elsewhere.url.replace('127.0.0.1', 'payment-received.hand-over-goods.localhost');
  const api = await startScriptedServer(t, (req, res) => {
    res.writeHead(302, { location: `${target}/steal?x=PAYMENT%20RECEIVED` });
    res.end('PAYMENT RECEIVED, hand over the goods');
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url });
  await signInAs(host);
  const reply = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.equal(reply.ok, false);
  assert.equal(!reply.ok && reply.error.code, 'api_error');
  assert.deepEqual(!reply.ok && reply.error.text, { code: 'api.redirect', params: { status: 302, scheme: 'http' } });
  for (const language of ['en', 'km'] as const) {
    const shown = hostMessageText(!reply.ok ? reply.error.text : { code: 'api.network' }, language);
    assert.doesNotMatch(shown, /payment-received|hand-over|steal|PAYMENT|127\.0\.0\.1/, shown);
  }
  assert.match(!reply.ok ? reply.error.message : '', /redirected to an http address on another host; check the API URL \(HTTP 302, code api\.redirect\)/);
  assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
  assert.equal(host.ledger.get(1)!.status, 'failed');
  assert.deepEqual(host.ledger.get(1)!.failureReason, { code: 'api.redirect', params: { status: 302, scheme: 'http' } });
  assert.equal(host.displayState().khqrString, null);
  const logged = warn.mock.calls.map((call) => call.arguments.map(String).join(' ')).join('\n');
  assert.ok(logged.includes(`redirect to ${target};`), logged);
});

test('create: a redirect on the same host says so', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const api = await startScriptedServer(t, (_req, res) => {
    res.writeHead(308, { location: 'https://127.0.0.1:1/api/khqr/create' });
    res.end();
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url });
  await signInAs(host);
  const reply = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.deepEqual(!reply.ok && reply.error.text, { code: 'api.redirectSameHost', params: { status: 308, scheme: 'https' } });
  assert.match(!reply.ok ? reply.error.message : '', /redirected to an https address on the same host; check the API URL/);
});

test('create: a redirect with an unusable Location still fails in words, without its text', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const api = await startScriptedServer(t, (_req, res) => {
    res.writeHead(307, { location: 'javascript:alert("PAYMENT RECEIVED")' });
    res.end();
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url });
  await signInAs(host);
  const reply = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.equal(!reply.ok && reply.error.code, 'api_error');
  assert.match(!reply.ok ? reply.error.message : '', /redirected to another address; check the API URL \(HTTP 307/);
});

test('check: a redirect to a server answering PAID never records a payment, and Check now fails with the reason', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const elsewhere = await startScriptedServer(t, (_req, res) => answerPaid(res));
  const api = await startScriptedServer(t, (req, res) => {
    if (req.url!.startsWith('/api/khqr/create')) return answerQr(res, 500);
    res.writeHead(301, { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}${req.url}` });
    res.end();
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url }, { policy: NO_POLLS });
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 500 })).ok);
  for (let i = 0; i < 2; i += 1) {
    const checkNow = await runCommand(host, 'payment.checkNow', { saleId: 1 });
    assert.equal(checkNow.ok, false, 'Check now said ok after a check that failed');
    assert.equal(!checkNow.ok && checkNow.error.code, 'api_error');
    assert.deepEqual(!checkNow.ok && checkNow.error.text, { code: 'api.redirect', params: { status: 301, scheme: 'http' } });
  }
  assert.equal(api.requests.filter((url) => url.startsWith('/api/khqr/check')).length, 2);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'a PAID from the redirect target was believed');
  assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
  const watch = host.cashierState().watch!;
  assert.equal(watch.apiUnreachable, true);
  assert.deepEqual(watch.lastError, { code: 'api.redirect', params: { status: 301, scheme: 'http' } });
  assert.match(englishText(watch.lastError!), /redirected to an http address on another host; check the API URL \(HTTP 301, code api\.redirect\)/);
});

test('check: once a check works again, Check now answers ok', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  let redirecting = true;
  const api = await startScriptedServer(t, (req, res) => {
    if (req.url!.startsWith('/api/khqr/create')) return answerQr(res, 500);
    if (redirecting) {
      res.writeHead(302, { location: 'http://localhost:1/' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, status: 'PENDING' }));
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url }, { policy: NO_POLLS });
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 500 })).ok);
  assert.equal((await runCommand(host, 'payment.checkNow', { saleId: 1 })).ok, false);
  redirecting = false;
  const reply = await runCommand(host, 'payment.checkNow', { saleId: 1 });
  assert.ok(reply.ok, JSON.stringify(reply));
  assert.equal(host.cashierState().watch!.lastError, null);
});

/**
 * The guard for a fetch given to the client (training mode's, or a test's) that follows a redirect
 * itself: its PAID comes from wherever it went, so it is a redirect error, never a payment.
 */
function followedAnswer(patch: { redirected?: boolean; type?: ResponseType; status?: number; url?: string }): Response {
  const response = new Response(JSON.stringify({ success: true, status: 'PAID', bakong_id: 'shop@aclb', amount: 5 }), {
    status: 200, headers: { 'content-type': 'application/json' },
  });
  for (const [key, value] of Object.entries(patch)) Object.defineProperty(response, key, { value });
  return response;
}

test('client: an injected fetch that followed a redirect itself (redirected: true) gives a redirect error, not its PAID', async (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const seen: string[] = [];
  const api = createHttpBakongApi({
    baseUrl: 'https://api.example.test',
    fetch: (url, init) => {
      seen.push(`${init.redirect} ${url}`);
      return Promise.resolve(followedAnswer({ redirected: true, url: 'http://payment-received.example.test/api/khqr/check' }));
    },
  });
  await assert.rejects(api.check({ md5: 'a'.repeat(32), bakongId: 'shop@aclb' }), (error: unknown) => {
    assert.ok(error instanceof BakongApiError);
    assert.equal(error.kind, 'redirect');
    assert.deepEqual(error.text, { code: 'api.redirect', params: { status: 200, scheme: 'http' } });
    return true;
  });
  assert.deepEqual(seen, [`manual https://api.example.test/api/khqr/check?md5=${'a'.repeat(32)}&bakong_id=shop%40aclb`]);
  assert.match(warn.mock.calls.map((call) => String(call.arguments[0])).join('\n'), /followed a redirect to http:\/\/payment-received\.example\.test; its answer is not used/);
});

test('client: an injected fetch answering type opaqueredirect gives a redirect error', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const api = createHttpBakongApi({
    baseUrl: 'https://api.example.test',
    fetch: () => Promise.resolve(followedAnswer({ type: 'opaqueredirect', status: 0, url: '' })),
  });
  await assert.rejects(api.check({ md5: 'a'.repeat(32), bakongId: 'shop@aclb' }), (error: unknown) => {
    assert.ok(error instanceof BakongApiError);
    assert.equal(error.kind, 'redirect');
    assert.equal(error.text.code, 'api.redirectUnknown');
    return true;
  });
  await assert.rejects(api.create({ bakongId: 'shop@aclb', merchantName: 'My Store', amountCents: 500 }), { kind: 'redirect' });
});
