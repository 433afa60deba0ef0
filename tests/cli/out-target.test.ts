/**
 * `--out` of backup and export never lands on the ledger or in its folder (review 8, finding 13):
 * the ledger, its -wal (renamed over, committed sales would be lost), a symlink to it, a path through
 * a symlinked folder or `..`: each refused with exit 4, even with --force, and the ledger untouched.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openLedger } from '../../src/host/ledger/database.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { seedSales } from '../support/seed-sales.ts';
import { tempDir } from '../support/temp.ts';

/** A running POS's data directory (the connection stays open, so the -wal is there). */
function running(t: TestContext): string {
  const dir = tempDir(t);
  const pos = openLedger(dir);
  seedSales(pos, 3);
  t.after(() => pos.close());
  return dir;
}

const commands: Array<[string, (out: string) => string[]]> = [
  ['backup', (out) => ['backup', '--out', out, '--force']],
  ['export', (out) => ['export', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv', '--out', out, '--force']],
];

for (const [name, args] of commands) {
  test(`${name} --out refuses the ledger's files and anything in the data directory, even with --force (exit 4)`, async (t) => {
    const dir = running(t);
    const ledger = join(dir, 'ledger.sqlite3');
    const elsewhere = tempDir(t);
    symlinkSync(ledger, join(elsewhere, 'link-to-ledger'));
    symlinkSync(`${ledger}-wal`, join(elsewhere, 'link-to-wal'));
    symlinkSync(dir, join(elsewhere, 'data-link'));
    mkdirSync(join(dir, 'sub'));
    const wal = readFileSync(`${ledger}-wal`);
    for (const out of [
      ledger, `${ledger}-wal`, `${ledger}-shm`, join(dir, 'new-file.csv'), join(dir, 'sub', 'x.sqlite3'),
      join(elsewhere, 'link-to-ledger'), join(elsewhere, 'link-to-wal'), join(elsewhere, 'data-link', 'x'), join(elsewhere, 'data-link', '..', 'data-link', 'y'),
    ]) {
      const run = await runLedgerCli(args(out), dir);
      assert.equal(run.code, 4, `${out}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /choose a file outside the data directory \(--force does not change this\)/, out);
    }
    assert.ok(readFileSync(`${ledger}-wal`).equals(wal), 'the -wal is untouched');
    assert.ok(statSync(ledger).isFile());
    const fine = await runLedgerCli(args(join(elsewhere, `out.${name}`)), dir);
    assert.equal(fine.code, 0, fine.stderr);
  });
}

for (const [name, args] of commands) {
  test(`${name} --out --force refuses a pipe (and so a device): it would be renamed over, not written to (exit 4)`, async (t) => {
    const dir = running(t);
    const elsewhere = tempDir(t);
    const fifo = join(elsewhere, 'a-pipe');
    execFileSync('mkfifo', [fifo]);
    const run = await runLedgerCli(args(fifo), dir);
    assert.equal(run.code, 4, `${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /is not a regular file \(a device, a pipe or a socket\)/);
    assert.ok(lstatSync(fifo).isFIFO(), 'the pipe is still a pipe');
  });
}
