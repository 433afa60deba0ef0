/**
 * Opens the ledger: one SQLite file in the data directory, in WAL mode with synchronous=FULL so a
 * committed sale survives a power cut, and brought up to the current schema by the migrations.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { ensureTill } from './journal/till.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export const LEDGER_FILE = 'ledger.sqlite3';

/** The ledger cannot be used (newer or different schema, another POS holds it): category storage_error. */
export class LedgerError extends PosError {
  override name = 'LedgerError';

  constructor(text: HostMessage) {
    super('storage_error', text);
  }
}

export function openLedger(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, LEDGER_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another process (a second POS started by mistake) waits briefly instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    // The till's identity and the journal's first rows, once (a no-op below schema 13).
    ensureTill(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What schema_migrations records for a migration's SQL (the ledger CLI's verify compares it too). */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

/** Applies the migrations not yet applied, each in its own transaction with its record. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    checksum   TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as Array<{ version: number; name: string; checksum: string }>;
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new LedgerError(hostMessage('ledger.newerSchema', { version: row.version }));
    }
    if (migration.name !== row.name || migrationChecksum(migration.sql) !== row.checksum) {
      console.error(`[ledger] schema ${row.version} is "${row.name}" (${row.checksum}) in the file, "${migration.name}" in this build`);
      throw new LedgerError(hostMessage('ledger.schemaMismatch', { version: row.version }));
    }
  }
  const done = new Set(applied.map((row) => row.version));
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: set it around the migration's own.
    const foreignKeysWere = db.pragma('foreign_keys', { simple: true }) as number;
    if (migration.foreignKeys === false) db.pragma('foreign_keys = OFF');
    try {
      migrateOne(db, migration);
    } finally {
      if (migration.foreignKeys === false) db.pragma(`foreign_keys = ${foreignKeysWere ? 'ON' : 'OFF'}`);
    }
  }
}

function migrateOne(db: Db, migration: Migration): void {
  db.transaction(() => {
      db.exec(migration.sql);
      if (migration.foreignKeys === false) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`schema ${migration.version} would leave ${broken.length} row(s) pointing at nothing`);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        migrationChecksum(migration.sql),
        Date.now(),
      );
      db.pragma(`user_version = ${migration.version}`);
  })();
}
