/**
 * `npm start`: the Electron app. Electron no longer downloads its binary at `npm install`, so when
 * the binary is missing this runs Electron's own installer first (src/launch/electron-install.ts:
 * mirror, cache and checksums as Electron does them). Only when that fails (offline, mirror
 * unreachable, checksum mismatch…) does it say why in one line and start web mode instead.
 */
import { spawn } from 'node:child_process';
import { ROOT, buildIfStale } from './build-if-stale.ts';
import { electronPackageDir, findElectronBinary } from './electron-binary.ts';
import { electronMirror, electronVersion, hostOf, installElectron } from './electron-install.ts';

async function electronBinary(): Promise<{ binary: string } | { reason: string }> {
  const found = findElectronBinary(ROOT);
  if (found) return { binary: found };
  if (process.env.ELECTRON_EXEC_PATH) return { reason: `ELECTRON_EXEC_PATH is set to ${process.env.ELECTRON_EXEC_PATH}, which does not exist` };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded' };
  const packageDir = electronPackageDir(ROOT);
  let version: string;
  try {
    version = electronVersion(packageDir);
  } catch {
    return { reason: `the electron package is missing from ${packageDir} (run npm install)` };
  }
  console.error(`pos: downloading Electron ${version} (once, about 100 MB) from ${hostOf(electronMirror(process.env))}…`);
  const outcome = await installElectron(packageDir);
  if (!outcome.ok) return { reason: outcome.reason };
  const installed = findElectronBinary(ROOT);
  if (!installed) return { reason: `the installer finished but left no Electron binary in ${packageDir}` };
  console.error('pos: Electron installed.');
  return { binary: installed };
}

const electron = await electronBinary();
if ('reason' in electron) {
  console.error(`pos: cannot start the Electron app: ${electron.reason}; starting web mode instead.`);
  buildIfStale();
  await import('../web/main.ts');
} else {
  buildIfStale();
  const child = spawn(electron.binary, [ROOT], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
