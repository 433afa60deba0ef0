/**
 * `npm run backoffice` as a shop runs it: its own process (`node src/backoffice/main.ts`, the npm
 * script's command), for the CLI's one-shot commands and for the service, which a test can stop and
 * start again on the same address (the back office down, then back: a till pointed at it sees the
 * same URL answer again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/launch/build-if-stale.ts';
import { freePort } from './postgres.ts';

const MAIN = join(ROOT, 'src/backoffice/main.ts');

/** Runs one CLI command to its end; `stdin` is written and closed (the password of `user add`). */
export function runBackofficeCli(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface BackofficeProcess {
  url: string;
  env: Record<string, string>;
  /** Ends the service (SIGTERM: it closes its connections and its pool) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/**
 * Serves the back office of `databaseUrl` on a loopback port of its own; resolves once it prints its
 * address (after its migrations). Stop it in the test's cleanup.
 */
export async function startBackofficeProcess(databaseUrl: string): Promise<BackofficeProcess> {
  const env = { BACKOFFICE_DATABASE_URL: databaseUrl, BACKOFFICE_PORT: String(await freePort()) };
  let child: ChildProcess | null = null;
  let url = '';
  const start = async (): Promise<void> => {
    const started = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let out = '';
    url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer): void => {
        out += chunk.toString();
        const match = /backoffice: (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      };
      started.stdout!.on('data', read);
      started.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      started.once('exit', (code) => reject(new Error(`the back office exited with ${code} before it served:\n${out}`)));
    });
  };
  await start();
  return {
    get url() {
      return url;
    },
    env,
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    start,
  };
}
