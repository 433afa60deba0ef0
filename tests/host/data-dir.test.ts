/**
 * The data directory is the shop's business: receipts, settings, the ledger, the cashier key. Web
 * mode runs as a shop runs it (its own process, started with the usual umask 022) on a data
 * directory left by an older version (0755, files 0644), takes a payment and prints its receipt to
 * a file: transport inside the data directory; then every directory under it must be 0700 and every
 * file 0600 — the ledger's -wal and -shm, the lock, the key, the training state and the print job
 * included — while it runs and after it stops.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { before, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { ROOT, buildIfStale } from '../../src/launch/build-if-stale.ts';
import { tightenDataDir } from '../../src/host/data-dir.ts';
import { startHost } from '../support/servers.ts';
import { tempDir, waitFor } from '../support/temp.ts';
import { signInOwner } from '../support/web-mode.ts';

// Web mode refuses to start without the built screens, so make sure they exist.
before(() => buildIfStale());

/** Every entry under `dir` (itself included) as `path mode`, e.g. `ledger.sqlite3 600`. */
function modes(dir: string): string[] {
  const out: string[] = [];
  const visit = (path: string): void => {
    const info = lstatSync(path);
    out.push(`${relative(dir, path) || '.'}${info.isDirectory() ? '/' : ''} ${(info.mode & 0o777).toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
  };
  visit(dir);
  return out;
}

const notPrivate = (entries: string[]): string[] =>
  entries.filter((entry) => !(entry.endsWith('/ 700') || (!entry.includes('/ ') && entry.endsWith(' 600'))));

/** The data directory an older version left behind: world-readable folder, ledger, key and print folder. */
function olderDataDir(t: TestContext): string {
  const dir = join(tempDir(t, 'pos-modes-'), 'data');
  mkdirSync(join(dir, 'prints'), { recursive: true });
  new Database(join(dir, 'ledger.sqlite3')).close();
  writeFileSync(join(dir, 'web-cashier.key'), `${'k'.repeat(32)}\n`);
  writeFileSync(join(dir, 'prints', '00000001-job-1.escpos'), 'an old receipt');
  for (const path of [dir, join(dir, 'prints')]) chmodSync(path, 0o755);
  for (const path of ['ledger.sqlite3', 'web-cashier.key', 'prints/00000001-job-1.escpos']) chmodSync(join(dir, path), 0o644);
  return dir;
}

async function startWebMode(t: TestContext, dataDir: string) {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', `process.umask(0o022); await import(${JSON.stringify(join(ROOT, 'src/web/main.ts'))});`], {
    env: { ...process.env, POS_DATA_DIR: dataDir, POS_PORT: '0', POS_PRINTER: `file:${join(dataDir, 'prints')}`, POS_BAKONG_API_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const cashierUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('cashier: ')) resolve(line.slice('cashier: '.length));
    });
  });
  await signInOwner(cashierUrl);
  const url = new URL(cashierUrl);
  const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
  const command = async (name: string, args: unknown) => {
    const response = await fetch(`${url.origin}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-key': key },
      body: JSON.stringify({ name, args }),
    });
    const reply = (await response.json()) as { ok: boolean; value?: { id: number }; error?: unknown };
    assert.ok(reply.ok, `${name}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
  return { child, command };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('the data directory is 0700 and every file in it 0600, old ones tightened, new ones born so', { skip: process.platform === 'win32' && 'no Unix modes' }, async (t) => {
  const dataDir = olderDataDir(t);
  const pos = await startWebMode(t, dataDir);

  const sale = (await pos.command('payment.charge', { amountCents: 1050 }))!;
  await pos.command('training.simulatePayment', { saleId: sale.id });
  await waitFor('the receipt printed to a file', () => readdirSync(join(dataDir, 'prints')).some((name) => /^0+2-job-\d+\.escpos$/.test(name)));

  const running = modes(dataDir);
  for (const expected of ['ledger.sqlite3', 'ledger.sqlite3-wal', 'ledger.sqlite3-shm', 'instance.lock', 'web-cashier.key', 'training-sandbox.json', 'credentials.json']) {
    assert.ok(running.some((entry) => entry.startsWith(`${expected} `)), `${expected} is there: ${running.join(', ')}`);
  }
  assert.deepEqual(notPrivate(running), [], 'while web mode runs');

  await stop(pos.child);
  assert.deepEqual(notPrivate(modes(dataDir)), [], 'after it stopped');
});

const modeOf = (path: string): string => (lstatSync(path).mode & 0o777).toString(8);

/**
 * POS_DATA_DIR may name a folder that holds more than the POS's files (the home folder, a shared
 * folder): a script kept there, with a POS file made executable by hand, a link to a file outside.
 */
function sharedDataDir(t: TestContext): { dir: string; outside: string } {
  const root = tempDir(t, 'pos-shared-');
  const dir = join(root, 'home');
  mkdirSync(join(dir, 'photos'), { recursive: true });
  writeFileSync(join(dir, 'backup.sh'), '#!/bin/sh\necho backup\n');
  writeFileSync(join(dir, 'photos', 'shop.jpg'), 'jpeg');
  writeFileSync(join(dir, 'open-cashier.html'), '<!doctype html>');
  const outside = join(root, 'outside.txt');
  writeFileSync(outside, 'not the POS\'s');
  symlinkSync(outside, join(dir, 'web-cashier.key'));
  for (const path of [dir, join(dir, 'photos'), join(dir, 'backup.sh'), join(dir, 'open-cashier.html')]) chmodSync(path, 0o755);
  chmodSync(join(dir, 'photos', 'shop.jpg'), 0o644);
  chmodSync(outside, 0o644);
  return { dir, outside };
}

test('a data directory that is a shared folder: only the POS\'s own files lose group/other bits, owner bits kept, links not followed', { skip: process.platform === 'win32' && 'no Unix modes' }, (t) => {
  const { dir, outside } = sharedDataDir(t);
  const warnings: string[] = [];
  tightenDataDir(dir, { warn: (line) => warnings.push(line) });
  assert.equal(modeOf(join(dir, 'backup.sh')), '755', 'a script the POS did not write keeps its mode (and runs)');
  assert.equal(modeOf(join(dir, 'photos')), '755');
  assert.equal(modeOf(join(dir, 'photos', 'shop.jpg')), '644');
  assert.equal(modeOf(dir), '755', 'the folder itself holds more than the POS: left as it is');
  assert.equal(modeOf(join(dir, 'open-cashier.html')), '700', 'a POS file loses group/other bits and keeps the owner\'s execute bit');
  assert.equal(modeOf(outside), '644', 'a link is not followed');
  assert.match(warnings.join('\n'), /not the POS's/);
});

test('an executable script in the POS\'s own folders keeps its owner-execute bit', { skip: process.platform === 'win32' && 'no Unix modes' }, (t) => {
  const dir = join(tempDir(t, 'pos-exec-'), 'data');
  mkdirSync(join(dir, 'print-spool'), { recursive: true });
  writeFileSync(join(dir, 'print-spool', 'hook.sh'), '#!/bin/sh\n');
  chmodSync(join(dir, 'print-spool', 'hook.sh'), 0o755);
  chmodSync(dir, 0o755);
  tightenDataDir(dir);
  assert.equal(modeOf(join(dir, 'print-spool', 'hook.sh')), '700');
  assert.equal(modeOf(dir), '700', 'a folder holding only the POS\'s files is made private');
});

test('an entry the POS cannot change does not stop the tightening: it is logged and the rest is done', { skip: process.platform === 'win32' && 'no Unix modes' }, (t) => {
  const dir = olderDataDir(t);
  const warnings: string[] = [];
  tightenDataDir(dir, {
    ownFolders: [join(dir, 'prints')],
    warn: (line) => warnings.push(line),
    chmod: (path, mode) => {
      if (path.endsWith('web-cashier.key')) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      chmodSync(path, mode);
    },
  });
  assert.equal(modeOf(join(dir, 'web-cashier.key')), '644');
  assert.match(warnings.join('\n'), /could not make .*web-cashier\.key private \(EPERM\)/);
  assert.deepEqual(notPrivate(modes(dir)).filter((entry) => !entry.startsWith('web-cashier.key ')), []);
});

test('the POS starts with a file it cannot change in its data directory (another user\'s), and leaves that file alone', { skip: (process.platform === 'win32' || process.getuid?.() !== 0) && 'needs root to give a file to another user' }, async (t) => {
  const dir = olderDataDir(t);
  writeFileSync(join(dir, 'open-cashier.html'), '<!doctype html>');
  chmodSync(join(dir, 'open-cashier.html'), 0o644);
  chownSync(join(dir, 'open-cashier.html'), 65534, 65534);
  writeFileSync(join(dir, 'notes.sh'), '#!/bin/sh\n');
  chmodSync(join(dir, 'notes.sh'), 0o755);
  const host = startHost(t, { POS_DATA_DIR: dir, POS_BAKONG_API_URL: '' });
  assert.ok(host.cashierState());
  assert.equal(statSync(join(dir, 'open-cashier.html')).uid, 65534);
  assert.equal(modeOf(join(dir, 'open-cashier.html')), '644', 'another user\'s file is not the POS\'s to change');
  assert.equal(modeOf(join(dir, 'notes.sh')), '755');
  assert.equal(modeOf(join(dir, 'ledger.sqlite3')), '600');
  assert.equal(modeOf(join(dir, 'web-cashier.key')), '600');
});
