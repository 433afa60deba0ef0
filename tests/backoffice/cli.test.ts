/**
 * `npm run backoffice` as its own process against a real PostgreSQL: the owner's account from the
 * command line (password from stdin, scrypt-hashed, no default), a till and its pairing code, and the
 * service itself answering a pairing over loopback HTTP.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../src/launch/build-if-stale.ts';
import { openPool } from '../../src/backoffice/db.ts';
import { verifyPassword } from '../../src/backoffice/passwords.ts';
import { newTestTill, post } from '../support/backoffice.ts';
import { runBackofficeCli } from '../support/backoffice-process.ts';
import { testPostgres } from '../support/postgres.ts';
import { waitFor } from '../support/temp.ts';

const postgres = await testPostgres();
const skip = postgres.skip;
const MAIN = join(ROOT, 'src/backoffice/main.ts');

const backoffice = runBackofficeCli;

test('user add: the password comes from stdin and is stored as scrypt only; a short or missing one is refused', { skip }, async (t) => {
  const env = { BACKOFFICE_DATABASE_URL: await postgres.database() };
  const added = await backoffice(['user', 'add', '--role', 'owner', '--name', 'សុខ ដារា'], env, 'correct horse battery\n');
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /added owner "សុខ ដារា"/);
  const pool = openPool(env.BACKOFFICE_DATABASE_URL);
  t.after(() => pool.end());
  const { rows } = await pool.query<{ name: string; role: string; password_hash: string }>('SELECT name, role, password_hash FROM users');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.role, 'owner');
  assert.match(rows[0]!.password_hash, /^scrypt\$32768\$8\$1\$/);
  assert.ok(!rows[0]!.password_hash.includes('correct horse'));
  assert.equal(await verifyPassword('correct horse battery', rows[0]!.password_hash), true);
  assert.equal(await verifyPassword('correct horse batterY', rows[0]!.password_hash), false);

  const short = await backoffice(['user', 'add', '--role', 'accountant', '--name', 'Dara'], env, 'short\n');
  assert.deepEqual([short.code, short.stderr.trim()], [1, 'backoffice: the password must be at least 12 characters']);
  const none = await backoffice(['user', 'add', '--role', 'accountant', '--name', 'Dara'], env, '');
  assert.equal(none.code, 1, 'no password given: no default is made up');
  const twice = await backoffice(['user', 'add', '--role', 'accountant', '--name', 'សុខ ដារា'], env, 'another long password\n');
  assert.match(twice.stderr, /already exists/);
  const badRole = await backoffice(['user', 'add', '--role', 'admin', '--name', 'Dara'], env, 'another long password\n');
  assert.equal(badRole.code, 2);
  assert.equal((await pool.query('SELECT 1 FROM users')).rowCount, 1);
});

test('`npm run backoffice` serves on loopback; `till add` prints a code the served endpoint pairs with', { skip }, async (t) => {
  const env = { BACKOFFICE_DATABASE_URL: await postgres.database(), BACKOFFICE_PORT: '0' };
  const refused = await backoffice([], { ...env, BACKOFFICE_HOST: '0.0.0.0' });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /plain HTTP is allowed on loopback only/);

  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await waitFor('the service\'s address', () => /backoffice: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
  assert.match(out, /applied migrations 1/);

  const added = await backoffice(['till', 'add', '--shop', 'Phsar Thmei', '--name', 'Front counter'], env);
  assert.equal(added.code, 0, added.stderr);
  const code = /pairing code: (\S+)/.exec(added.stdout)?.[1];
  assert.ok(code);
  const paired = await post(`${url}/api/till/pair`, { pairingCode: code, tillId: newTestTill().id, tillCode: 'K7QX2M' });
  assert.equal(paired.status, 201);
  assert.equal((await backoffice(['till', 'code', '--shop', 'Phsar Thmei', '--name', 'Front counter'], env)).code, 1, 'a paired till gets no new code');
});
