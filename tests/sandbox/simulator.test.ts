import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { parseKhqr } from '../../src/host/khqr/index.ts';
import { startSandbox } from '../support/servers.ts';

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('create returns a real dynamic USD KHQR for the given merchant and account, expiring in 15 minutes', async (t) => {
  const { url } = await startSandbox(t);
  const before = Date.now();
  const { status, body } = await get(`${url}/api/khqr/create?bakong_id=shop@aclb&merchantname=My%20Store&amount=10.50`);
  assert.equal(status, 200);
  const khqr = body.khqrString as string;
  assert.equal(body.md5, createHash('md5').update(khqr, 'utf8').digest('hex'));
  assert.equal(body.bakong_qr, `${url}/bakong-qr?md5=${body.md5}`);
  const qr = parseKhqr(khqr); // throws on a bad CRC or any KHQR rule
  assert.equal(qr.pointOfInitiation, 'dynamic');
  assert.equal(qr.currency, 'USD');
  assert.equal(qr.amount, 1050);
  assert.equal(qr.merchantName, 'My Store');
  assert.equal(qr.account.bakongAccountId, 'shop@aclb');
  assert.ok(qr.createdAtMs! >= before && qr.createdAtMs! <= Date.now());
  assert.equal(qr.expiresAtMs! - qr.createdAtMs!, 15 * 60_000);
});

test('two identical creates never share an md5', async (t) => {
  const { url } = await startSandbox(t, { now: () => 1_800_000_000_000 });
  const q = `${url}/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=1`;
  const [a, b] = await Promise.all([get(q), get(q)]);
  assert.notEqual(a.body.md5, b.body.md5);
});

test('check says PENDING, then PAID once the customer pays', async (t) => {
  const { url } = await startSandbox(t);
  const { body } = await get(`${url}/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=2.5`);
  const check = `${url}/api/khqr/check?md5=${body.md5}&bakong_id=shop@aclb`;
  assert.deepEqual((await get(check)).body, { success: true, status: 'PENDING', bakong_id: 'shop@aclb', amount: 2.5 });
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}`, { method: 'POST' })).status, 200);
  assert.deepEqual((await get(check)).body, { success: true, status: 'PAID', bakong_id: 'shop@aclb', amount: 2.5 });
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}`, { method: 'POST' })).status, 409, 'paid twice');
});

test('a QR left unpaid past its lifetime reads EXPIRED and can no longer be paid (unless a bank reports it late)', async (t) => {
  let now = 1_800_000_000_000;
  const { url } = await startSandbox(t, { now: () => now, ttlMs: 60_000 });
  const { body } = await get(`${url}/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=1`);
  now += 60_001;
  const check = `${url}/api/khqr/check?md5=${body.md5}&bakong_id=shop@aclb`;
  assert.equal((await get(check)).body.status, 'EXPIRED');
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}`, { method: 'POST' })).status, 409);
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}&late=1`, { method: 'POST' })).status, 200);
  assert.equal((await get(check)).body.status, 'PAID');
});

test('POST /sandbox/expire ends a QR now, without waiting on the clock; a paid or unknown QR is refused', async (t) => {
  const now = 1_800_000_000_000; // the clock never moves in this test
  const { url } = await startSandbox(t, { now: () => now });
  const { body } = await get(`${url}/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=1`);
  const check = `${url}/api/khqr/check?md5=${body.md5}&bakong_id=shop@aclb`;
  assert.equal((await get(check)).body.status, 'PENDING');
  assert.equal((await get(`${url}/sandbox/expire?md5=${body.md5}`)).status, 405, 'GET is refused');
  const expired = await get(`${url}/sandbox/expire?md5=${body.md5}`, { method: 'POST' });
  assert.equal(expired.status, 200);
  assert.equal(expired.body.status, 'EXPIRED');
  assert.equal((await get(check)).body.status, 'EXPIRED');
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}`, { method: 'POST' })).status, 409);
  assert.equal((await get(`${url}/sandbox/pay?md5=${body.md5}&late=1`, { method: 'POST' })).status, 200);
  assert.equal((await get(`${url}/sandbox/expire?md5=${body.md5}`, { method: 'POST' })).status, 409, 'already paid');
  assert.equal((await get(`${url}/sandbox/expire?md5=${'0'.repeat(32)}`, { method: 'POST' })).status, 404);
});

test('bad or missing parameters get HTTP 400 with a JSON error', async (t) => {
  const { url } = await startSandbox(t);
  const cases = [
    '/api/khqr/create?merchantname=S&amount=1',
    '/api/khqr/create?bakong_id=shop@aclb&amount=1',
    '/api/khqr/create?bakong_id=shop@aclb&merchantname=S',
    '/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=abc',
    '/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=-1',
    '/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=1.005',
    '/api/khqr/create?bakong_id=shop@aclb&merchantname=S&amount=0',
    '/api/khqr/create?bakong_id=nope&merchantname=S&amount=1',
    `/api/khqr/create?bakong_id=shop@aclb&merchantname=${'x'.repeat(26)}&amount=1`,
    '/api/khqr/check?bakong_id=shop@aclb',
    '/api/khqr/check?md5=xyz&bakong_id=shop@aclb',
  ];
  for (const path of cases) {
    const { status, body } = await get(url + path);
    assert.equal(status, 400, path);
    assert.equal(body.success, false, path);
    assert.equal(typeof body.error, 'string', path);
  }
  assert.equal((await get(`${url}/api/khqr/check?md5=${'0'.repeat(32)}&bakong_id=shop@aclb`)).status, 404);
  assert.equal((await get(`${url}/api/khqr/create?bakong_id=a@b&merchantname=S&amount=1`, { method: 'POST' })).status, 405);
});

test('a request line the simulator cannot read gets a 400, and the server keeps running', async (t) => {
  const { url } = await startSandbox(t);
  const { connect } = await import('node:net');
  const port = Number(new URL(url).port);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  assert.match(reply, /^HTTP\/1\.1 400/);
  assert.equal((await get(`${url}/api/khqr/create?bakong_id=a@b&merchantname=S&amount=1`)).status, 200);
});
