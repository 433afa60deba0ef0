/**
 * The CLI runs as the POS's user (review 8, finding 4): files it creates are private (umask 077
 * first), and a data directory owned by another user is refused before anything is opened (exit 3),
 * so no root-owned -wal/-shm is left for the POS to trip over.
 */
import assert from 'node:assert/strict';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../src/host/ledger/database.ts';
import { refuseOtherOwner } from '../../src/cli/ledger.ts';
import { CliError, EXIT } from '../../src/cli/exit-codes.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { seedSales } from '../support/seed-sales.ts';
import { tempDir } from '../support/temp.ts';

test('files the CLI creates beside a stopped POS\'s ledger are no more open than the ledger, and its outputs are private (umask 077)', async (t) => {
  const dir = tempDir(t);
  const pos = openLedger(dir);
  seedSales(pos, 3);
  pos.close();
  const before = new Set(readdirSync(dir));
  const out = join(tempDir(t), 'copy.sqlite3');
  assert.equal((await runLedgerCli(['verify'], dir)).code, 0);
  const backup = await runLedgerCli(['backup', '--out', out], dir);
  assert.equal(backup.code, 0, backup.stderr);
  // SQLite gives a -wal/-shm the ledger's own mode (never more); anything else the CLI makes is 0600.
  const ledgerMode = statSync(join(dir, 'ledger.sqlite3')).mode & 0o777;
  for (const name of readdirSync(dir).filter((n) => !before.has(n))) {
    const mode = statSync(join(dir, name)).mode & 0o777;
    assert.equal(mode & ~ledgerMode, 0, `${name}, made by the CLI, is no more open than the ledger`);
  }
  assert.equal(statSync(out).mode & 0o777, 0o600);
});

test('a data directory owned by another user is refused in words (exit 3), nothing opened', (t) => {
  const dir = tempDir(t);
  const uid = statSync(dir).uid;
  assert.doesNotThrow(() => refuseOtherOwner(dir, uid));
  assert.doesNotThrow(() => refuseOtherOwner(dir, undefined), 'no uids (Windows): nothing to check');
  assert.throws(() => refuseOtherOwner(dir, uid + 1), (error: unknown) =>
    error instanceof CliError && error.exitCode === EXIT.cannotRead && /belongs to user id \d+, but this command runs as user id \d+.*Run it as the user the POS runs as/.test(error.message));
});

test('run as root on another user\'s data directory: refused, exit 3, no file left behind', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async (t) => {
  const dir = tempDir(t);
  const pos = openLedger(dir);
  seedSales(pos, 2);
  pos.close();
  chownSync(dir, 65534, 65534);
  const before = readdirSync(dir).sort();
  const run = await runLedgerCli(['verify'], dir);
  assert.equal(run.code, EXIT.cannotRead, run.stdout + run.stderr);
  assert.match(run.stderr, /belongs to user id 65534, but this command runs as user id 0/);
  assert.deepEqual(readdirSync(dir).sort(), before);
});
