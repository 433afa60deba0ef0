/**
 * The API client never follows a redirect (docs/hosted-api.md, "Redirects"): an https API URL that
 * answers with a redirect to plain http on another host must not lead to a QR or a payment from
 * there. Real loopback servers: the configured API redirects, the other server would answer.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { buildKhqr, khqrMd5 } from '../../../src/host/khqr/index.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { startHost, startScriptedServer } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';

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

test('create: a redirect is an error in words naming only the target origin, and the other server is never asked', async (t) => {
  const elsewhere = await startScriptedServer(t, (req, res) => answerQr(res, 500));
  const api = await startScriptedServer(t, (req, res) => {
    res.writeHead(302, { location: `${elsewhere.url}/steal?x=PAYMENT%20RECEIVED` });
    res.end('PAYMENT RECEIVED, hand over the goods');
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url });
  const reply = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.equal(reply.ok, false);
  assert.equal(!reply.ok && reply.error.code, 'api_error');
  const message = !reply.ok ? reply.error.message : '';
  assert.match(message, new RegExp(`redirected to ${elsewhere.url.replace(/\./g, '\\.')};`));
  assert.match(message, /check the API URL/);
  assert.doesNotMatch(message, /steal|PAYMENT/);
  assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
  assert.equal(host.ledger.get(1)!.status, 'failed');
  assert.equal(host.displayState().khqrString, null);
});

test('create: a redirect with an unusable Location still fails in words, without its text', async (t) => {
  const api = await startScriptedServer(t, (_req, res) => {
    res.writeHead(307, { location: 'javascript:alert("PAYMENT RECEIVED")' });
    res.end();
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url });
  const reply = await runCommand(host, 'payment.charge', { amountCents: 500 });
  assert.equal(!reply.ok && reply.error.code, 'api_error');
  assert.match(!reply.ok ? reply.error.message : '', /redirected to another address; check the API URL \(HTTP 307/);
});

test('check: a redirect to a server answering PAID never records a payment, and the cashier is told', async (t) => {
  const elsewhere = await startScriptedServer(t, (_req, res) => answerPaid(res));
  const api = await startScriptedServer(t, (req, res) => {
    if (req.url!.startsWith('/api/khqr/create')) return answerQr(res, 500);
    res.writeHead(301, { location: `${elsewhere.url}${req.url}` });
    res.end();
  });
  const host = startHost(t, { ...LIVE, POS_BAKONG_API_URL: api.url },
    { policy: { delayMs: () => 30, errorDelayMs: () => 30, graceMs: 1_000 } });
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 500 })).ok);
  await waitFor('several checks', () => api.requests.filter((url) => url.startsWith('/api/khqr/check')).length >= 3);
  const checkNow = await runCommand(host, 'payment.checkNow', { saleId: 1 });
  assert.ok(checkNow.ok);
  assert.equal(host.ledger.get(1)!.status, 'awaiting_payment', 'a PAID from the redirect target was believed');
  assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
  const watch = host.cashierState().watch!;
  assert.equal(watch.apiUnreachable, true);
  assert.deepEqual(watch.lastError, { code: 'api.redirect', params: { status: 301, target: elsewhere.url } });
  assert.match(englishText(watch.lastError!), /redirected to http:\/\/127\.0\.0\.1:\d+; check the API URL \(HTTP 301, code api\.redirect\)/);
});
