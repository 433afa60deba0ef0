/**
 * `ledger verify`: what can be checked of a ledger, read-only and while the POS runs. Each check
 * prints one line in words; the first problem is named again at the end and the exit code is 1.
 * The journal's checks (src/host/ledger/journal/verify.ts, docs/journal.md): the hash chain walked
 * from its first row, optionally against an anchor printed on paper (`--anchor SEQ:HASH16`), and
 * the sales table against the journal. Without an anchor a chain recomputed from scratch passes,
 * and the output says so.
 */
import { migrationChecksum, type Db } from '../../host/ledger/database.ts';
import { checkLedgerGuards, expectedTriggers } from '../../host/ledger/guards.ts';
import { formatAnchor, verifyChain, verifyProjection, type Anchor } from '../../host/ledger/journal/verify.ts';
import { MIGRATIONS, type Migration } from '../../host/ledger/migrations/index.ts';
import { verifyZReports } from '../../host/reports/shift-report.ts';
import { CliError, EXIT, errorCode, errorText, type ExitCode } from '../exit-codes.ts';
import { openReadOnly } from '../open-read-only.ts';

export type CheckOutcome = 'ok' | 'problem' | 'not yet';

export interface CheckResult {
  check: string;
  outcome: CheckOutcome;
  text: string;
}

export type Check = { check: string; run: (db: Db) => Omit<CheckResult, 'check'> };

const ok = (text: string) => ({ outcome: 'ok' as const, text });
const problem = (text: string) => ({ outcome: 'problem' as const, text });

/** SQLite's own check of every page, index and constraint; its first complaint is the one named. */
function integrity(db: Db) {
  const rows = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  if (rows.length === 1 && rows[0] === 'ok') return ok('every page, index and constraint is sound');
  // One row may hold several messages, one a line, under a "*** in database main ***" heading.
  const messages = rows.flatMap((row) => row.split('\n')).filter((line) => line.trim() && !line.startsWith('*** in database'));
  const first = messages[0] ?? rows[0] ?? 'no detail';
  const count = messages.length >= 20 ? '20 or more problems' : `${messages.length} problem(s)`;
  return problem(`SQLite reports ${count}; the first: ${first}${treeName(db, first)}`);
}

/** "Tree 5 page 5: …" names a b-tree by its root page: say which table or index that is, if it can be read. */
function treeName(db: Db, message: string): string {
  const root = /^Tree (\d+) /.exec(message)?.[1];
  if (!root) return '';
  try {
    const row = db.prepare('SELECT type, name FROM sqlite_schema WHERE rootpage = ?').get(Number(root)) as { type: string; name: string } | undefined;
    return row ? ` (tree ${root} is the ${row.type} ${row.name})` : '';
  } catch {
    return '';
  }
}

function foreignKeys(db: Db) {
  const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
  if (rows.length === 0) return ok('every reference points at an existing row');
  const first = rows[0]!;
  return problem(`${rows.length} row(s) refer to a missing row; the first: table ${first.table} row ${first.rowid ?? '?'} refers to a row of ${first.parent} that does not exist`);
}

interface Recorded { version: number; name: string; checksum: string }

function recordedMigrations(db: Db): Recorded[] | null {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return null;
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as Recorded[];
}

/** The migrations recorded in the file are exactly this build's, by name and checksum, and all applied. */
function schema(migrations: readonly Migration[]) {
  return (db: Db) => {
    const recorded = recordedMigrations(db);
    if (!recorded) return problem('the ledger has no schema_migrations table: it was not written by this POS');
    const code = new Map(migrations.map((m) => [m.version, m]));
    for (const row of recorded) {
      const migration = code.get(row.version);
      if (!migration) return problem(`schema version ${row.version} ("${row.name}") is recorded in the ledger but unknown to this build: the ledger was written by a newer POS`);
      if (migration.name !== row.name) return problem(`schema version ${row.version} is "${row.name}" in the ledger but "${migration.name}" in this build`);
      const checksum = migrationChecksum(migration.sql);
      if (checksum !== row.checksum) return problem(`schema version ${row.version} ("${row.name}") has checksum ${row.checksum} in the ledger but ${checksum} in this build: a different build wrote it`);
    }
    const applied = new Set(recorded.map((r) => r.version));
    const missing = migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
    if (missing.length > 0) return problem(`schema version(s) ${missing.join(', ')} of this build are not applied yet: start the POS once to upgrade the ledger, then verify again`);
    const latest = Math.max(...migrations.map((m) => m.version));
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    if (userVersion !== latest) return problem(`the file says schema version ${userVersion} (user_version) but its migrations record version ${latest}`);
    return ok(`version ${latest}: all ${migrations.length} migrations recorded, names and checksums match this build`);
  };
}

/**
 * The triggers that refuse changes to recorded money (a paid sale is final, history is append-only,
 * no write may replace a recorded row…) must be in the file exactly as this build's migrations create
 * them, and no other: src/host/ledger/guards.ts compares them text for text (the host runs the same
 * check at start). A name read from the file is printed JSON-quoted: it may hold anything.
 */
function triggers(migrations: readonly Migration[]) {
  return (db: Db) => {
    const report = checkLedgerGuards(db, migrations);
    const [missing] = report.missing;
    if (missing !== undefined) return problem(`the protective trigger ${JSON.stringify(missing)} is missing (dropped?): changes it refuses would go unnoticed`);
    const [altered] = report.altered;
    if (altered !== undefined) return problem(`the protective trigger ${JSON.stringify(altered)} differs from the one this build creates (rewritten?)`);
    const [unexpected] = report.unexpected;
    if (unexpected !== undefined) return problem(`the ledger has a trigger ${JSON.stringify(unexpected)} that no version of the POS creates (added by hand?)`);
    const [schemaMissing] = report.schema.missing;
    if (schemaMissing !== undefined) return problem(`the ${JSON.stringify(schemaMissing)} the migrations create is missing from the file (dropped?)`);
    const [schemaAltered] = report.schema.altered;
    if (schemaAltered !== undefined) return problem(`the ${JSON.stringify(schemaAltered)} differs from the one this build's migrations create (its schema was edited, e.g. through writable_schema)`);
    const [schemaAdded] = report.schema.unexpected;
    if (schemaAdded !== undefined) return problem(`the ledger has ${JSON.stringify(schemaAdded)}, which no version of the POS creates (added by hand?)`);
    return ok(`all ${expectedTriggers(migrations).size} present and unchanged, none added`);
  };
}

function hasJournal(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").get() !== undefined;
}

const NO_JOURNAL = 'the ledger has no journal yet (schema below 13): start the POS once to upgrade it, then verify again';

/** The whole chain from row 1, from the stored bytes; against the anchor when one is given. */
function hashChain(anchor: Anchor | undefined) {
  return (db: Db) => {
    if (!hasJournal(db)) return problem(NO_JOURNAL);
    const report = verifyChain(db, { anchor });
    if (report.problem) return problem(`row ${report.problem.seq}: ${report.problem.kind}: ${report.problem.text}`);
    const head = report.head!;
    const code = (db.prepare('SELECT code FROM till LIMIT 1').get() as { code: string } | undefined)?.code ?? '?';
    const at = `${report.rows} rows of till ${code}, head ${head.seq}:${head.hash.slice(0, 16)}`;
    return ok(anchor
      ? `${at}; every row hashes as stored and the chain matches the anchor ${formatAnchor(anchor)}`
      : `${at}; every row hashes as stored. Without --anchor this cannot tell a chain recomputed from scratch: compare with a Z report's anchor`);
  };
}

/** Each sale with its tenders (alert, print, setting, cash movement) in its table is what its journal rows say, and every journaled one is there. */
function projections(db: Db) {
  if (!hasJournal(db)) return problem(NO_JOURNAL);
  const report = verifyProjection(db);
  const found = report.problem;
  if (found) {
    const named = found.setting !== undefined ? `setting ${found.setting}` : found.movement !== undefined ? `cash movement ${found.movement}`
      : found.job !== undefined ? `print job ${found.job}` : found.alert !== undefined ? `alert ${found.alert}`
        : found.tender !== undefined ? `sale ${found.sale} tender ${found.tender}` : `sale ${found.sale}`;
    return problem(`${named}: ${found.text}`);
  }
  return ok(`all ${report.sales} sales match the journal (every journaled column of each sale and its tenders, and their history), and so do the alerts, printed receipts, settings and cash movements`);
}

/**
 * Each shift in the shifts table is what its shift.opened/shift.closed rows say, and each stored Z
 * report equals the report recomputed from its shift's journal rows (src/host/reports/shift-report.ts).
 */
function shiftsAndZ(db: Db) {
  if (!hasJournal(db)) return problem(NO_JOURNAL);
  const found = verifyZReports(db);
  if (found) return problem(`shift ${found.shift}: ${found.text}`);
  const hasShifts = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'shifts'").get() !== undefined;
  const counts = hasShifts
    ? (db.prepare('SELECT COUNT(*) AS shifts, COUNT(closed_seq) AS closed FROM shifts').get() as { shifts: number; closed: number })
    : { shifts: 0, closed: 0 };
  return ok(`${counts.shifts} shift(s) match the journal; all ${counts.closed} Z report(s) equal the sum of their shift's journal rows`);
}

export interface VerifyOptions {
  /** A Z report's printed `SEQ:HASH16`: the chain must have that row with that hash. */
  anchor?: Anchor;
}

export function verifyChecks(migrations: readonly Migration[] = MIGRATIONS, options: VerifyOptions = {}): Check[] {
  return [
    { check: 'SQLite integrity', run: integrity },
    { check: 'foreign keys', run: foreignKeys },
    { check: 'schema', run: schema(migrations) },
    { check: 'protective triggers', run: triggers(migrations) },
    { check: 'hash chain', run: hashChain(options.anchor) },
    { check: 'projections', run: projections },
    { check: 'shifts and Z reports', run: shiftsAndZ },
  ];
}

/**
 * SQLite codes that say the file could not be read now (busy past the timeout, an I/O error, out of
 * memory, no permission), not that what it holds is wrong: exit 3, never 1 (1 means a problem found).
 */
const READ_FAILURES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_NOMEM', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH', 'SQLITE_INTERRUPT', 'SQLITE_PROTOCOL', 'SQLITE_FULL'];

export function isReadFailure(error: unknown): boolean {
  const code = errorCode(error);
  return READ_FAILURES.some((failure) => code === failure || code.startsWith(`${failure}_`));
}

/**
 * Runs every check on one read snapshot. A check that finds the file unreadable as a ledger (corrupt
 * pages, a table missing) is a problem; one that cannot read at all (isReadFailure) ends the run, exit 3.
 */
export function verifyLedger(db: Db, migrations: readonly Migration[] = MIGRATIONS, options: VerifyOptions = {},
  checks: readonly Check[] = verifyChecks(migrations, options)): CheckResult[] {
  const results: CheckResult[] = [];
  db.exec('BEGIN');
  try {
    for (const { check, run } of checks) {
      try {
        results.push({ check, ...run(db) });
      } catch (error) {
        if (isReadFailure(error)) {
          throw new CliError(EXIT.cannotRead, `The ledger could not be read during the check "${check}": nothing was found wrong with it, try again.`, errorText(error));
        }
        results.push({ check, outcome: 'problem', text: `could not be checked, reading the ledger failed: ${errorText(error)}` });
      }
    }
  } finally {
    // A read-only snapshot: nothing to commit. After a corrupt read SQLite may already have ended it.
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The snapshot is gone either way; the results above already say what was wrong.
    }
  }
  return results;
}

const LABEL: Record<CheckOutcome, string> = { ok: 'ok      ', problem: 'PROBLEM ', 'not yet': 'not yet ' };

export function runVerify(dataDir: string, print: (line: string) => void, options: VerifyOptions = {}): ExitCode {
  const { db, file } = openReadOnly(dataDir);
  let results: CheckResult[];
  try {
    print(`Verifying ${file} (read-only: safe while the POS runs)`);
    results = verifyLedger(db, MIGRATIONS, options);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(EXIT.cannotRead, `The ledger ${file} could not be read to the end.`, errorText(error));
  } finally {
    db.close();
  }
  for (const r of results) print(`  ${LABEL[r.outcome]} ${r.check}: ${r.text}`);
  const first = results.find((r) => r.outcome === 'problem');
  if (first) {
    print(`Verification FAILED. First problem: ${first.check}: ${first.text}`);
    return EXIT.problem;
  }
  print('Verification passed: no problem found by the checks above.');
  return EXIT.ok;
}
