/**
 * The CLI's one way into a ledger: read-only, the file must already exist, no migration and no data
 * directory lock. The POS holds its lock (src/host/ledger/instance-lock.ts) on a separate file and
 * the ledger is in WAL mode, so a reader here never blocks a sale and works while the POS runs.
 * openLedger (src/host/ledger/database.ts) is not used on purpose: it creates folders and migrates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_FILE, type Db } from '../host/ledger/database.ts';
import { CliError, EXIT, errorCode, errorText } from './exit-codes.ts';

export function ledgerPath(dataDir: string): string {
  return join(dataDir, LEDGER_FILE);
}

/** Opens the ledger of `dataDir` read-only, or throws CliError (exit 3) saying why it cannot. */
export function openReadOnly(dataDir: string): { db: Db; file: string } {
  const file = ledgerPath(dataDir);
  if (!existsSync(file)) {
    throw new CliError(EXIT.cannotRead, `There is no ledger at ${file}. Is POS_DATA_DIR the POS's data directory (it is "${dataDir}")?`);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(EXIT.cannotRead, `The ledger ${file} cannot be opened (no permission to read it or its folder?).`, errorText(error));
  }
  try {
    // A reader waits for a checkpoint in progress instead of failing; it never waits for a sale.
    db.pragma('busy_timeout = 5000');
    // The first read of the schema tells a SQLite file from anything else.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    const code = errorCode(error);
    const what = code === 'SQLITE_NOTADB' ? 'is not a SQLite database (wrong file, or its first page is damaged)' : 'cannot be read';
    throw new CliError(EXIT.cannotRead, `The ledger ${file} ${what}.`, errorText(error));
  }
  return { db, file };
}
