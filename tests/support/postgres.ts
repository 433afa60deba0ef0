/**
 * A real PostgreSQL for the back-office tests: Debian's server binaries (/usr/lib/postgresql/<v>/bin,
 * package `postgresql`), started once per test process on 127.0.0.1 with a throwaway data directory,
 * a free port, password (SCRAM) authentication and no Unix socket; a fresh database per `database()`
 * call; stopped and removed when the process ends. Never a mock.
 *
 * PostgreSQL refuses to run as root. When the tests run as root (CI on a fresh machine), initdb and
 * the server run as the unprivileged `postgres` user the Debian package creates (else `nobody`),
 * through util-linux's `setpriv`, in a data directory owned by that user. As a normal user they run as
 * that user. Either way `setpriv --pdeathsig` makes the server stop if the test process dies without
 * cleaning up.
 *
 * Where PostgreSQL is not installed the tests skip with the reason printed; under CI (`CI=1`, set by
 * .ci/run, which installs the package) a missing PostgreSQL is an error, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';

export interface TestPostgres {
  /** Why these tests skip here, or false when PostgreSQL runs. */
  readonly skip: string | false;
  /** A new, empty database; its connection URL (as BACKOFFICE_DATABASE_URL takes it). */
  database(): Promise<string>;
  /**
   * Stops the server (fast shutdown: open connections are cut, open transactions rolled back), runs
   * `whileDown` if given, and starts it again on the same port and data directory: what a
   * PostgreSQL restarted by its operator, or crashed and brought back, looks like to its clients.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

const SUPERUSER = 'pos_test';
const inCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== '0' && process.env.CI !== 'false';

/** The newest installed server's bin folder, or null. POS_TEST_POSTGRES_ROOT replaces Debian's /usr/lib/postgresql. */
function findBinDir(): string | null {
  const root = process.env.POS_TEST_POSTGRES_ROOT || '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return null;
}

function idOf(user: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const hasSetpriv = (): boolean => spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;

/** How to run a PostgreSQL binary: as an unprivileged user when we are root, dying with us where setpriv exists. */
interface Runner {
  owner: { uid: number; gid: number } | null;
  command(bin: string, args: string[]): [string, string[]];
}

function runner(): Runner | string {
  const setpriv = hasSetpriv();
  if (process.getuid?.() !== 0) {
    return { owner: null, command: (bin, args) => (setpriv ? ['setpriv', ['--pdeathsig', 'TERM', '--', bin, ...args]] : [bin, args]) };
  }
  if (!setpriv) return 'running as root, and util-linux\'s setpriv (needed to run PostgreSQL as an unprivileged user) is missing';
  const user = ['postgres', 'nobody'].find((name) => idOf(name));
  const owner = user ? idOf(user) : null;
  if (!owner) return 'running as root, and there is neither a `postgres` nor a `nobody` user to run PostgreSQL as';
  return {
    owner,
    command: (bin, args) => ['setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--pdeathsig', 'TERM', '--', bin, ...args]],
  };
}

/** A free port on 127.0.0.1 (free when asked: a server started on it later may lose a race for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const CHILD_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };

interface Cluster {
  url(database: string): string;
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

async function startCluster(bin: string, run: Runner): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'pos-pg-'));
  const own = (path: string): void => {
    if (run.owner) chownSync(path, run.owner.uid, run.owner.gid);
  };
  own(root);
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  own(pwfile);
  const data = join(root, 'data');
  const [initCmd, initArgs] = run.command(join(bin, 'initdb'), [
    '-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', env: CHILD_ENV, cwd: root });
  rmSync(pwfile, { force: true });
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }

  let server: ChildProcess | null = null;
  const removeAll = (): void => {
    server?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', removeAll);

  const launch = async (port: number): Promise<{ child: ChildProcess; exited: Promise<number | null>; ready: boolean; log: () => string }> => {
    const [cmd, args] = run.command(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      // A throwaway cluster: durability is not what these tests measure.
      '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off',
    ]);
    let log = '';
    const child = spawn(cmd, args, { env: CHILD_ENV, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    server = child;
    const ready = await waitReady(`postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`, exited);
    return { child, exited, ready, log: () => log };
  };

  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = (database: string): string => `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
    let current = await launch(port);
    if (current.ready) {
      return {
        url,
        async restart(whileDown) {
          current.child.kill('SIGINT'); // fast shutdown
          await current.exited;
          await whileDown?.();
          current = await launch(port);
          if (!current.ready) throw new Error(`PostgreSQL did not start again:\n${current.log()}`);
        },
        async stop() {
          current.child.kill('SIGINT'); // fast shutdown
          await current.exited;
          rmSync(root, { recursive: true, force: true });
          process.removeListener('exit', removeAll);
        },
      };
    }
    if (attempt >= 3 || !/could not bind|Address already in use/i.test(current.log())) {
      removeAll();
      throw new Error(`PostgreSQL did not start:\n${current.log()}`);
    }
  }
}

/** Connects until the server answers (true) or exits (false); the server's start-up takes a moment on a busy machine. */
async function waitReady(url: string, exited: Promise<number | null>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + 60_000; // catches a hang only
  while (!gone && Date.now() < until) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

let shared: Promise<TestPostgres> | null = null;

/**
 * PostgreSQL for a plain script (the bench): started now, stopped by `stop()` or when the process
 * exits. Skips (or, under CI, throws) as testPostgres does.
 */
export async function startPostgres(): Promise<TestPostgres & { stop(): Promise<void> }> {
  const bin = findBinDir();
  const run = bin ? runner() : 'PostgreSQL is not installed (no <version>/bin/postgres in /usr/lib/postgresql or POS_TEST_POSTGRES_ROOT; on Debian: apt-get install postgresql)';
  if (typeof run === 'string' || !bin) {
    const reason = typeof run === 'string' ? run : 'PostgreSQL is not installed';
    if (inCi()) throw new Error(`CI must run the back-office tests against PostgreSQL, but ${reason}`);
    const refuse = (): Promise<never> => Promise.reject(new Error(reason));
    return { skip: reason, database: refuse, restart: refuse, stop: async () => undefined };
  }
  const cluster = await startCluster(bin, run);
  let count = 0;
  return {
    skip: false,
    restart: (whileDown) => cluster.restart(whileDown),
    stop: () => cluster.stop(),
    async database() {
      const name = `test_${process.pid}_${++count}`;
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return cluster.url(name);
    },
  };
}

/**
 * The process's PostgreSQL, started on first call and stopped after the last test of the file.
 * Use at the top of a test file: `const postgres = await testPostgres();` then
 * `test('…', { skip: postgres.skip }, async () => { const url = await postgres.database(); … })`.
 */
export function testPostgres(): Promise<TestPostgres> {
  shared ??= (async (): Promise<TestPostgres> => {
    const started = await startPostgres();
    if (started.skip) console.log(`skipping the back-office tests: ${started.skip}`);
    else after(() => started.stop());
    return started;
  })();
  return shared;
}
