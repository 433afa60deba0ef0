/** Runs the real ledger CLI (`node src/cli/ledger.ts`, what `npm run ledger` runs) as its own process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/launch/build-if-stale.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Asynchronous on purpose: a host in the test's own process keeps running (and writing) while the
 * CLI works. `dataDir` becomes POS_DATA_DIR; without it the variable is removed. `extraEnv` adds to
 * the environment (INIT_CWD, which npm sets to the folder the command was typed in).
 */
export function runLedgerCli(args: readonly string[], dataDir?: string, extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env = { ...process.env, ...extraEnv };
  delete env.POS_DATA_DIR;
  if (dataDir !== undefined) env.POS_DATA_DIR = dataDir;
  const child = spawn(process.execPath, [join(ROOT, 'src/cli/ledger.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
