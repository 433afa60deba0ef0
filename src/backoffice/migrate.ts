/**
 * Applies the back office's migrations (src/backoffice/migrations/), like the till's: each recorded
 * with its name and a checksum of its SQL, so a database written by another build is noticed instead
 * of misread. The whole run is one transaction under an advisory lock: two services starting at once
 * never both migrate, and a failed migration leaves nothing half done (PostgreSQL's DDL is transactional).
 */
import { createHash } from 'node:crypto';
import { transaction, type Pool } from './db.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

export class SchemaMismatch extends Error {
  override name = 'SchemaMismatch';
}

// An arbitrary constant naming "the back office's migrations" among advisory locks.
const MIGRATION_LOCK = 7_208_110_001;

/** The versions applied by this run. */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = (await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )).rows;
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied) {
      const migration = known.get(row.version);
      if (!migration) throw new SchemaMismatch(`the database has schema ${row.version} ("${row.name}"), newer than this build knows`);
      if (migration.name !== row.name || migrationChecksum(migration.sql) !== row.checksum) {
        throw new SchemaMismatch(`schema ${row.version} is "${row.name}" (${row.checksum}) in the database, "${migration.name}" (${migrationChecksum(migration.sql)}) in this build`);
      }
    }
    const done = new Set(applied.map((row) => row.version));
    const now: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version, migration.name, migrationChecksum(migration.sql),
      ]);
      now.push(migration.version);
    }
    return now;
  });
}
