/**
 * Are the ledger's guards still in place? The triggers the migrations create refuse what the POS
 * must never do (rewrite a paid sale, its history, its alert or its receipt job), but anyone who can
 * open the file can drop or rewrite a trigger, and SQLite cannot prevent it. This check notices it
 * afterwards: it compares every trigger in the file with those the migrations create, text for text,
 * and every other schema entry (tables with their columns and generated columns, indexes) too: a
 * table or index rewritten through writable_schema (the journal's sale_id, which verify relies on) is seen.
 * It proves nothing about the rows themselves (a trigger dropped, a row rewritten and the trigger
 * put back is not seen here); that is the hash-chained journal's job (docs/ledger.md).
 */
import Database from 'better-sqlite3';
import type { Db } from './database.ts';
import { migrate } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export interface GuardReport {
  ok: boolean;
  /** Triggers the migrations create that the file lacks. */
  missing: string[];
  /** Triggers the file has under a guard's name, with other text than the migrations wrote. */
  altered: string[];
  /** Triggers in the file that no migration creates (they could rewrite rows as they are written). */
  unexpected: string[];
  /**
   * The rest of the schema (tables, their columns — generated ones included —, indexes, views), as
   * `type name`: what the migrations create that the file lacks, has with other text (a
   * writable_schema edit), or has and no migration creates.
   */
  schema: { missing: string[]; altered: string[]; unexpected: string[] };
}

const expectedByMigrations = new WeakMap<readonly Migration[], { triggers: Map<string, string>; schema: Map<string, string> }>();

/**
 * The triggers of a ledger made by these migrations, name → SQL as SQLite keeps it: the migrations
 * are replayed on an empty in-memory database, so the text is exactly what they wrote.
 */
function expected(migrations: readonly Migration[]): { triggers: Map<string, string>; schema: Map<string, string> } {
  let found = expectedByMigrations.get(migrations);
  if (!found) {
    const memory = new Database(':memory:');
    try {
      migrate(memory, migrations);
      found = { triggers: triggers(memory), schema: otherSchema(memory) };
    } finally {
      memory.close();
    }
    expectedByMigrations.set(migrations, found);
  }
  return found;
}

export function expectedTriggers(migrations: readonly Migration[] = MIGRATIONS): Map<string, string> {
  return expected(migrations).triggers;
}

/**
 * Every other schema entry, `type name` → SQL as SQLite keeps it. SQLite's own (sqlite_autoindex_*,
 * sqlite_sequence, sqlite_stat*) follow from the rest or from ANALYZE and are left out.
 */
function otherSchema(db: Db): Map<string, string> {
  const rows = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type != 'trigger' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name`)
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
  return new Map(rows.map((row) => [`${row.type} ${row.name}`, `${row.tbl_name}\n${row.sql ?? ''}`]));
}

function compare(expected: Map<string, string>, actual: Map<string, string>): { missing: string[]; altered: string[]; unexpected: string[] } {
  return {
    missing: [...expected.keys()].filter((name) => !actual.has(name)),
    altered: [...expected].filter(([name, sql]) => actual.has(name) && actual.get(name) !== sql).map(([name]) => name),
    unexpected: [...actual.keys()].filter((name) => !expected.has(name)),
  };
}

function triggers(db: Db): Map<string, string> {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Array<{ name: string; sql: string | null }>;
  return new Map(rows.map((row) => [row.name, row.sql ?? '']));
}

export function checkLedgerGuards(db: Db, migrations: readonly Migration[] = MIGRATIONS): GuardReport {
  const want = expected(migrations);
  const { missing, altered, unexpected } = compare(want.triggers, triggers(db));
  const schema = compare(want.schema, otherSchema(db));
  const count = missing.length + altered.length + unexpected.length + schema.missing.length + schema.altered.length + schema.unexpected.length;
  return { ok: count === 0, missing, altered, unexpected, schema };
}

/** One line per problem, for the host's log. A name read from the file is quoted as JSON: it may hold anything. */
export function guardProblems(report: GuardReport): string[] {
  return [
    ...report.missing.map((name) => `ledger guard ${JSON.stringify(name)} is missing: it was dropped from the ledger file`),
    ...report.altered.map((name) => `ledger guard ${JSON.stringify(name)} has been altered in the ledger file`),
    ...report.unexpected.map((name) => `the ledger file has a trigger no version of the POS created: ${JSON.stringify(name)}`),
    ...report.schema.missing.map((name) => `the ledger's ${JSON.stringify(name)} is missing from the file`),
    ...report.schema.altered.map((name) => `the ledger's ${JSON.stringify(name)} differs from what the migrations create (its schema was edited)`),
    ...report.schema.unexpected.map((name) => `the ledger file has ${JSON.stringify(name)}, which no version of the POS created`),
  ];
}
