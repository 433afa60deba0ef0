/** Real servers on loopback for tests: the sandbox simulator over HTTP, and a POS host pointed at it. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { createHost, type Host, type HostOptions } from '../../src/host/host.ts';
import { startSandboxServer } from '../../src/sandbox/server.ts';
import { Sandbox, type SandboxOptions } from '../../src/sandbox/simulator.ts';
import { TrainingSandbox, trainingMode } from '../../src/sandbox/training.ts';
import { tempDir } from './temp.ts';
import { TEST_SCRYPT } from './users.ts';

type After = Pick<TestContext, 'after'>;

/** Far above any real close on a loaded machine: only a close that will never settle reaches it. */
const CLOSE_LIMIT_MS = 120_000;

/**
 * `host.close()`, failing the test in words if it has not settled in `ms`: a close that never ends
 * would otherwise leave the test file's process waiting, silent, until CI's own limit. The message
 * names what is still open, to find what the close forgot.
 */
async function closeWithin(host: Host, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`host.close() had not settled after ${ms / 1000} s; still open: ${process.getActiveResourcesInfo().join(', ')}`)), ms);
    timer.unref();
  });
  try {
    await Promise.race([host.close(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startSandbox(t: After, options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; url: string }> {
  const sandbox = new Sandbox(options);
  const running = await startSandboxServer(sandbox);
  t.after(() => running.close());
  return { sandbox, url: running.url };
}

/**
 * A host with its own data directory. `env` adds to it (POS_BAKONG_API_URL etc.). Training mode is
 * the sandbox adapter the launchers pass, unless `options.training` says otherwise. PINs are hashed
 * cheaply (TEST_SCRYPT) unless `options.scrypt` says otherwise; no one is signed in (users.ts signInAs).
 */
export function startHost(t: After, env: Record<string, string> = {}, options: Partial<Omit<HostOptions, 'env'>> = {}): Host {
  const fullEnv = { POS_DATA_DIR: tempDir(t), ...env };
  const host = createHost({ training: trainingMode(fullEnv), scrypt: TEST_SCRYPT, ...options, env: fullEnv });
  t.after(() => closeWithin(host, CLOSE_LIMIT_MS));
  return host;
}

/** A training-mode host and the simulator its trainees pay through (to count requests, set faults...). */
export function startTrainingHost(t: After, env: Record<string, string> = {}, options: Partial<Omit<HostOptions, 'env' | 'training'>> = {}): { host: Host; sandbox: Sandbox } {
  const host = startHost(t, env, options);
  if (!(host.training instanceof TrainingSandbox)) throw new Error('expected the sandbox training adapter');
  return { host, sandbox: host.training.sandbox };
}

/** A loopback HTTP server whose every answer the test decides: for APIs that misbehave. */
export async function startScriptedServer(
  t: After,
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
