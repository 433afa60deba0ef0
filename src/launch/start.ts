/**
 * `npm start`: the Electron app. Where the Electron binary is not installed (an offline install)
 * it says so in one line and starts web mode instead of failing.
 */
import { spawn } from 'node:child_process';
import { ROOT, buildIfStale } from './build-if-stale.ts';
import { findElectronBinary } from './electron-binary.ts';

const binary = findElectronBinary(ROOT);
if (!binary) {
  console.error('pos: Electron is not installed on this machine (offline install); starting web mode instead.');
  buildIfStale();
  await import('../web/main.ts');
} else {
  buildIfStale();
  const child = spawn(binary, [ROOT], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
