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

/** The owner every test POS gets: its name and PIN (tests sign in as this owner unless they say otherwise). */
export const TEST_OWNER = { name: 'Owner', pin: '1234' } as const;

/**
 * Signs the owner in at a running web-mode POS, over its own command API with the cashier key: makes
 * the owner first on a new ledger. One step for every test that needs the till open (the session is
 * the till's, so the cashier page shows the owner signed in too).
 */
export async function signInOwner(cashierUrl: string): Promise<{ id: string; name: string }> {
  const url = new URL(cashierUrl);
  const key = url.hash.replace('#key=', '');
  const command = async (name: string, args: object): Promise<{ ok: boolean; value?: unknown; error?: unknown }> => {
    const reply = await fetch(new URL('/api/command', url.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-key': key },
      body: JSON.stringify({ name, args }),
    });
    return (await reply.json()) as { ok: boolean; value?: unknown; error?: unknown };
  };
  const state = (await command('state.get', {})).value as { auth: { needsOwner: boolean; users: Array<{ id: string; name: string; role: string }> } };
  if (state.auth.needsOwner) {
    const made = await command('auth.createOwner', TEST_OWNER);
    if (!made.ok) throw new Error(`could not create the test owner: ${JSON.stringify(made.error)}`);
    return (made.value as { user: { id: string; name: string } }).user;
  }
  const owner = state.auth.users.find((u) => u.role === 'owner' && u.name === TEST_OWNER.name);
  if (!owner) throw new Error('the test POS has no owner named Owner');
  const signed = await command('auth.signIn', { userId: owner.id, pin: TEST_OWNER.pin });
  if (!signed.ok) throw new Error(`could not sign the test owner in: ${JSON.stringify(signed.error)}`);
  return owner;
}
