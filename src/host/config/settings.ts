/**
 * Settings live in the ledger database (so a backup of the data directory is a backup of the shop),
 * are validated here whatever screen or transport sent them, and are overlaid by the environment
 * overrides, which win and are shown read-only.
 */
import type { Language, SettingsInput, SettingsView } from '../../shared/contract.ts';
import type { Db } from '../ledger/database.ts';
import { formatPrinterSetting, parsePrinterSetting } from '../printing/transports/printer-setting.ts';
import { ConfigError, parseApiBaseUrl } from './api-url.ts';

export interface Settings {
  merchantName: string;
  bakongId: string;
  apiBaseUrl: string;
  khrPerUsd: number;
  language: Language;
  allowedAccounts: string[];
  graceMinutes: number;
  printer: string;
  paperWidth: 58 | 80;
  receiptHeader: string[];
  receiptFooter: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  merchantName: 'My Shop',
  bakongId: '',
  apiBaseUrl: '',
  khrPerUsd: 4000,
  language: 'en',
  allowedAccounts: [],
  graceMinutes: 5,
  printer: 'none',
  paperWidth: 80,
  receiptHeader: [],
  receiptFooter: ['Thank you! · អរគុណ!'],
};

/** The account training-mode QRs pay when no Bakong ID is configured: never a real one. */
export const TRAINING_BAKONG_ID = 'training@sandbox';

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/** KHQR tag 59 holds at most 25 characters; tag 29/30.00 at most 32. */
const MAX_NAME = 25;
const MAX_ACCOUNT = 32;

/** Validates one patch strictly: unknown keys, wrong types and out-of-range values are refused. */
export function validateSettingsInput(input: unknown): SettingsInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('settings must be an object');
  }
  const out: SettingsInput = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'merchantName': {
        const name = requireString(key, value).trim();
        if ([...name].length < 1 || [...name].length > MAX_NAME) {
          throw new ConfigError(`Merchant name must be 1 to ${MAX_NAME} characters (it is printed in the KHQR)`);
        }
        if (/[\u0000-\u001f\u007f]/.test(name)) throw new ConfigError('Merchant name must not contain control characters');
        out.merchantName = name;
        break;
      }
      case 'bakongId': {
        const id = requireString(key, value).trim();
        out.bakongId = id === '' ? '' : checkAccountId(id);
        break;
      }
      case 'allowedAccounts': {
        if (!Array.isArray(value) || value.length > 10) throw new ConfigError('Allowed accounts must be a list of at most 10');
        out.allowedAccounts = [...new Set(value.map((item) => checkAccountId(requireString(key, item).trim())))];
        break;
      }
      case 'apiBaseUrl': {
        const url = requireString(key, value).trim();
        out.apiBaseUrl = url === '' ? '' : parseApiBaseUrl(url);
        break;
      }
      case 'khrPerUsd': {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 10000) {
          throw new ConfigError('KHR per USD must be a whole number of riel between 1,000 and 10,000');
        }
        out.khrPerUsd = value;
        break;
      }
      case 'graceMinutes': {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 60) {
          throw new ConfigError('Late-payment grace must be a whole number of minutes from 1 to 60');
        }
        out.graceMinutes = value;
        break;
      }
      case 'printer': {
        const setting = requireString(key, value).trim();
        try {
          out.printer = formatPrinterSetting(parsePrinterSetting(setting));
        } catch (error) {
          throw new ConfigError(`Printer: ${(error as Error).message}`);
        }
        break;
      }
      case 'paperWidth': {
        if (value !== 58 && value !== 80) throw new ConfigError('Paper width must be 58 or 80 (mm)');
        out.paperWidth = value;
        break;
      }
      case 'receiptHeader':
      case 'receiptFooter': {
        if (!Array.isArray(value) || value.length > 6) throw new ConfigError('Receipt header and footer have at most 6 lines');
        const lines = value.map((line) => requireString(key, line).trim());
        if (lines.some((line) => [...line].length > 48 || /[\u0000-\u001f\u007f]/.test(line))) {
          throw new ConfigError('Each receipt line has at most 48 characters and no control characters');
        }
        out[key] = lines.filter((line) => line !== '');
        break;
      }
      case 'language': {
        if (value !== 'en' && value !== 'km') throw new ConfigError('Language must be "en" or "km"');
        out.language = value;
        break;
      }
      default:
        throw new ConfigError(`Unknown setting "${key}"`);
    }
  }
  return out;
}

function checkAccountId(id: string): string {
  if (!/^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+$/.test(id)) {
    throw new ConfigError(`A Bakong account ID looks like name@bank, e.g. myshop@aclb (got "${id}")`);
  }
  if (id.length > MAX_ACCOUNT) throw new ConfigError(`A Bakong account ID has at most ${MAX_ACCOUNT} characters`);
  return id;
}

function requireString(key: string, value: unknown): string {
  if (typeof value !== 'string') throw new ConfigError(`${key} must be text`);
  return value;
}

export class SettingsStore {
  readonly #db: Db;
  readonly #overrides: SettingsInput;

  constructor(db: Db, overrides: SettingsInput) {
    this.#db = db;
    this.#overrides = validateSettingsInput(overrides);
  }

  /** The settings in force: defaults, then what the owner saved, then the environment. */
  current(): Settings {
    const stored: Partial<Settings> = {};
    const rows = this.#db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    for (const row of rows) {
      if (!(KEYS as string[]).includes(row.key)) continue;
      try {
        Object.assign(stored, validateSettingsInput({ [row.key]: JSON.parse(row.value) }));
      } catch {
        // A damaged value falls back to its default rather than stopping the till.
      }
    }
    return { ...DEFAULT_SETTINGS, ...stored, ...this.#overrides };
  }

  view(): SettingsView {
    return { ...this.current(), lockedByEnv: Object.keys(this.#overrides) as SettingsView['lockedByEnv'] };
  }

  save(input: unknown): SettingsView {
    const patch = validateSettingsInput(input);
    // A form may send a locked field back unchanged; only an attempt to change it is an error.
    const overrides = this.#overrides as Record<string, unknown>;
    const locked = Object.entries(patch).filter(([key, value]) => key in overrides && overrides[key] !== value);
    if (locked.length > 0) throw new ConfigError(`Set by the environment, cannot be changed here: ${locked.map(([key]) => key).join(', ')}`);
    const upsert = this.#db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (!(key in overrides)) upsert.run(key, JSON.stringify(value), Date.now());
      }
    })();
    return this.view();
  }
}
