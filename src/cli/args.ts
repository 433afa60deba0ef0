/**
 * The ledger CLI's command line: `ledger <command> [options]`, parsed strictly (node:util parseArgs)
 * so a mistyped option is refused with the usage line instead of being ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT, errorText } from './exit-codes.ts';

export interface CommandSpec {
  name: string;
  /** One line: `ledger backup --out FILE [--force]`. */
  usage: string;
  summary: string;
  /** Shown in --help and refused when run: the command comes in a later version. */
  notYet?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Extra lines for `ledger <command> --help`. */
  help?: readonly string[];
}

export type Parsed =
  | { kind: 'help'; command?: CommandSpec }
  | { kind: 'run'; command: CommandSpec; values: Record<string, string | boolean | undefined> };

/** A usage error: the message and the usage line to show, exit code 2. */
export function usageError(message: string, usage: string): CliError {
  return new CliError(EXIT.usage, `${message}\nUsage: ${usage}\nSee: npm run ledger -- --help`);
}

export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[], generalUsage: string): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0]) {
      const command = commands.find((c) => c.name === rest[0]);
      if (!command) throw usageError(`Unknown command "${rest[0]}".`, generalUsage);
      return { kind: 'help', command };
    }
    if (first === undefined) throw usageError('No command given.', generalUsage);
    if (rest.length > 0) throw usageError(`Unexpected "${rest[0]}" after ${first}.`, generalUsage);
    return { kind: 'help' };
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    throw usageError(first.startsWith('-') ? `Options come after the command; "${first}" came first.` : `Unknown command "${first}".`, generalUsage);
  }
  if (command.notYet) {
    // Its options are not defined yet: whatever follows, say the command itself is not there.
    if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command };
    throw usageError(`"ledger ${command.name}" is not available yet: ${command.notYet}`, command.usage);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // parseArgs's own words are clear ("Unknown option '--outt'", "Option '--out <value>' argument missing").
    throw usageError(errorText(error).replace(/\. To specify a positional argument.*$/s, '.'), command.usage);
  }
  if (parsed.values.help) return { kind: 'help', command };
  return { kind: 'run', command, values: parsed.values as Record<string, string | boolean | undefined> };
}
