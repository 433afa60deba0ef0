/**
 * The export download in web mode, over real HTTP on loopback: `export.create` writes the file into
 * POS_DATA_DIR/exports (0700/0600); the download route refuses without a valid token, a token is
 * single-use, bound to its export and short-lived; the file arrives byte for byte with attachment,
 * content type and no-store headers; once downloaded it is deleted.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { businessDate } from '../../src/host/export/business-date.ts';
import { EXPORTS_FOLDER } from '../../src/host/export/export-files.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import type { CommandReply, ExportCreated } from '../../src/shared/contract.ts';
import { TOKEN_TTL_MS } from '../../src/web/download-tokens.ts';
import { startWebServer } from '../../src/web/server.ts';
import { startHost } from '../support/servers.ts';
import { signInAs } from '../support/users.ts';
import { tempDir, waitFor } from '../support/temp.ts';

const KEY = 'k'.repeat(32);

async function startWeb(t: TestContext) {
  const clock = { at: 1_000_000 };
  const host = startHost(t);
  await signInAs(host); // export is the owner's
  const web = await startWebServer({ host, staticDir: `${tempDir(t)}/`, port: 0, key: KEY, now: () => clock.at });
  t.after(() => web.close());
  return { host, web, clock };
}

function call(port: number, path: string, method = 'GET', headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function createExport(port: number, args: unknown): Promise<ExportCreated> {
  const reply = await call(port, '/api/command', 'POST', { 'content-type': 'application/json', 'x-pos-key': KEY }, JSON.stringify({ name: 'export.create', args }));
  const parsed = JSON.parse(reply.body.toString('utf8')) as CommandReply<ExportCreated>;
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

async function token(port: number, exportId: string, key = KEY) {
  const reply = await call(port, `/api/exports/${exportId}/token`, 'POST', { 'x-pos-key': key });
  return { status: reply.status, url: reply.status === 200 ? (JSON.parse(reply.body.toString('utf8')) as { url: string }).url : '' };
}

test('export.create writes a private file in POS_DATA_DIR/exports; the download needs a single-use token and sends the bytes', async (t) => {
  const { host, web } = await startWeb(t);
  const sale = host.ledger.create({ amountCents: 1234, khrPerUsd: 4100, training: false, merchantName: 'ហាង My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  host.ledger.attachQr(sale.id, { md5: 'a'.repeat(32), khqrString: 'KHQR', expiresAt: 9_999_999_999_999, payTo: 'shop@aclb' });
  recordPayment({ db: host.db, sales: host.ledger, printJobs: new PrintJobs(host.db, Date.now), alerts: host.alerts }, sale.id, 'paid', ['awaiting_payment']);
  const today = businessDate(Date.now());
  const created = await createExport(web.port, { format: 'csv', from: today, to: today });
  assert.equal(created.rows, 1);
  assert.equal(created.takings.cents, 1234);
  assert.match(created.fileName, /^sales-\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}-[A-Za-z0-9]{8}\.csv$/);
  const folder = join(host.dataDir, EXPORTS_FOLDER);
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  const path = join(folder, created.fileName);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  // A second export of the same range gets its own file.
  const again = await createExport(web.port, { format: 'xlsx', from: today, to: today });
  assert.notEqual(again.fileName, created.fileName);

  const download = `/api/exports/${created.exportId}/download`;
  assert.equal((await call(web.port, download)).status, 401, 'no token');
  assert.equal((await call(web.port, `${download}?token=nonsense`)).status, 401, 'a made-up token');
  assert.equal((await token(web.port, created.exportId, 'x'.repeat(32))).status, 401, 'a token needs the cashier key');
  assert.equal((await call(web.port, `/api/exports/${created.exportId}/token`, 'GET', { 'x-pos-key': KEY })).status, 405);

  // A token is bound to its export.
  const other = await token(web.port, again.exportId);
  assert.equal((await call(web.port, other.url.replace(again.exportId, created.exportId))).status, 401);

  const { url } = await token(web.port, created.exportId);
  assert.doesNotMatch(url, new RegExp(KEY), 'never the cashier key in a URL');
  const got = await call(web.port, url);
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, readFileSync(path));
  assert.equal(got.body.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM');
  assert.match(got.body.toString('utf8'), /12\.34/);
  assert.equal(got.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(got.headers['content-disposition'], `attachment; filename="${created.fileName}"`);
  assert.equal(got.headers['cache-control'], 'no-store');
  assert.equal(got.headers['x-content-type-options'], 'nosniff');
  assert.equal((await call(web.port, url)).status, 401, 'the token works once');
  // Downloaded in full: the file leaves POS_DATA_DIR/exports, and the export is no longer known.
  // The server deletes it once its side of the stream has finished, which may be just after the client has every byte.
  await waitFor('the downloaded export to be deleted', () => !existsSync(path));
  assert.equal(host.exports.file(created.exportId), null);
  assert.equal((await token(web.port, created.exportId)).status, 404);
  assert.ok(existsSync(join(folder, again.fileName)), 'an export not downloaded yet stays');

  const xlsx = await call(web.port, (await token(web.port, again.exportId)).url);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');
});

test('a download token expires; an unknown export is 404; bad export.create arguments are refused in words', async (t) => {
  const { host, web, clock } = await startWeb(t);
  const today = businessDate(Date.now());
  const created = await createExport(web.port, { format: 'csv', from: today, to: today });
  const { url } = await token(web.port, created.exportId);
  clock.at += TOKEN_TTL_MS;
  assert.equal((await call(web.port, url)).status, 401);
  assert.equal((await token(web.port, 'A'.repeat(22))).status, 404);

  const refused = async (args: unknown) => {
    const reply = await call(web.port, '/api/command', 'POST', { 'content-type': 'application/json', 'x-pos-key': KEY }, JSON.stringify({ name: 'export.create', args }));
    return JSON.parse(reply.body.toString('utf8')) as CommandReply<never>;
  };
  for (const args of [{ format: 'pdf', from: today, to: today }, { format: 'csv', from: today }, { format: 'csv', z: 0 }, { format: 'csv', z: 1, from: today }, { format: 'csv', from: '2026-13-01', to: today }]) {
    const reply = await refused(args);
    assert.equal(reply.ok, false, JSON.stringify(args));
  }
  const noZ = await refused({ format: 'csv', z: 7 });
  assert.equal(noZ.ok, false);
  if (!noZ.ok) assert.match(noZ.error.message, /no Z report 7/);
  assert.ok(host.exports.file(created.exportId));
});
