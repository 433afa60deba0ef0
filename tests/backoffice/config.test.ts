/** The back office's settings: plain HTTP only on loopback; HTTPS with a certificate (served with node:https). */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigProblem, DEFAULT_BACKOFFICE_PORT, readConfig } from '../../src/backoffice/config.ts';
import { openPool } from '../../src/backoffice/db.ts';
import { startService } from '../../src/backoffice/server.ts';
import { tempDir } from '../support/temp.ts';

const DB = { BACKOFFICE_DATABASE_URL: 'postgresql://backoffice:pw@127.0.0.1:5432/backoffice' };

test('defaults: loopback, port 8790, plain HTTP; the database URL is required and must be postgresql://', () => {
  assert.deepEqual(readConfig(DB), { databaseUrl: DB.BACKOFFICE_DATABASE_URL, host: '127.0.0.1', port: DEFAULT_BACKOFFICE_PORT, tls: null });
  assert.throws(() => readConfig({}), /BACKOFFICE_DATABASE_URL is not set/);
  assert.throws(() => readConfig({ BACKOFFICE_DATABASE_URL: 'mysql://x@y/z' }), /must start with postgresql:\/\//);
  assert.throws(() => readConfig({ ...DB, BACKOFFICE_PORT: '80000' }), ConfigProblem);
});

test('plain HTTP is refused on any address but loopback', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.equal(readConfig({ ...DB, BACKOFFICE_HOST: host }).host, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'backoffice.example.com']) {
    assert.throws(() => readConfig({ ...DB, BACKOFFICE_HOST: host }), /plain HTTP is allowed on loopback only/);
  }
  assert.throws(() => readConfig({ ...DB, BACKOFFICE_TLS_CERT: '/x.pem' }), /set both BACKOFFICE_TLS_CERT and BACKOFFICE_TLS_KEY/);
  assert.throws(() => readConfig({ ...DB, BACKOFFICE_HOST: '0.0.0.0', BACKOFFICE_TLS_CERT: '/nonexistent/cert.pem', BACKOFFICE_TLS_KEY: '/nonexistent/key.pem' }), /cannot read BACKOFFICE_TLS_CERT/);
});

test('with a certificate and key it serves HTTPS, on any address', async (t) => {
  const dir = tempDir(t);
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const config = readConfig({ ...DB, BACKOFFICE_HOST: '0.0.0.0', BACKOFFICE_TLS_CERT: cert, BACKOFFICE_TLS_KEY: key });
  assert.ok(config.tls);
  const pool = openPool(DB.BACKOFFICE_DATABASE_URL); // never queried: the request below needs no database
  t.after(() => pool.end());
  const service = await startService({ ...config, host: '127.0.0.1', port: 0 }, { pool });
  t.after(() => service.close());
  assert.match(service.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${service.url}/nothing`, { ca: config.tls!.cert }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(answer.status, 404);
  assert.equal((JSON.parse(answer.body) as { error: string }).error, 'not_found');
});
