/**
 * Installs the Electron binary with Electron's own installer (node_modules/electron/install.js, the
 * script `require('electron')` runs on first use since Electron stopped downloading at npm install).
 * Through @electron/get it honours ELECTRON_MIRROR / ELECTRON_CUSTOM_DIR (or the npm config
 * `electron_mirror`), reuses its download cache (electron_config_cache, else the user's cache
 * folder) and checks the archive against the checksums bundled in the package.
 *
 * The installer prints a stack trace when it fails; the shop needs one line saying why, so the
 * trace is kept out of the terminal and turned into a reason here (for a network failure the
 * installer only says "fetch failed", so the mirror is probed once to tell offline from unreachable).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where @electron/get downloads from when no mirror is configured. */
export const DEFAULT_ELECTRON_MIRROR = 'https://github.com/electron/electron/releases/download/';

export type InstallOutcome = { ok: true } | { ok: false; reason: string };

/** The mirror the installer will use, looked up in @electron/get's order (npm config, package config, env). */
export function electronMirror(env: NodeJS.ProcessEnv): string {
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    DEFAULT_ELECTRON_MIRROR
  );
}

export function electronVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the installer in a child Node (this one); resolves with why it failed, if it did. */
export async function installElectron(packageDir: string, env: NodeJS.ProcessEnv = process.env): Promise<InstallOutcome> {
  const stderr = await new Promise<{ code: number | null; text: string } | Error>((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      cwd: packageDir,
      env,
      // Its stdout goes to our stderr: web mode's stdout is exactly its two URL lines.
      stdio: ['ignore', process.stderr, 'pipe'],
    });
    let text = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      text = (text + chunk).slice(-16_384);
    });
    child.on('error', (error) => resolve(error));
    child.on('close', (code) => resolve({ code, text }));
  });
  if (stderr instanceof Error) return { ok: false, reason: `the installer could not be started (${stderr.message})` };
  if (stderr.code === 0) return { ok: true };
  return { ok: false, reason: await explainInstallFailure(stderr.text, electronMirror(env), packageDir) };
}

/** One line, in words, for what the installer's stack trace says (exported for tests). */
export async function explainInstallFailure(
  stderr: string,
  mirror: string,
  packageDir: string,
  probe: (url: string) => Promise<string | null> = probeMirror,
): Promise<string> {
  const http = /Response code (\d{3}) \(([^)]*)\) for (\S+)/.exec(stderr);
  if (/checksum/i.test(stderr)) {
    return 'checksum mismatch: the download does not match the checksum Electron ships with (a damaged download, or a mirror serving other files)';
  }
  if (http) {
    const hint = http[1] === '404' ? ' (is ELECTRON_MIRROR right?)' : '';
    return `the mirror answered HTTP ${http[1]} ${http[2]} for ${http[3]}${hint}`;
  }
  if (/\bENOSPC\b/.test(stderr)) return 'the disk is full';
  if (/\b(EACCES|EPERM|EROFS)\b/.test(stderr)) return `no permission to write in ${packageDir} or the download cache`;
  if (/not available on platform|does not have a published/.test(stderr)) {
    return `Electron publishes no build for this system (${process.platform}/${process.arch})`;
  }
  if (/fetch failed|\bE(CONN[A-Z]+|NOTFOUND|AI_AGAIN|TIMEDOUT|NETUNREACH|HOSTUNREACH|PIPE)\b|UND_ERR|socket hang up|terminated/.test(stderr)) {
    return (await probe(mirror)) ?? `the download from ${hostOf(mirror)} broke off (the connection dropped; try again)`;
  }
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => /Error\b/.test(l)) ?? stderr.trim().split('\n')[0] ?? '';
  return line ? `the installer failed: ${line.slice(0, 200)}` : 'the installer failed without saying why';
}

/** The host part of a mirror URL, for messages (the text itself if it is not a URL). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Tries to reach the mirror once; null when it answers (any HTTP status), else why not. */
export async function probeMirror(mirror: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(mirror);
  } catch {
    return `ELECTRON_MIRROR is not a URL: ${mirror}`;
  }
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    await response.body?.cancel();
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error as Error).name;
    switch (code) {
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `offline: cannot look up ${url.hostname} (no internet, or no DNS)`;
      case 'ENETUNREACH':
      case 'EHOSTUNREACH':
      case 'ENETDOWN':
        return `offline: no network route to ${url.hostname}`;
      case 'ECONNREFUSED':
        return `the mirror ${url.host} is unreachable (connection refused)`;
      case 'ECONNRESET':
        return `the mirror ${url.host} cut the connection (a firewall or proxy?)`;
      case 'TimeoutError':
      case 'ETIMEDOUT':
      case 'UND_ERR_CONNECT_TIMEOUT':
        return `the mirror ${url.host} did not answer (offline, or blocked by a firewall)`;
      default:
        if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
          return `the certificate of ${url.host} was not accepted (${code}: a proxy in between, or a wrong clock?)`;
        }
        return `the mirror ${url.host} is unreachable (${code})`;
    }
  }
}
