/**
 * The Settings form as pure functions: settings → editable draft, and draft → the patch to save
 * (only fields that changed and are not fixed by the environment). Tested in Node.
 * Tolerates a host that does not send the newer optional fields (allowedAccounts, graceMinutes, and
 * the printer ones).
 */
import type { Language, SettingsInput, SettingsView } from '../../shared/contract.ts';
import { areAllowedAccounts, isAccountId } from '../../shared/rules/account-id.ts';
import { isDrawerPulseOffMs, isDrawerPulseOnMs } from '../../shared/rules/drawer.ts';
import { checkReceiptLines, joinPrinterSetting, splitPrinterSetting } from './printer-form.ts';

export interface Draft {
  merchantName: string;
  bakongId: string;
  apiBaseUrl: string;
  khrPerUsd: string;
  language: Language;
  /** One account per line. */
  allowedAccounts: string;
  graceMinutes: string;
  backupsKept: string;
  autoLockMinutes: string;
  /** 'none' | 'usb' | 'usb:vvvv:pppp' | 'file' (then `printerFolder` says where). */
  printerChoice: string;
  printerFolder: string;
  paperWidth: '58' | '80';
  /** One receipt line per row. */
  receiptHeader: string;
  receiptFooter: string;
  /** The cash drawer on the printer's kick-out port (DrawerSection.tsx). */
  drawerEnabled: boolean;
  drawerPin: '2' | '5' | 'both';
  drawerPulseOnMs: string;
  drawerPulseOffMs: string;
}

type NewerField = 'allowedAccounts' | 'graceMinutes' | 'backupsKept' | 'autoLockMinutes' | 'printer' | 'paperWidth' | 'receiptHeader' | 'receiptFooter'
  | 'drawerEnabled' | 'drawerPin' | 'drawerPulseOnMs' | 'drawerPulseOffMs' | 'apiKeySet' | 'apiKeyFromEnv';

/** Settings as loaded; the newer fields may be missing from an older host. */
export type LoadedSettings = Omit<SettingsView, NewerField> & Partial<Pick<SettingsView, NewerField>>;

/** A field the form can refuse before sending it. */
export type InvalidField =
  | 'bakongId' | 'allowedAccounts' | 'khrPerUsd' | 'graceMinutes' | 'backupsKept' | 'autoLockMinutes' | 'printerFolder' | 'receiptHeader' | 'receiptFooter'
  | 'drawerPulseOnMs' | 'drawerPulseOffMs';

/** "a@b\n\n c@d " → ["a@b", "c@d"] (commas separate too). */
export function parseAccountLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function toDraft(settings: LoadedSettings): Draft {
  const printer = splitPrinterSetting(settings.printer ?? 'none');
  return {
    merchantName: settings.merchantName,
    bakongId: settings.bakongId,
    apiBaseUrl: settings.apiBaseUrl,
    khrPerUsd: String(settings.khrPerUsd),
    language: settings.language,
    allowedAccounts: (settings.allowedAccounts ?? []).join('\n'),
    graceMinutes: settings.graceMinutes === undefined ? '' : String(settings.graceMinutes),
    backupsKept: settings.backupsKept === undefined ? '' : String(settings.backupsKept),
    autoLockMinutes: settings.autoLockMinutes === undefined ? '' : String(settings.autoLockMinutes),
    printerChoice: printer.choice,
    printerFolder: printer.folder,
    paperWidth: settings.paperWidth === 58 ? '58' : '80',
    receiptHeader: (settings.receiptHeader ?? []).join('\n'),
    receiptFooter: (settings.receiptFooter ?? []).join('\n'),
    drawerEnabled: settings.drawerEnabled ?? false,
    drawerPin: settings.drawerPin === undefined ? '2' : (String(settings.drawerPin) as Draft['drawerPin']),
    drawerPulseOnMs: settings.drawerPulseOnMs === undefined ? '' : String(settings.drawerPulseOnMs),
    drawerPulseOffMs: settings.drawerPulseOffMs === undefined ? '' : String(settings.drawerPulseOffMs),
  };
}

export type PatchResult = { ok: true; patch: SettingsInput } | { ok: false; invalid: InvalidField };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * The changes to send with settings.save. Account IDs (the shared rule, src/shared/rules/account-id.ts)
 * and whole numbers are checked here, so the owner hears at once; the host checks everything again.
 */
export function buildPatch(loaded: LoadedSettings, draft: Draft): PatchResult {
  const editable = (field: keyof SettingsInput) => !loaded.lockedByEnv.includes(field);
  const patch: SettingsInput = {};
  if (editable('merchantName') && draft.merchantName !== loaded.merchantName) patch.merchantName = draft.merchantName;
  if (editable('bakongId') && draft.bakongId !== loaded.bakongId) {
    const id = draft.bakongId.trim();
    if (id !== '' && !isAccountId(id)) return { ok: false, invalid: 'bakongId' };
    patch.bakongId = draft.bakongId;
  }
  if (editable('apiBaseUrl') && draft.apiBaseUrl !== loaded.apiBaseUrl) patch.apiBaseUrl = draft.apiBaseUrl;
  if (editable('khrPerUsd') && draft.khrPerUsd.trim() !== String(loaded.khrPerUsd)) {
    const rate = draft.khrPerUsd.trim();
    if (!/^[0-9]{1,9}$/.test(rate)) return { ok: false, invalid: 'khrPerUsd' };
    patch.khrPerUsd = Number(rate);
  }
  if (editable('language') && draft.language !== loaded.language) patch.language = draft.language;
  if (loaded.allowedAccounts !== undefined && editable('allowedAccounts')) {
    const accounts = parseAccountLines(draft.allowedAccounts);
    if (!areAllowedAccounts(accounts)) return { ok: false, invalid: 'allowedAccounts' };
    if (!sameList(accounts, loaded.allowedAccounts)) patch.allowedAccounts = accounts;
  }
  if (
    loaded.graceMinutes !== undefined &&
    editable('graceMinutes') &&
    draft.graceMinutes.trim() !== String(loaded.graceMinutes)
  ) {
    const minutes = draft.graceMinutes.trim();
    if (!/^[0-9]{1,6}$/.test(minutes)) return { ok: false, invalid: 'graceMinutes' };
    patch.graceMinutes = Number(minutes);
  }
  if (loaded.backupsKept !== undefined && editable('backupsKept') && draft.backupsKept.trim() !== String(loaded.backupsKept)) {
    const kept = draft.backupsKept.trim();
    if (!/^[0-9]{1,3}$/.test(kept)) return { ok: false, invalid: 'backupsKept' };
    patch.backupsKept = Number(kept);
  }
  if (loaded.autoLockMinutes !== undefined && editable('autoLockMinutes') && draft.autoLockMinutes.trim() !== String(loaded.autoLockMinutes)) {
    const minutes = draft.autoLockMinutes.trim();
    if (!/^[0-9]{1,3}$/.test(minutes)) return { ok: false, invalid: 'autoLockMinutes' };
    patch.autoLockMinutes = Number(minutes);
  }
  if (loaded.printer !== undefined && editable('printer')) {
    const printer = joinPrinterSetting({ choice: draft.printerChoice, folder: draft.printerFolder });
    if (printer === null) return { ok: false, invalid: 'printerFolder' };
    if (printer !== loaded.printer) patch.printer = printer;
  }
  if (loaded.paperWidth !== undefined && editable('paperWidth')) {
    const width = draft.paperWidth === '58' ? 58 : 80;
    if (width !== loaded.paperWidth) patch.paperWidth = width;
  }
  for (const field of ['receiptHeader', 'receiptFooter'] as const) {
    const before = loaded[field];
    if (before === undefined || !editable(field)) continue;
    const check = checkReceiptLines(draft[field]);
    if (!check.ok) return { ok: false, invalid: field };
    if (!sameList(check.lines, before)) patch[field] = check.lines;
  }
  if (loaded.drawerEnabled !== undefined) {
    if (editable('drawerEnabled') && draft.drawerEnabled !== loaded.drawerEnabled) patch.drawerEnabled = draft.drawerEnabled;
    const pin = draft.drawerPin === 'both' ? 'both' : draft.drawerPin === '5' ? 5 : 2;
    if (editable('drawerPin') && pin !== loaded.drawerPin) patch.drawerPin = pin;
    const on = Number(draft.drawerPulseOnMs.trim());
    const off = Number(draft.drawerPulseOffMs.trim());
    // The shared rules (src/shared/rules/drawer.ts): even milliseconds within the safe bounds, the rest not shorter than the pulse.
    if (!/^[0-9]{1,4}$/.test(draft.drawerPulseOnMs.trim()) || !isDrawerPulseOnMs(on)) return { ok: false, invalid: 'drawerPulseOnMs' };
    if (!/^[0-9]{1,4}$/.test(draft.drawerPulseOffMs.trim()) || !isDrawerPulseOffMs(off) || off < on) return { ok: false, invalid: 'drawerPulseOffMs' };
    if (editable('drawerPulseOnMs') && on !== loaded.drawerPulseOnMs) patch.drawerPulseOnMs = on;
    if (editable('drawerPulseOffMs') && off !== loaded.drawerPulseOffMs) patch.drawerPulseOffMs = off;
  }
  return { ok: true, patch };
}
