/**
 * `windows:<printer name>`: the job's ESC/POS bytes go to an installed Windows printer through the
 * print spooler with the RAW datatype, so the printer keeps its Windows driver (no Zadig, and other
 * programs can still print to it). Windows PowerShell runs a fixed script (windows-scripts.ts); the
 * printer name and the job file are passed to it as arguments, never written into it.
 *
 * Each job's bytes are first written to a private file (0600, in a 0700 folder under the data
 * directory), removed once PowerShell has answered. A job Windows accepted is `spooled` unless
 * Windows marked it Printed while the script watched: the spooler taking a job (or sending it on to
 * the printer's port) does not mean paper came out, and the cashier is told exactly that. A spooled
 * job is never sent again by the queue: Windows still has it and would print it twice.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, win32 } from 'node:path';
import { hostMessage } from '../../../shared/messages/index.ts';
import { PrinterError, type PrintMeta, type PrintOutcome, type PrinterTransport } from '../types.ts';
import { nodeProcessRunner, type ProcessResult, type ProcessRunner } from './process-runner.ts';
import { ERROR_MARK, EXIT, SEND_RAW_SCRIPT } from './windows-scripts.ts';

export interface WindowsDeps {
  /** Runs PowerShell; tests pass a fake that records what it was given. */
  run?: ProcessRunner;
  /** The private folder for the scripts and job files (created 0700). */
  spoolDir: string;
  /** %SystemRoot%, where powershell.exe lives; defaults to the environment's. */
  systemRoot?: string;
  /** How long one job may take, PowerShell start and the watch included. */
  timeoutMs?: number;
}

export const SEND_SCRIPT_FILE = 'send-raw.ps1';
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Windows PowerShell 5.1 by its full path (not whatever "powershell" PATH finds first). Only a plain
 * drive path is taken from the environment.
 */
export function powershellPath(systemRoot: string | undefined = process.env.SystemRoot): string {
  const root = systemRoot && /^[A-Za-z]:\\[^"<>|?*\u0000-\u001f]*$/.test(systemRoot) ? systemRoot : 'C:\\Windows';
  return win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/** Before -File: no profile (a shop's profile must not run), no prompts, this script allowed to run. */
export const POWERSHELL_OPTIONS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/** Creates the private folder and writes `name` there with `text` unless it already holds exactly that. */
export async function privateScript(spoolDir: string, name: string, text: string): Promise<string> {
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });
  await chmod(spoolDir, 0o700);
  const path = join(spoolDir, name);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current !== text) await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

export class WindowsTransport implements PrinterTransport {
  readonly description: string;
  readonly #name: string;
  readonly #deps: Required<Omit<WindowsDeps, 'systemRoot'>> & { powershell: string };
  #chain: Promise<unknown> = Promise.resolve();

  constructor(name: string, deps: WindowsDeps) {
    this.#name = name;
    this.description = `Windows printer "${name}"`;
    this.#deps = {
      run: deps.run ?? nodeProcessRunner,
      spoolDir: deps.spoolDir,
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      powershell: powershellPath(deps.systemRoot),
    };
  }

  print(job: Uint8Array, meta: PrintMeta): Promise<PrintOutcome> {
    const bytes = new Uint8Array(job); // the caller may reuse its buffer while this job waits
    const label = 'jobId' in meta ? `job-${meta.jobId}` : 'drawer';
    const run = this.#chain.then(() => this.#send(bytes, label));
    this.#chain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    await this.#chain;
  }

  async #send(bytes: Uint8Array, label: string): Promise<PrintOutcome> {
    const { spoolDir, run, timeoutMs, powershell } = this.#deps;
    let script: string;
    let jobFile: string;
    try {
      script = await privateScript(spoolDir, SEND_SCRIPT_FILE, SEND_RAW_SCRIPT);
      jobFile = join(spoolDir, `${label}-${randomUUID()}.bin`);
      await writeFile(jobFile, bytes, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw this.#fail('io', `could not write the job file in ${spoolDir}: ${(error as Error).message}`, error);
    }
    let result: ProcessResult;
    try {
      result = await run(powershell, [...POWERSHELL_OPTIONS, '-File', script, '-Printer', this.#name, '-Path', jobFile], { timeoutMs });
    } finally {
      await unlink(jobFile).catch(() => {});
    }
    return this.#outcome(result);
  }

  #outcome(result: ProcessResult): PrintOutcome {
    const name = this.#name;
    if (result.failure?.kind === 'missing') {
      throw new PrinterError('driver', 'printer.windowsNoPowerShell', undefined, { detail: result.failure.detail });
    }
    if (result.failure?.kind === 'timeout') {
      // The job may be in the Windows queue by now: the message says to look there before printing again.
      throw new PrinterError('io', 'printer.windowsTimeout', { name }, { detail: result.failure.detail });
    }
    if (result.failure) throw this.#fail('io', result.failure.detail);
    if (result.exitCode !== EXIT.ok && scriptsBlocked(result.stderr)) {
      throw new PrinterError('access_denied', 'printer.windowsScriptsBlocked', undefined, { detail: result.stderr.trim().slice(0, 500) });
    }
    const said = scriptError(result.stderr);
    const detail = said ? `${said.step} failed (Win32 error ${said.win32})` : `exit code ${result.exitCode}: ${result.stderr.trim().slice(0, 500)}`;
    switch (result.exitCode) {
      case EXIT.ok:
        return spooledOrPrinted(result.stdout, name);
      case EXIT.printerNotFound:
        throw new PrinterError('not_found', 'printer.windowsNotFound', { name }, { detail });
      case EXIT.accessDenied:
        throw new PrinterError('access_denied', 'printer.windowsAccess', { name }, { detail });
      case EXIT.spoolerStopped:
        throw new PrinterError('not_found', 'printer.windowsSpooler', undefined, { detail });
      default:
        throw this.#fail('io', detail);
    }
  }

  #fail(reason: 'io', detail: string, cause?: unknown): PrinterError {
    return new PrinterError(reason, 'printer.windowsFailed', { name: this.#name }, { detail, cause });
  }
}

/**
 * PowerShell refused to run the script at all: a machine policy (AllSigned, or scripts disabled by
 * Group Policy) wins over -ExecutionPolicy Bypass. Its own error names the cause.
 */
function scriptsBlocked(stderr: string): boolean {
  return /running scripts is disabled|PSSecurityException|is not digitally signed|UnauthorizedAccess/i.test(stderr);
}

/** The script's structured line on stderr (`KHQRPOS-ERROR {"step":…,"win32":…}`), checked strictly. */
export function scriptError(stderr: string): { step: string; win32: number } | null {
  const line = stderr.split(/\r?\n/).find((l) => l.startsWith(ERROR_MARK));
  if (!line) return null;
  try {
    const parsed = JSON.parse(line.slice(ERROR_MARK.length)) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { step, win32 } = parsed as { step?: unknown; win32?: unknown };
    if (typeof step !== 'string' || !/^[A-Za-z0-9_]{1,40}$/.test(step)) return null;
    if (typeof win32 !== 'number' || !Number.isSafeInteger(win32)) return null;
    return { step, win32 };
  } catch {
    return null;
  }
}

const STATES = new Set(['printed', 'left-queue', 'queued', 'attention']);

/**
 * Exit 0: Windows has the job. Only "printed" (Windows marked it Printed) counts as printed; anything
 * else, an answer that does not parse included, is spooled: the job must not be sent again.
 */
export function spooledOrPrinted(stdout: string, name: string): PrintOutcome {
  const line = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').at(-1) ?? '';
  let state = 'queued';
  try {
    const parsed = JSON.parse(line) as { job?: unknown; state?: unknown };
    if (typeof parsed.job === 'number' && Number.isSafeInteger(parsed.job) && parsed.job > 0 && typeof parsed.state === 'string' && STATES.has(parsed.state)) {
      state = parsed.state;
    }
  } catch {
    // Not our line: stays 'queued' (spooled, nothing confirmed).
  }
  if (state === 'printed') return { state: 'printed' };
  if (state === 'attention') return { state: 'spooled', note: hostMessage('printer.windowsAttention', { name }), attention: true };
  return { state: 'spooled', note: hostMessage('printer.windowsSpooled', { name }), attention: false };
}
