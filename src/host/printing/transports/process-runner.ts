/**
 * Runs a program with arguments (never through a shell) and collects what it wrote. Small and
 * injectable, so the Windows transport can be tested here: tests pass a fake that records the exact
 * program, arguments and files, and answers with the exit codes the scripts define.
 */
import { execFile } from 'node:child_process';

export interface ProcessResult {
  /** null when the program could not be started or was killed (see `error`). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run to the end: 'missing' (not installed), 'timeout', or another start failure. */
  failure: { kind: 'missing' | 'timeout' | 'other'; detail: string } | null;
}

export type ProcessRunner = (program: string, args: readonly string[], options: { timeoutMs: number }) => Promise<ProcessResult>;

/** Output above this is cut (a script answers in one short line). */
const MAX_OUTPUT = 1024 * 1024;

export const nodeProcessRunner: ProcessRunner = (program, args, { timeoutMs }) =>
  new Promise((resolve) => {
    execFile(
      program,
      [...args],
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, windowsHide: true, encoding: 'utf8', shell: false },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr, failure: null });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
        if (e.code === 'ENOENT') return resolve({ exitCode: null, stdout, stderr, failure: { kind: 'missing', detail: e.message } });
        if (e.killed || e.signal) return resolve({ exitCode: null, stdout, stderr, failure: { kind: 'timeout', detail: e.message } });
        if (typeof e.code === 'number') return resolve({ exitCode: e.code, stdout, stderr, failure: null });
        resolve({ exitCode: null, stdout, stderr, failure: { kind: 'other', detail: e.message } });
      },
    );
  });
