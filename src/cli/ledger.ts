/**
 * The ledger command line, for back-office jobs beside a running POS: `npm run ledger -- <command>`.
 * Every command but `restore` opens the ledger of POS_DATA_DIR read-only (src/cli/open-read-only.ts): no migration,
 * no data-directory lock, so it is safe while the POS sells. Exit codes: src/cli/exit-codes.ts.
 * The host never imports this folder (eslint.config.js); this folder may use the host's ledger modules.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readDataDir } from '../host/config/env.ts';
import { parseAnchor } from '../host/ledger/journal/verify.ts';
import { parseCommandLine, usageError, type CommandSpec } from './args.ts';
import { runBackup } from './commands/backup.ts';
import { runExport } from './commands/export.ts';
import { runRestore } from './commands/restore.ts';
import { runVerify } from './commands/verify.ts';
import { runZList, runZShow } from './commands/z.ts';
import { CliError, EXIT, errorText, type ExitCode } from './exit-codes.ts';

const GENERAL_USAGE = 'npm run ledger -- <command> [options]   (commands: backup, verify, export, restore, z; --help for all)';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'backup',
    usage: 'npm run ledger -- backup --out FILE [--force]',
    summary: 'Write a consistent, verified copy of the ledger to FILE (private, mode 0600) while the POS runs.',
    options: { out: { type: 'string' }, force: { type: 'boolean' } },
    help: [
      '--out FILE   where to write the backup (its folder must exist; a relative path is from where you typed the command); refused if FILE exists',
      '--force      replace FILE if it exists',
      'The copy is written next to FILE under a temporary name, checked with SQLite\'s integrity_check,',
      'then renamed; free space is checked first.',
    ],
  },
  {
    name: 'verify',
    usage: 'npm run ledger -- verify [--anchor [CODE[-EPOCH]:]SEQ:HASH16]',
    summary: 'Check the ledger: SQLite integrity, foreign keys, schema version and migration checksums, protective triggers, the journal\'s hash chain and the sales against the journal.',
    options: { anchor: { type: 'string' } },
    help: [
      'Prints each check in words and names the first problem (exit 1).',
      '--anchor SEQ:HASH16   a chain head printed on paper (a Z report): the chain must have row SEQ with a hash',
      '                      beginning HASH16 (16 hex characters). Without it, a chain recomputed from scratch',
      '                      by someone with the file passes (docs/journal.md).',
      '--anchor CODE[-EPOCH]:SEQ:HASH16   the same, naming the till (its code) and, after a restore, the epoch',
      '                      (e.g. K7QX2M:120:9f3a… or K7QX2M-2:130:…): it must be this till, row SEQ in that',
      '                      epoch (1 without -EPOCH). SEQ is at most 15 digits.',
    ],
  },
  {
    name: 'export',
    usage: 'npm run ledger -- export (--from YYYY-MM-DD --to YYYY-MM-DD | --z N) --format csv|xlsx --out FILE [--force]',
    summary: 'Export the sales of a range of business dates for the accountant, as CSV or XLSX (private, mode 0600).',
    options: { from: { type: 'string' }, to: { type: 'string' }, z: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    help: [
      '--from, --to  first and last business date, both included (at most 400 days); for now a sale\'s business date is',
      '              the calendar date in Cambodia (UTC+07:00) of its payment, or of its creation when unpaid',
      '--format      csv (UTF-8 with BOM, for Excel and accounting software) or xlsx (a Summary and a Sales sheet)',
      '--out FILE    where to write it (its folder must exist; a relative path is from where you typed the command);',
      '              refused if FILE exists',
      '--force       replace FILE if it exists',
      '--z N         instead of --from/--to: the sales of Z report N (the shift number, see z --list): those with a row',
      '              journaled in that shift, as the Z report counts them; the Summary carries the Z number and anchor',
      'Columns and totals: README, "Export for the accountant".',
    ],
  },
  {
    name: 'z',
    usage: 'npm run ledger -- z --list | --show N [--json]',
    summary: 'List the Z reports stored at each shift close, or show one as it was stored.',
    options: { list: { type: 'boolean' }, show: { type: 'string' }, json: { type: 'boolean' } },
    help: [
      '--list      every Z report: number, business date, close time (Phnom Penh), takings and anchor',
      '--show N    Z report N (the shift number) in full: takings by tender, sales by outcome, other accounts,',
      '            training apart, first and last sale, unresolved QRs carried over, and its anchor',
      '--json      with --show: the stored report exactly (canonical JSON)',
      '`npm run ledger -- verify` checks every stored Z against the journal.',
    ],
  },
  {
    name: 'restore',
    usage: 'npm run ledger -- restore --from FILE [--offline]',
    summary: 'Put a backup back as the ledger (the POS must be closed); journaled as a new epoch (ledger.restored).',
    options: { from: { type: 'string' }, offline: { type: 'boolean' } },
    help: [
      '--from FILE  the backup (e.g. one of POS_DATA_DIR/backups); a relative path is from where you typed the command',
      'A till paired with a back office first downloads its own rows the back office holds past the backup, checks',
      'each one\'s hash and link, and replays them into the restored ledger, so its chain goes on with no fork; the',
      'new epoch is above any the back office holds for the till. Refused (exit 5, nothing changed) when it cannot:',
      '--offline   restore without the back office: the till goes on in a new epoch and the back office keeps a fork.',
      'Unlike the other commands it writes, so it takes the POS\'s lock: refused while the POS runs (exit 5).',
      'Refused (exit 5, nothing changed) when FILE is another till\'s ledger, or when the current journal is longer',
      'than the backup\'s or differs from it. FILE must pass integrity_check and its hash chain (exit 1 if not).',
      'The replaced ledger is kept as ledger-replaced-<date>-<time>.sqlite (mode 0600) in the data directory.',
    ],
  },
];

const EXIT_CODES = [
  'Exit codes: 0 ok; 1 verification found a problem; 2 usage error; 3 cannot open or read the ledger;',
  '            4 cannot write the output (exists, disk full, no permission, no such folder);',
  '            5 refused, nothing changed (restore: the POS is running, another till\'s backup, a longer chain).',
];

export function helpText(command?: CommandSpec): string {
  if (command) {
    return [
      `Usage: ${command.usage}`,
      '',
      command.notYet ? `${command.summary} Not yet: ${command.notYet}` : command.summary,
      ...(command.help ? ['', ...command.help] : []),
      '',
      command.name === 'restore'
        ? 'The ledger is the one in POS_DATA_DIR (default ~/.khqr-pos); restore replaces it, so the POS must be closed.'
        : 'The ledger is the one in POS_DATA_DIR (default ~/.khqr-pos), opened read-only: safe while the POS runs.',
      ...EXIT_CODES,
    ].join('\n');
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'KHQR POS ledger command line',
    `Usage: ${GENERAL_USAGE}`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.notYet ? '(not yet) ' : ''}${c.summary}`),
    '',
    'The ledger is the one in POS_DATA_DIR (default ~/.khqr-pos; with the desktop app set POS_DATA_DIR to its data folder).',
    'It is opened read-only, without migrating it or taking the POS\'s lock: safe while the POS runs (restore excepted: it needs the POS closed).',
    'Run it as the user the POS runs as (never with sudo): it refuses a data directory owned by another user (exit 3).',
    'npm run ledger -- <command> --help  for one command.',
    ...EXIT_CODES,
  ].join('\n');
}

/**
 * The CLI must run as the POS's own user: SQLite makes the ledger's -wal and -shm files as whoever
 * opens it (even read-only, when the POS is stopped), and files left owned by another user — root,
 * after `sudo` — would stop the POS from writing its ledger. On POSIX, a user who does not own the
 * data directory is refused before anything is opened (exit 3). Nothing to check where there are no uids (Windows).
 */
export function refuseOtherOwner(dataDir: string, uid: number | undefined = process.getuid?.()): void {
  if (uid === undefined) return;
  let owner: number;
  try {
    owner = statSync(dataDir).uid;
  } catch {
    return; // no such folder: each command says so in its own words
  }
  if (owner !== uid) {
    throw new CliError(EXIT.cannotRead,
      `The data directory ${dataDir} belongs to user id ${owner}, but this command runs as user id ${uid}. ` +
      'Run it as the user the POS runs as (not with sudo): files it would create next to the ledger would belong to the wrong user, and the POS could no longer write its ledger.');
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const parsed = parseCommandLine(argv, COMMANDS, GENERAL_USAGE);
  if (parsed.kind === 'help') {
    console.log(helpText(parsed.command));
    return EXIT.ok;
  }
  const dataDir = readDataDir(env);
  refuseOtherOwner(dataDir);
  const print = (line: string) => console.log(line);
  switch (parsed.command.name) {
    case 'backup': {
      const out = parsed.values.out;
      if (typeof out !== 'string' || out.trim() === '') throw usageError('backup needs --out FILE.', parsed.command.usage);
      // `npm run` starts scripts in the project folder; INIT_CWD is where the command was typed.
      const typedIn = env.INIT_CWD?.trim() || process.cwd();
      return runBackup({ dataDir, out: resolve(typedIn, out), force: parsed.values.force === true }, print);
    }
    case 'verify': {
      const text = parsed.values.anchor;
      if (text === undefined) return runVerify(dataDir, print);
      const anchor = typeof text === 'string' ? parseAnchor(text) : null;
      if (!anchor) throw usageError('--anchor must be SEQ:HASH16 or CODE[-EPOCH]:SEQ:HASH16: a row number (at most 15 digits), a colon and at least 16 hex characters of its hash, optionally after the till\'s code (and -EPOCH after a restore) and a colon.', parsed.command.usage);
      return runVerify(dataDir, print, { anchor });
    }
    case 'export': {
      const { from, to, z, format, out } = parsed.values;
      if (z !== undefined && (from !== undefined || to !== undefined)) throw usageError('--z N goes without --from and --to.', parsed.command.usage);
      const needed = z !== undefined ? [['z', z], ['format', format], ['out', out]] as const : [['from', from], ['to', to], ['format', format], ['out', out]] as const;
      for (const [name, value] of needed) {
        if (typeof value !== 'string' || value.trim() === '') throw usageError(`export needs --${name}.`, parsed.command.usage);
      }
      if (typeof z === 'string' && !/^[1-9][0-9]{0,9}$/.test(z.trim())) throw usageError('--z N needs a Z report number from 1 (see z --list).', parsed.command.usage);
      const typedIn = env.INIT_CWD?.trim() || process.cwd();
      return runExport({
        dataDir, ...(typeof z === 'string' ? { z: Number(z.trim()) } : { from: from as string, to: to as string }),
        format: format as string, out: resolve(typedIn, out as string),
        force: parsed.values.force === true, usage: parsed.command.usage,
      }, print);
    }
    case 'restore': {
      const from = parsed.values.from;
      if (typeof from !== 'string' || from.trim() === '') throw usageError('restore needs --from FILE.', parsed.command.usage);
      const typedIn = env.INIT_CWD?.trim() || process.cwd();
      return runRestore({ dataDir, from: resolve(typedIn, from), offline: parsed.values.offline === true }, print);
    }
    case 'z': {
      const { list, show, json } = parsed.values;
      if ((list === true) === (show !== undefined)) throw usageError('z needs either --list or --show N.', parsed.command.usage);
      if (list === true) {
        if (json === true) throw usageError('--json goes with --show N.', parsed.command.usage);
        return runZList(dataDir, print);
      }
      if (typeof show !== 'string' || !/^[1-9][0-9]{0,9}$/.test(show.trim())) throw usageError('--show N needs a Z report number from 1 (see z --list).', parsed.command.usage);
      return runZShow(dataDir, Number(show.trim()), json === true, print);
    }
    default:
      throw usageError(`Unknown command "${parsed.command.name}".`, GENERAL_USAGE);
  }
}

if (import.meta.main) {
  // First of all: whatever the CLI creates (a backup, an export, their temporary -wal/-shm, the
  // ledger's own -wal/-shm when it opens a stopped POS's ledger) is private to its user.
  process.umask(0o077);
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      const command = process.argv[2] && !process.argv[2].startsWith('-') ? ` ${process.argv[2]}` : '';
      console.error(`ledger${command}: ${error.message}`);
      if (error.detail) console.error(`  (${error.detail})`);
      process.exitCode = error.exitCode;
    } else {
      console.error(`ledger: unexpected failure: ${errorText(error)}`);
      console.error(error);
      process.exitCode = EXIT.cannotRead;
    }
  }
}
