/** The back office's schema from an empty PostgreSQL database: applied once, checksummed, journal rows kept as text and never changed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPool } from '../../src/backoffice/db.ts';
import { migrate, migrationChecksum } from '../../src/backoffice/migrate.ts';
import { MIGRATIONS } from '../../src/backoffice/migrations/index.ts';
import { newTestTill, pairTestTill, post, startBackoffice, testChain } from '../support/backoffice.ts';
import { testPostgres } from '../support/postgres.ts';

const postgres = await testPostgres();

test('migrations run from an empty database, once, and are recorded with their checksums', { skip: postgres.skip }, async (t) => {
  const pool = openPool(await postgres.database());
  t.after(() => pool.end());
  assert.deepEqual(await migrate(pool), MIGRATIONS.map((m) => m.version));
  assert.deepEqual(await migrate(pool), [], 'a second run applies nothing');
  const { rows } = await pool.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  assert.deepEqual(rows, MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })));
  const tables = (await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.table_name);
  assert.deepEqual(tables, ['journal_rows', 'login_failures', 'pairing_codes', 'schema_migrations', 'sessions', 'shops', 'till_cursors', 'till_tokens', 'tills', 'users']);
});

test('a migration changed after it was applied, or one newer than the build, is refused', { skip: postgres.skip }, async (t) => {
  const pool = openPool(await postgres.database());
  t.after(() => pool.end());
  await migrate(pool);
  const [first] = MIGRATIONS;
  await assert.rejects(migrate(pool, [{ ...first!, sql: `${first!.sql}\n-- edited` }]), /schema 1 is "initial" \([0-9a-f]{16}\) in the database/);
  await assert.rejects(migrate(pool, []), /newer than this build knows/);
});

test('two services migrating one empty database at once: one applies, the other finds it done', { skip: postgres.skip }, async (t) => {
  const url = await postgres.database();
  const [a, b] = [openPool(url), openPool(url)];
  t.after(() => Promise.all([a.end(), b.end()]));
  const applied = await Promise.all([migrate(a), migrate(b)]);
  assert.deepEqual(applied.flat(), MIGRATIONS.map((m) => m.version));
});

test('journal rows: no column is json or jsonb, and a stored row can be neither changed nor deleted', { skip: postgres.skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const json = await backoffice.pool.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('json', 'jsonb')");
  assert.deepEqual(json.rows, []);
  const till = newTestTill();
  const token = await pairTestTill(backoffice, till);
  assert.equal((await post(`${backoffice.url}/api/till/journal`, { rows: testChain(till, 3) }, token)).status, 200);
  await assert.rejects(backoffice.pool.query("UPDATE journal_rows SET payload = '{}' WHERE seq = 2"), /never changed or deleted/);
  await assert.rejects(backoffice.pool.query('DELETE FROM journal_rows WHERE seq = 3'), /never changed or deleted/);
  await assert.rejects(backoffice.pool.query('TRUNCATE journal_rows'), /never changed or deleted/);
  assert.equal((await backoffice.pool.query('SELECT 1 FROM journal_rows')).rowCount, 3);
});
