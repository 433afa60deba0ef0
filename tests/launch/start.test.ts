/**
 * `npm start` end to end, download included: the real launcher (src/launch/start.ts) runs Electron's
 * real installer (install.js → @electron/get → the zip extractor) against a loopback mirror serving a
 * small stand-in archive — an `electron` shell script that writes a marker file — and its SHASUMS256.txt.
 *
 * The installer checks the archive against the checksums bundled in the electron package, which a
 * stand-in can never match, so THE TEST sets electron_use_remote_checksums (the installer then
 * checks SHASUMS256.txt from the mirror); the launcher never sets it. The installer writes into the
 * package folder, so every test works on a copy of node_modules/electron (POS_ELECTRON_PACKAGE_DIR)
 * with its own download cache and HOME: the real node_modules is never touched.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { before, test, type TestContext } from 'node:test';
import { ROOT, buildIfStale } from '../../src/launch/build-if-stale.ts';
import { electronVersion } from '../../src/launch/electron-install.ts';
import { tempDir } from '../support/temp.ts';
import { storedZip } from '../support/zip.ts';

const REAL_PACKAGE = join(ROOT, 'node_modules', 'electron');
const VERSION = electronVersion(REAL_PACKAGE);
const ARCHIVE = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
/** Where install.js expects the executable inside the archive (its getPlatformPath). */
const EXECUTABLE = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
const skip = process.platform === 'win32' ? 'the stand-in Electron is a shell script' : false;

// Web mode (the fallback) serves the built screens: build once here, not inside a launcher under test.
before(() => buildIfStale());

/** The stand-in Electron: records its arguments in $POS_TEST_ELECTRON_MARKER and exits 0. */
const ARCHIVE_BYTES = storedZip([
  { name: EXECUTABLE, mode: 0o755, data: '#!/bin/sh\nprintf \'%s\\n\' "$@" > "$POS_TEST_ELECTRON_MARKER"\n' },
  { name: 'version', data: VERSION },
]);

interface Mirror {
  url: string;
  requests: string[];
}

/** A loopback mirror laid out like the real one: <mirror>v<version>/<file>. */
async function startMirror(t: TestContext, shasums = `${sha256(ARCHIVE_BYTES)} *${ARCHIVE}\n`): Promise<Mirror> {
  const requests: string[] = [];
  const files = new Map<string, Buffer>([
    [`/v${VERSION}/${ARCHIVE}`, ARCHIVE_BYTES],
    [`/v${VERSION}/SHASUMS256.txt`, Buffer.from(shasums)],
  ]);
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    res.end(body ?? 'not found');
  });
  await listen(server);
  t.after(() => close(server));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

/** A mirror URL nothing listens on (a port that was just free). */
async function downMirror(): Promise<string> {
  const server = createServer();
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  await close(server);
  return `http://127.0.0.1:${port}/`;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Shop {
  dir: string;
  packageDir: string;
  marker: string;
  env: NodeJS.ProcessEnv;
}

/** A copy of the electron package (without any binary), and an environment pointing the installer at `mirror`. */
function shop(t: TestContext, mirror: string): Shop {
  const dir = tempDir(t, 'pos-start-');
  const packageDir = join(dir, 'node_modules', 'electron');
  cpSync(REAL_PACKAGE, packageDir, {
    recursive: true,
    filter: (source) => !['dist', 'path.txt'].includes(source.slice(REAL_PACKAGE.length + 1)),
  });
  mkdirSync(join(dir, 'home'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The machine's own Electron settings (an npm config mirror, a binary path) must not leak in.
    if (/^(npm_config_electron_|npm_package_config_electron_|electron_)/i.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, {
    POS_ELECTRON_PACKAGE_DIR: packageDir,
    // The copy sits outside the project: let its require('@electron/get') find the project's packages.
    NODE_PATH: join(ROOT, 'node_modules'),
    ELECTRON_MIRROR: mirror,
    electron_use_remote_checksums: '1',
    electron_config_cache: join(dir, 'cache'),
    ELECTRON_GET_NO_PROGRESS: '1',
    HOME: join(dir, 'home'),
    POS_DATA_DIR: join(dir, 'data'),
    POS_PORT: '0',
    POS_TEST_ELECTRON_MARKER: join(dir, 'electron-ran.txt'),
  });
  return { dir, packageDir, marker: join(dir, 'electron-ran.txt'), env };
}

interface Run {
  code: number | null;
  stderr: string;
  /** The cashier URL when the launcher fell back to web mode (it is then stopped), else null. */
  webMode: string | null;
}

/**
 * Runs `npm start`'s script until it ends (the stand-in Electron exits at once) or until web mode
 * prints its cashier URL (then stops it), so a wrong turn fails an assertion instead of hanging.
 */
function runLauncher(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'src/launch/start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let webMode: string | null = null;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^cashier: (\S+)$/.exec(line);
      if (match && !webMode) {
        webMode = match[1]!;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, webMode }));
  });
}

/** The launcher's one line saying why it started web mode (asserting there is exactly one). */
function fallbackLine(run: Run): string {
  assert.ok(run.webMode, `web mode did not start:\n${run.stderr}`);
  assert.match(run.webMode, /^http:\/\/127\.0\.0\.1:\d+\/cashier\/#key=/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const lines = run.stderr.split('\n').filter((line) => line.includes('starting web mode'));
  assert.equal(lines.length, 1, run.stderr);
  return lines[0]!;
}

test('a missing binary is downloaded by Electron\'s installer from the mirror, then started', { skip }, async (t) => {
  const mirror = await startMirror(t);
  const s = shop(t, mirror.url);
  assert.equal(existsSync(join(s.packageDir, 'path.txt')), false, 'the copy starts without a binary');

  const run = await runLauncher(s.env);

  assert.equal(run.webMode, null, `fell back to web mode:\n${run.stderr}`);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(mirror.requests.sort(), [`/v${VERSION}/${ARCHIVE}`, `/v${VERSION}/SHASUMS256.txt`].sort(),
    'the installer fetched the archive and its checksums from the mirror');
  assert.match(run.stderr, new RegExp(`downloading Electron ${VERSION.replaceAll('.', '\\.')} .*from 127\\.0\\.0\\.1:\\d+`));
  assert.match(run.stderr, /Electron installed/);
  const binary = join(s.packageDir, 'dist', EXECUTABLE);
  assert.equal(readFileSync(join(s.packageDir, 'path.txt'), 'utf8'), EXECUTABLE);
  assert.ok(statSync(binary).mode & 0o100, 'the binary was installed executable');
  assert.deepEqual(readFileSync(s.marker, 'utf8').trim().split('\n'), [ROOT], 'the launcher started it with the app folder');
  assert.ok(readdirSync(s.env.electron_config_cache!).length > 0, 'the archive was kept in the download cache');

  // Started again with the binary present: no download at all.
  const again = await runLauncher(s.env);
  assert.equal(again.webMode, null, again.stderr);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(mirror.requests.length, 2, 'no request to the mirror the second time');
  assert.doesNotMatch(again.stderr, /downloading/);
  assert.deepEqual(readFileSync(s.marker, 'utf8').trim().split('\n'), [ROOT]);
});

test('a mirror that is down: web mode starts instead, saying why in one line', { skip }, async (t) => {
  const s = shop(t, await downMirror());

  const run = await runLauncher(s.env);

  assert.match(fallbackLine(run), /^pos: cannot start the Electron app: the mirror 127\.0\.0\.1:\d+ is unreachable \(connection refused\); starting web mode instead\.$/);
  assert.equal(existsSync(join(s.packageDir, 'path.txt')), false);
  assert.equal(existsSync(s.marker), false);
});

test('an archive that does not match its checksum is not installed: web mode, saying so', { skip }, async (t) => {
  const mirror = await startMirror(t, `${'0'.repeat(64)} *${ARCHIVE}\n`);
  const s = shop(t, mirror.url);

  const run = await runLauncher(s.env);

  assert.match(fallbackLine(run), /^pos: cannot start the Electron app: checksum mismatch: .*; starting web mode instead\.$/);
  assert.equal(existsSync(join(s.packageDir, 'path.txt')), false);
  assert.equal(existsSync(s.marker), false);
});

test('a mirror without this version: web mode, naming the HTTP status and the URL', { skip }, async (t) => {
  const mirror = await startMirror(t);
  const s = shop(t, `${mirror.url}nothing-here/`);

  const run = await runLauncher(s.env);

  assert.match(fallbackLine(run),
    /^pos: cannot start the Electron app: the mirror answered HTTP 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/nothing-here\/v[\d.]+\/\S+ \(is ELECTRON_MIRROR right\?\); starting web mode instead\.$/);
});
