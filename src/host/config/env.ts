/**
 * Environment overrides, read once at start. They let a deployment or a test fix a setting so the
 * Settings screen cannot change it, and name the one directory the POS writes to.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SettingsInput } from '../../shared/contract.ts';
import { englishText, hostMessage } from '../../shared/messages/index.ts';
import { parseApiBaseUrl } from './api-url.ts';
import { ConfigError } from './config-error.ts';

export interface EnvConfig {
  dataDir: string;
  overrides: SettingsInput;
  /** Optional credential for a hosted-API plan that needs one. Never leaves the host. */
  apiKey: string | null;
}

/** Where the POS keeps its data when POS_DATA_DIR is not set (Electron passes its userData instead). */
export function defaultDataDir(): string {
  return join(homedir(), '.khqr-pos');
}

/** The data directory POS_DATA_DIR names (resolved), or the fallback: shared with the ledger CLI. */
export function readDataDir(env: NodeJS.ProcessEnv = process.env, fallbackDataDir = defaultDataDir()): string {
  return env.POS_DATA_DIR?.trim() ? resolve(env.POS_DATA_DIR.trim()) : fallbackDataDir;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env, fallbackDataDir = defaultDataDir()): EnvConfig {
  const overrides: SettingsInput = {};
  const url = env.POS_BAKONG_API_URL?.trim();
  if (url) {
    try {
      overrides.apiBaseUrl = parseApiBaseUrl(url);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(hostMessage('settings.envInvalid', { variable: 'POS_BAKONG_API_URL', reason: englishText(error.text) }), { cause: error });
    }
  }
  if (env.POS_BAKONG_ID?.trim()) overrides.bakongId = env.POS_BAKONG_ID.trim();
  if (env.POS_MERCHANT_NAME?.trim()) overrides.merchantName = env.POS_MERCHANT_NAME.trim();
  // Checked with the other settings when the store opens (an invalid value stops the start with its reason).
  if (env.POS_PRINTER?.trim()) overrides.printer = env.POS_PRINTER.trim();
  const dataDir = readDataDir(env, fallbackDataDir);
  return { dataDir, overrides, apiKey: env.POS_BAKONG_API_KEY?.trim() || null };
}
