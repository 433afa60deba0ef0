/**
 * Settings live in the ledger database (so a backup of the data directory is a backup of the shop),
 * are validated here whatever screen or transport sent them, and are overlaid by the environment
 * overrides, which win and are shown read-only.
 */
import type { Language, Role, SettingsInput, SettingsView } from '../../shared/contract.ts';
import type { Db } from '../ledger/database.ts';
import { append } from '../ledger/journal/journal.ts';
import { canonicalJson } from '../ledger/journal/canonical.ts';
import type { SettingValue } from '../ledger/journal/events.ts';
import { ledgerWrite } from '../ledger/write-health.ts';
import { formatPrinterSetting, parsePrinterSetting } from '../printing/transports/printer-setting.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { KHR_PER_USD_RANGE, isKhrPerUsd } from '../../shared/cash/rate.ts';
import { ALLOWED_ACCOUNTS_REFUSAL, BAKONG_ID_REFUSAL, areAllowedAccounts, isAccountId } from '../../shared/rules/account-id.ts';
import { DRAWER_PULSE_OFF_MS, DRAWER_PULSE_ON_MS, isDrawerPin, isDrawerPulseOffMs, isDrawerPulseOnMs, type DrawerPin } from '../../shared/rules/drawer.ts';
import { MAX_RECEIPT_LINES, MAX_RECEIPT_LINE_CHARS, MERCHANT_NAME_MAX_LENGTH, isMerchantName, isReceiptLine } from '../../shared/rules/text.ts';
import { mayChangeSetting } from '../../shared/rules/roles.ts';
import { parseApiBaseUrl } from './api-url.ts';
import { ConfigError } from './config-error.ts';

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
  backupsKept: number;
  /** A cash drawer is plugged into the receipt printer's kick-out port (printing/drawer.ts). */
  drawerEnabled: boolean;
  /** The kick-out connector pin its cable uses: 2, 5, or both (pin 2, then pin 5). */
  drawerPin: DrawerPin;
  /** The kick pulse's on time and the rest after it, ms (even; shared/rules/drawer.ts). */
  drawerPulseOnMs: number;
  drawerPulseOffMs: number;
  /** Minutes without a touch or key before the cashier screen locks itself (auth.lock); 0 = never. */
  autoLockMinutes: number;
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
  backupsKept: 14,
  drawerEnabled: false,
  drawerPin: 2,
  drawerPulseOnMs: 100,
  drawerPulseOffMs: 500,
  autoLockMinutes: 5,
};

/** The keys of `patch` that `role` may not change (a form may send a value back unchanged: only a change counts). */
export function settingsRefusedFor(role: Role, patch: SettingsInput, current: Settings): Array<keyof Settings> {
  return (Object.keys(patch) as Array<keyof Settings>).filter((key) =>
    !mayChangeSetting(role, key) && JSON.stringify(patch[key]) !== JSON.stringify(current[key]));
}

/** The account training-mode QRs pay when no Bakong ID is configured: never a real one. */
export const TRAINING_BAKONG_ID = 'training@sandbox';

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

const GRACE_MINUTES = { min: 1, max: 60 };
const BACKUPS_KEPT = { min: 1, max: 365 };
const AUTO_LOCK_MINUTES = { min: 0, max: 120 };
const RECEIPT_LINES = { lines: MAX_RECEIPT_LINES, chars: MAX_RECEIPT_LINE_CHARS };

/**
 * Why each field is refused: the field's catalog message, naming it and what it allows (never the
 * value typed, which the Settings screen still shows in its highlighted field).
 */
const REFUSAL: { [K in keyof Settings]: HostMessage } = {
  merchantName: hostMessage('settings.merchantName', { max: MERCHANT_NAME_MAX_LENGTH }),
  bakongId: BAKONG_ID_REFUSAL,
  apiBaseUrl: hostMessage('settings.apiUrlNotUrl'),
  khrPerUsd: hostMessage('settings.khrPerUsd', KHR_PER_USD_RANGE),
  language: hostMessage('settings.language'),
  allowedAccounts: ALLOWED_ACCOUNTS_REFUSAL,
  graceMinutes: hostMessage('settings.graceMinutes', GRACE_MINUTES),
  printer: hostMessage('settings.printer'),
  paperWidth: hostMessage('settings.paperWidth'),
  receiptHeader: hostMessage('settings.receiptLines', RECEIPT_LINES),
  receiptFooter: hostMessage('settings.receiptLines', RECEIPT_LINES),
  backupsKept: hostMessage('settings.backupsKept', BACKUPS_KEPT),
  drawerEnabled: hostMessage('settings.drawerEnabled'),
  drawerPin: hostMessage('settings.drawerPin'),
  drawerPulseOnMs: hostMessage('settings.drawerPulseOn', DRAWER_PULSE_ON_MS),
  drawerPulseOffMs: hostMessage('settings.drawerPulseOff', DRAWER_PULSE_OFF_MS),
  autoLockMinutes: hostMessage('settings.autoLockMinutes', AUTO_LOCK_MINUTES),
};

const refuse = (key: keyof Settings, cause?: unknown): ConfigError => new ConfigError(REFUSAL[key], cause === undefined ? undefined : { cause });

const isKey = (key: string): key is keyof Settings => (KEYS as string[]).includes(key);

const wholeIn = (value: unknown, range: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

/** Validates one patch strictly: unknown keys, wrong types and out-of-range values are refused. */
export function validateSettingsInput(input: unknown): SettingsInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(hostMessage('settings.notObject'));
  }
  const out: SettingsInput = {};
  for (const [key, value] of Object.entries(input)) {
    if (!isKey(key)) throw new ConfigError(hostMessage('settings.unknownSetting'));
    const text = (item: unknown): string => {
      if (typeof item !== 'string') throw refuse(key);
      return item.trim();
    };
    switch (key) {
      case 'merchantName': {
        const name = text(value);
        if (!isMerchantName(name)) throw refuse(key);
        out.merchantName = name;
        break;
      }
      case 'bakongId': {
        const id = text(value);
        if (id !== '' && !isAccountId(id)) throw refuse(key);
        out.bakongId = id;
        break;
      }
      case 'allowedAccounts': {
        if (!Array.isArray(value)) throw refuse(key);
        const ids = value.map(text);
        if (!areAllowedAccounts(ids)) throw refuse(key);
        out.allowedAccounts = [...new Set(ids)];
        break;
      }
      case 'apiBaseUrl': {
        // parseApiBaseUrl says which of the URL's rules it breaks.
        const url = text(value);
        out.apiBaseUrl = url === '' ? '' : parseApiBaseUrl(url);
        break;
      }
      case 'khrPerUsd': {
        if (!isKhrPerUsd(value)) throw refuse(key);
        out.khrPerUsd = value;
        break;
      }
      case 'graceMinutes': {
        if (!wholeIn(value, GRACE_MINUTES)) throw refuse(key);
        out.graceMinutes = value;
        break;
      }
      case 'backupsKept': {
        if (!wholeIn(value, BACKUPS_KEPT)) throw refuse(key);
        out.backupsKept = value;
        break;
      }
      case 'autoLockMinutes': {
        if (!wholeIn(value, AUTO_LOCK_MINUTES)) throw refuse(key);
        out.autoLockMinutes = value;
        break;
      }
      case 'printer': {
        const setting = text(value);
        try {
          out.printer = formatPrinterSetting(parsePrinterSetting(setting));
        } catch (error) {
          // The printer module's own words, when it has catalog ones; the field's rule otherwise.
          if (error instanceof PosError) throw error;
          throw refuse(key, error);
        }
        break;
      }
      case 'paperWidth': {
        if (value !== 58 && value !== 80) throw refuse(key);
        out.paperWidth = value;
        break;
      }
      case 'receiptHeader':
      case 'receiptFooter': {
        if (!Array.isArray(value) || value.length > MAX_RECEIPT_LINES) throw refuse(key);
        const lines = value.map(text);
        if (!lines.every(isReceiptLine)) throw refuse(key);
        out[key] = lines.filter((line) => line !== '');
        break;
      }
      case 'language': {
        if (value !== 'en' && value !== 'km') throw refuse(key);
        out.language = value;
        break;
      }
      case 'drawerEnabled': {
        if (typeof value !== 'boolean') throw refuse(key);
        out.drawerEnabled = value;
        break;
      }
      case 'drawerPin': {
        if (!isDrawerPin(value)) throw refuse(key);
        out.drawerPin = value;
        break;
      }
      case 'drawerPulseOnMs': {
        if (!isDrawerPulseOnMs(value)) throw refuse(key);
        out.drawerPulseOnMs = value;
        break;
      }
      case 'drawerPulseOffMs': {
        if (!isDrawerPulseOffMs(value)) throw refuse(key);
        out.drawerPulseOffMs = value;
        break;
      }
    }
  }
  return out;
}

/** The pulse's rest is never shorter than the pulse (a printer would stretch it anyway): checked on the settings as they would be saved. */
function checkDrawerPulse(settings: Settings): void {
  if (settings.drawerPulseOffMs < settings.drawerPulseOnMs) throw new ConfigError(hostMessage('settings.drawerPulseOrder'));
}

/** Whether an API key is set, and whether POS_BAKONG_API_KEY set it (the key itself never reaches a view). */
export interface ApiKeyState {
  set(): boolean;
  fromEnv: boolean;
}

const NO_API_KEY: ApiKeyState = { set: () => false, fromEnv: false };

/**
 * One setting saved, as the settings table holds it (its value as JSON text): by `save` below, and by
 * the restore's replay of a downloaded `settings.changed` row (journal/replay.ts, each change's new
 * value at the row's time), so both write it the same way.
 */
export function storeSetting(db: Db, key: string, value: SettingValue, at: number): void {
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(key, JSON.stringify(value), at);
}

export class SettingsStore {
  readonly #db: Db;
  readonly #overrides: SettingsInput;
  readonly #apiKey: ApiKeyState;

  constructor(db: Db, overrides: SettingsInput, apiKey: ApiKeyState = NO_API_KEY) {
    this.#db = db;
    this.#overrides = validateSettingsInput(overrides);
    this.#apiKey = apiKey;
  }

  /** The settings fixed by the environment, as validated. */
  overrides(): SettingsInput {
    return { ...this.#overrides };
  }

  /**
   * Journals the environment's overrides at start (`settings.envOverrides`, actor system) when they
   * differ from the last such row: a restart under the same environment adds nothing. Returns whether
   * a row was written.
   */
  journalOverrides(at: number): boolean {
    const payload = { overrides: this.#overrides as Record<string, SettingValue>, apiKeyFromEnv: this.#apiKey.fromEnv };
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const last = this.#db.prepare(`SELECT payload FROM journal WHERE type = 'settings.envOverrides' ORDER BY seq DESC LIMIT 1`).pluck().get() as string | undefined;
      const none = Object.keys(payload.overrides).length === 0 && !payload.apiKeyFromEnv;
      if (last === undefined ? none : canonicalJson(payload) === last) return false;
      append(this.#db, { type: 'settings.envOverrides', version: 1, payload }, { actor: 'system', at });
      return true;
    }));
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
    return {
      ...this.current(),
      lockedByEnv: Object.keys(this.#overrides) as SettingsView['lockedByEnv'],
      apiKeySet: this.#apiKey.set(),
      apiKeyFromEnv: this.#apiKey.fromEnv,
    };
  }

  save(input: unknown): SettingsView {
    const patch = validateSettingsInput(input);
    // A form may send a locked field back unchanged; only an attempt to change it is an error.
    const overrides = this.#overrides as Record<string, unknown>;
    const locked = Object.entries(patch).filter(([key, value]) => key in overrides && overrides[key] !== value);
    if (locked.length > 0) throw new ConfigError(hostMessage('settings.locked', { fields: locked.map(([key]) => key).join(', ') }));
    checkDrawerPulse({ ...this.current(), ...patch });
    ledgerWrite(this.#db, this.#db.transaction(() => {
      // Journaled with the write: each key whose value changes, old and new, as the signed-in user
      // (settings hold no secret: the API key is kept in the credentials file, outside the ledger).
      const before = this.current() as unknown as Record<string, SettingValue>;
      const at = Date.now();
      const changes: Array<{ key: string; from: SettingValue; to: SettingValue }> = [];
      for (const [key, value] of Object.entries(patch) as Array<[string, SettingValue]>) {
        if (key in overrides) continue;
        storeSetting(this.#db, key, value, at);
        if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes.push({ key, from: before[key] ?? null, to: value });
      }
      if (changes.length > 0) append(this.#db, { type: 'settings.changed', version: 1, payload: { changes } }, { actor: 'cashier', at });
    }));
    return this.view();
  }
}
