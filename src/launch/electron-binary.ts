/**
 * Finds the Electron binary without triggering its download (requiring the `electron` package
 * runs its installer, which fails offline with a stack trace): ELECTRON_EXEC_PATH, else the
 * package's path.txt and dist/<that path>, if the file is really there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The `electron` npm package folder: node_modules/electron, or POS_ELECTRON_PACKAGE_DIR (tests
 * point it at a copy, so a test download never touches the real node_modules).
 */
export function electronPackageDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.POS_ELECTRON_PACKAGE_DIR?.trim();
  return override ? resolve(override) : join(root, 'node_modules', 'electron');
}

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pkg = electronPackageDir(root, env);
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
