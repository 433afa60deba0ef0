/**
 * The ledger CLI's command line (src/cli/ledger.ts, src/cli/args.ts), run as `npm run ledger` runs
 * it: --help lists every command (those still to come marked "not yet") and the exit codes; every
 * usage mistake exits 2 with the usage line instead of doing something else.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../src/launch/build-if-stale.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { tempDir } from '../support/temp.ts';

test('npm run ledger runs src/cli/ledger.ts', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts.ledger, 'node src/cli/ledger.ts');
});

test('--help lists the commands, marks those still to come "not yet", and gives the exit codes', async (t) => {
  const run = await runLedgerCli(['--help'], tempDir(t));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^ {2}backup +Write a consistent, verified copy/m);
  assert.match(run.stdout, /^ {2}verify +Check the ledger/m);
  assert.match(run.stdout, /^ {2}export +Export the sales of a range of business dates/m);
  assert.match(run.stdout, /^ {2}restore +Put a backup back as the ledger/m);
  assert.match(run.stdout, /^ {2}z +List the Z reports stored at each shift close/m);
  assert.match(run.stdout, /opened read-only, without migrating it or taking the POS's lock/);
  assert.match(run.stdout, /0 ok; 1 verification found a problem; 2 usage error; 3 cannot open or read the ledger;/);
  assert.match(run.stdout, /4 cannot write the output/);
  assert.match(run.stdout, /5 refused, nothing changed/);

  const one = await runLedgerCli(['verify', '--help'], tempDir(t));
  assert.equal(one.code, 0);
  assert.match(one.stdout, /^Usage: npm run ledger -- verify \[--anchor \[CODE\[-EPOCH\]:\]SEQ:HASH16\]$/m);
  assert.match(one.stdout, /--anchor SEQ:HASH16 +a chain head printed on paper/);
});

const MISTAKES: Array<[args: string[], message: RegExp, usage: RegExp]> = [
  [[], /No command given/, /Usage: npm run ledger -- <command> \[options\]/],
  [['bakup', '--out', 'x'], /Unknown command "bakup"/, /Usage: npm run ledger -- <command>/],
  [['--out', 'x', 'backup'], /Options come after the command/, /Usage: npm run ledger -- <command>/],
  [['backup', '--outt', 'x'], /Unknown option '--outt'/, /Usage: npm run ledger -- backup --out FILE \[--force\]/],
  [['backup', '--out'], /argument missing/, /Usage: npm run ledger -- backup --out FILE/],
  [['backup', '--out', 'a', 'b'], /Unexpected argument 'b'/, /Usage: npm run ledger -- backup --out FILE/],
  [['backup', '--force'], /backup needs --out FILE/, /Usage: npm run ledger -- backup --out FILE/],
  [['verify', 'now'], /Unexpected argument 'now'/, /Usage: npm run ledger -- verify/],
  [['export', '--from', '2026-01-01'], /export needs --to/, /Usage: npm run ledger -- export \(--from YYYY-MM-DD --to YYYY-MM-DD \| --z N\)/],
  [['export', '--from', '2026-01-01', '--to', '2026-01-02', '--format', 'pdf', '--out', 'x'], /csv or xlsx/, /Usage: npm run ledger -- export/],
  [['export', '--from', '2026-1-1', '--to', '2026-01-02', '--format', 'csv', '--out', 'x'], /YYYY-MM-DD/, /Usage: npm run ledger -- export/],
  [['export', '--from', '2026-01-03', '--to', '2026-01-02', '--format', 'csv', '--out', 'x'], /start date 2026-01-03 is after the end date 2026-01-02/, /Usage: npm run ledger -- export/],
  [['restore'], /restore needs --from FILE/, /Usage: npm run ledger -- restore --from FILE/],
  [['z'], /z needs either --list or --show N/, /Usage: npm run ledger -- z --list \| --show N/],
  [['z', '--list', '--show', '1'], /z needs either --list or --show N/, /Usage: npm run ledger -- z --list/],
  [['z', '--show', '0'], /--show N needs a Z report number from 1/, /Usage: npm run ledger -- z --list/],
];

for (const [args, message, usage] of MISTAKES) {
  test(`usage error, exit 2: ledger ${args.join(' ') || '(nothing)'}`, async (t) => {
    const run = await runLedgerCli(args, tempDir(t));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, message);
    assert.match(run.stderr, usage);
    assert.equal(run.stdout, '');
  });
}
