/**
 * Web mode's HTTP surface: loopback only, our own Host and Origin only, commands only with the
 * cashier key, the customer stream read-only, and no file outside the built renderer.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CommandReply } from '../../src/shared/contract.ts';
import { englishText, hostMessageText } from '../../src/shared/messages/index.ts';
import { startWebServer } from '../../src/web/server.ts';
import { startHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';

async function startWeb(t: TestContext) {
  const staticDir = tempDir(t);
  mkdirSync(join(staticDir, 'cashier'));
  writeFileSync(join(staticDir, 'cashier', 'index.html'), '<!doctype html><title>cashier</title>');
  writeFileSync(join(tempDir(t), 'secret.txt'), 'secret');
  // With a trailing separator, as src/web/main.ts passes it.
  const web = await startWebServer({ host: startHost(t), staticDir: `${staticDir}/`, port: 0, key: 'k'.repeat(32) });
  t.after(() => web.close());
  return web;
}

/** A raw request, so tests can send the Host and Origin headers an attacker's page would. */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (res.headers['content-type']?.startsWith('text/event-stream') && text.includes('\n\n')) req.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const command = (name: string, args: unknown) => JSON.stringify({ name, args });

test('listens on 127.0.0.1 only and prints URLs on that address', async (t) => {
  const web = await startWeb(t);
  assert.equal((web.server.address() as { address: string }).address, '127.0.0.1');
  assert.match(web.cashierUrl, /^http:\/\/127\.0\.0\.1:\d+\/cashier\/#key=k{32}$/);
  assert.match(web.customerUrl, /^http:\/\/127\.0\.0\.1:\d+\/customer\/$/);
});

test('serves the screens with a strict content security policy', async (t) => {
  const web = await startWeb(t);
  const page = await raw(web.port, '/cashier/', { host: `127.0.0.1:${web.port}` });
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>cashier<\/title>/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*connect-src 'self'/);
  assert.equal(page.headers['x-frame-options'], 'DENY');
});

test('DNS rebinding and cross-site requests are refused', async (t) => {
  const web = await startWeb(t);
  const good = `127.0.0.1:${web.port}`;
  const json = { 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(32) };
  assert.equal((await raw(web.port, '/cashier/', { host: `evil.example:${web.port}` })).status, 403);
  assert.equal((await raw(web.port, '/cashier/', { host: '127.0.0.1:1' })).status, 403);
  assert.equal((await raw(web.port, '/api/events/display', { host: `attacker.test:${web.port}` })).status, 403);
  const crossOrigin = await raw(web.port, '/api/command', { host: good, origin: 'http://evil.example', ...json }, 'POST',
    command('state.get', {}));
  assert.equal(crossOrigin.status, 403);
  const crossSite = await raw(web.port, '/api/command', { host: good, 'sec-fetch-site': 'cross-site', ...json }, 'POST',
    command('state.get', {}));
  assert.equal(crossSite.status, 403);
  const ok = await raw(web.port, '/api/command', { host: good, origin: `http://${good}`, ...json }, 'POST', command('state.get', {}));
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).ok, true);
});

test('a page may be opened from elsewhere (the shortcut file, a link), nothing else cross-site', async (t) => {
  const web = await startWeb(t);
  const opening = { host: `127.0.0.1:${web.port}`, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
  const page = await raw(web.port, '/cashier/', opening);
  assert.equal(page.status, 200);
  assert.equal(page.headers['x-frame-options'], 'DENY');
  assert.equal((await raw(web.port, '/', opening)).status, 302);
  assert.equal((await raw(web.port, '/api/events/display', opening)).status, 403, 'a stream is not a page');
  assert.equal((await raw(web.port, '/assets/x.js', opening)).status, 403);
  assert.equal((await raw(web.port, '/cashier/', { ...opening, 'sec-fetch-dest': 'iframe' })).status, 403, 'not in a frame');
  assert.equal((await raw(web.port, '/cashier/', { ...opening, 'sec-fetch-mode': 'no-cors' })).status, 403);
  assert.equal((await raw(web.port, '/cashier/', opening, 'POST')).status, 403);
});

test('commands need the cashier key and a JSON body; the customer stream needs neither and is read-only', async (t) => {
  const web = await startWeb(t);
  const host = { host: `127.0.0.1:${web.port}` };
  const noKey = await raw(web.port, '/api/command', { ...host, 'content-type': 'application/json' }, 'POST',
    command('payment.charge', { amountCents: 100 }));
  assert.equal(noKey.status, 401);
  const wrongKey = await raw(web.port, '/api/command', { ...host, 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(31) + 'x' },
    'POST', command('payment.charge', { amountCents: 100 }));
  assert.equal(wrongKey.status, 401);
  const form = await raw(web.port, '/api/command', { ...host, 'content-type': 'text/plain', 'x-pos-key': 'k'.repeat(32) }, 'POST',
    command('state.get', {}));
  assert.equal(form.status, 415);
  assert.equal((await raw(web.port, '/api/events/cashier', host)).status, 401);
  const display = await raw(web.port, '/api/events/display', host);
  assert.equal(display.status, 200);
  const state = JSON.parse(/data: (.*)\n/.exec(display.body)![1]!);
  assert.equal(state.phase, 'idle');
  assert.equal('bakongId' in state, false, 'the customer stream carries no account details');
  const cashier = await raw(web.port, `/api/events/cashier?key=${'k'.repeat(32)}`, host);
  assert.equal(JSON.parse(/data: (.*)\n/.exec(cashier.body)![1]!).mode, 'training');
});

test('no file outside the built screens can be read', async (t) => {
  const web = await startWeb(t);
  const host = { host: `127.0.0.1:${web.port}` };
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/cashier/..%2f..%2fsecret.txt', '/%00', '/nothing.js']) {
    assert.equal((await raw(web.port, path, host)).status, 404, path);
  }
});

test('a malformed command body is refused with a catalog message, never the parser\'s words', async (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const web = await startWeb(t);
  const headers = { host: `127.0.0.1:${web.port}`, 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(32) };
  const cases: [string, string][] = [
    ['{not json, PAYMENT RECEIVED', 'request.notJson'],
    ['', 'request.notJson'],
    ['null', 'request.badEnvelope'],
    ['"state.get"', 'request.badEnvelope'],
    ['[{"name":"state.get"}]', 'request.badEnvelope'],
  ];
  for (const [body, code] of cases) {
    const answer = await raw(web.port, '/api/command', headers, 'POST', body);
    assert.equal(answer.status, 400, body);
    const reply = JSON.parse(answer.body) as CommandReply<unknown>;
    assert.equal(reply.ok, false);
    assert.deepEqual(!reply.ok && reply.error.text, { code }, body);
    assert.equal(!reply.ok && reply.error.code, 'invalid_request');
    assert.equal(!reply.ok && reply.error.message, englishText({ code: code as 'request.notJson' }));
    assert.doesNotMatch(answer.body, /PAYMENT|Unexpected|position|JSON\.parse|token/i, body);
    assert.match(hostMessageText({ code: code as 'request.notJson' }, 'km'), /[\u1780-\u17ff]/);
  }
});

/**
 * Sends `body` (in 16 KB writes, declared or chunked) and resolves with the answer; a write that fails
 * after the answer arrived does not count, a connection reset before it does (that is the bug).
 */
function sendLarge(port: number, body: string, declareLength: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = {
      host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(32),
    };
    if (declareLength) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, path: '/api/command', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    for (let at = 0; at < body.length; at += 16_384) req.write(body.slice(at, at + 16_384));
    req.end();
  });
}

test('an oversized command body gets HTTP 413 with a JSON error, not a reset', async (t) => {
  const web = await startWeb(t);
  const body = `{"name":"state.get","args":{},"pad":"${'x'.repeat(200_000)}"}`;
  for (const declareLength of [true, false]) {
    const answer = await sendLarge(web.port, body, declareLength);
    assert.equal(answer.status, 413, declareLength ? 'with content-length' : 'chunked');
    const reply = JSON.parse(answer.body);
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, 'invalid_request');
    assert.deepEqual(reply.error.text, { code: 'request.tooLarge', params: { kb: 64 } });
    assert.match(reply.error.message, /at most 64 KB.*code request\.tooLarge/);
    assert.match(hostMessageText(reply.error.text, 'km'), /64 KB/);
  }
  // The server still answers afterwards.
  const ok = await raw(web.port, '/api/command', { host: `127.0.0.1:${web.port}`, 'content-type': 'application/json', 'x-pos-key': 'k'.repeat(32) },
    'POST', command('state.get', {}));
  assert.equal(ok.status, 200);
});
