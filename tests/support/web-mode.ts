/**
 * Starts the POS in web mode (`node src/web/main.ts`) as a real child process and waits for it to
 * print the cashier and customer addresses. Shared by the end-to-end fixtures and the QR latency bench,
 * so both start the POS the same way a shop does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../../src/launch/build-if-stale.ts';

export interface WebMode {
  cashierUrl: string;
  customerUrl: string;
  process: ChildProcess;
  /** Ends the process (SIGTERM) and waits for it to exit; nothing to do if it already has. */
  stop(): Promise<void>;
}

/** `env` is added over the current environment, after POS_DATA_DIR and POS_PORT=0 (any free port). */
export async function startWebMode(dataDir: string, env: Record<string, string> = {}): Promise<WebMode> {
  const child = spawn(process.execPath, [join(ROOT, 'src/web/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, POS_DATA_DIR: dataDir, POS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls: Record<string, string> = {};
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      const match = /^(cashier|customer): (\S+)$/.exec(line);
      if (match) urls[match[1]!] = match[2]!;
      if (urls.cashier && urls.customer) resolve();
    });
  });
  return {
    cashierUrl: urls.cashier!,
    customerUrl: urls.customer!,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
