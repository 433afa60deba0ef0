/**
 * What the ledger CLI's exit status means, so a back-office script can tell "the ledger is damaged"
 * from "I typed the command wrong" from "the disk is full". README "Ledger command line" lists them.
 */
export const EXIT = {
  /** Done, and every check passed. */
  ok: 0,
  /** A verification (verify, or the check of a backup copy) found a problem in the ledger. */
  problem: 1,
  /** The command line was wrong: unknown command or option, missing value. */
  usage: 2,
  /** The ledger could not be opened or read (missing, not a SQLite file, no permission). */
  cannotRead: 3,
  /** The output could not be written (exists without --force, disk full, no permission, no such folder). */
  cannotWrite: 4,
  /** The command refused to act, and changed nothing: the POS is running, or a restore would lose records or is another till's. */
  refused: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI explains in words and ends with `exitCode`; `detail` is the system's own message. */
export class CliError extends Error {
  override name = 'CliError';

  readonly exitCode: ExitCode;
  readonly detail: string | undefined;

  constructor(exitCode: ExitCode, message: string, detail?: string) {
    super(message);
    this.exitCode = exitCode;
    this.detail = detail;
  }
}

/** The SQLite or Node error code of a thrown error, if it has one. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
