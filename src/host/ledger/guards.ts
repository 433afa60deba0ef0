/**
 * Are the ledger's guards still in place? The triggers the migrations create refuse what the POS
 * must never do (rewrite a paid sale, its history, its alert or its receipt job), but anyone who can
 * open the file can drop or rewrite a trigger, and SQLite cannot prevent it. This check notices it
 * afterwards: it compares every trigger in the file with those the migrations create, text for text.
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
}

const expectedByMigrations = new WeakMap<readonly Migration[], Map<string, string>>();

/**
 * The triggers of a ledger made by these migrations, name → SQL as SQLite keeps it: the migrations
 * are replayed on an empty in-memory database, so the text is exactly what they wrote.
 */
export function expectedTriggers(migrations: readonly Migration[] = MIGRATIONS): Map<string, string> {
  let expected = expectedByMigrations.get(migrations);
  if (!expected) {
    const memory = new Database(':memory:');
    try {
      migrate(memory, migrations);
      expected = triggers(memory);
    } finally {
      memory.close();
    }
    expectedByMigrations.set(migrations, expected);
  }
  return expected;
}

function triggers(db: Db): Map<string, string> {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Array<{ name: string; sql: string | null }>;
  return new Map(rows.map((row) => [row.name, row.sql ?? '']));
}

export function checkLedgerGuards(db: Db, migrations: readonly Migration[] = MIGRATIONS): GuardReport {
  const expected = expectedTriggers(migrations);
  const actual = triggers(db);
  const missing = [...expected.keys()].filter((name) => !actual.has(name));
  const altered = [...expected].filter(([name, sql]) => actual.has(name) && actual.get(name) !== sql).map(([name]) => name);
  const unexpected = [...actual.keys()].filter((name) => !expected.has(name));
  return { ok: missing.length + altered.length + unexpected.length === 0, missing, altered, unexpected };
}

/** One line per problem, for the host's log. A name read from the file is quoted as JSON: it may hold anything. */
export function guardProblems(report: GuardReport): string[] {
  return [
    ...report.missing.map((name) => `ledger guard ${JSON.stringify(name)} is missing: it was dropped from the ledger file`),
    ...report.altered.map((name) => `ledger guard ${JSON.stringify(name)} has been altered in the ledger file`),
    ...report.unexpected.map((name) => `the ledger file has a trigger no version of the POS created: ${JSON.stringify(name)}`),
  ];
}
