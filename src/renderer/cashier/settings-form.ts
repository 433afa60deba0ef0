/**
 * The Settings form as pure functions: settings → editable draft, and draft → the patch to save
 * (only fields that changed and are not fixed by the environment). Tested in Node.
 * Tolerates a host that does not send the newer optional fields (allowedAccounts, graceMinutes).
 */
import type { Language, SettingsInput, SettingsView } from '../../shared/contract.ts';

export interface Draft {
  merchantName: string;
  bakongId: string;
  apiBaseUrl: string;
  khrPerUsd: string;
  language: Language;
  /** One account per line. */
  allowedAccounts: string;
  graceMinutes: string;
}

/** Settings as loaded; the newer fields may be missing from an older host. */
export type LoadedSettings = Omit<SettingsView, 'allowedAccounts' | 'graceMinutes'> &
  Partial<Pick<SettingsView, 'allowedAccounts' | 'graceMinutes'>>;

/** "a@b\n\n c@d " → ["a@b", "c@d"] (commas separate too). */
export function parseAccountLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function toDraft(settings: LoadedSettings): Draft {
  return {
    merchantName: settings.merchantName,
    bakongId: settings.bakongId,
    apiBaseUrl: settings.apiBaseUrl,
    khrPerUsd: String(settings.khrPerUsd),
    language: settings.language,
    allowedAccounts: (settings.allowedAccounts ?? []).join('\n'),
    graceMinutes: settings.graceMinutes === undefined ? '' : String(settings.graceMinutes),
  };
}

export type PatchResult = { ok: true; patch: SettingsInput } | { ok: false; invalid: 'khrPerUsd' | 'graceMinutes' };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** The changes to send with settings.save; whole numbers are checked here, the rest by the host. */
export function buildPatch(loaded: LoadedSettings, draft: Draft): PatchResult {
  const editable = (field: keyof SettingsInput) => !loaded.lockedByEnv.includes(field);
  const patch: SettingsInput = {};
  if (editable('merchantName') && draft.merchantName !== loaded.merchantName) patch.merchantName = draft.merchantName;
  if (editable('bakongId') && draft.bakongId !== loaded.bakongId) patch.bakongId = draft.bakongId;
  if (editable('apiBaseUrl') && draft.apiBaseUrl !== loaded.apiBaseUrl) patch.apiBaseUrl = draft.apiBaseUrl;
  if (editable('khrPerUsd') && draft.khrPerUsd.trim() !== String(loaded.khrPerUsd)) {
    const rate = draft.khrPerUsd.trim();
    if (!/^[0-9]{1,9}$/.test(rate)) return { ok: false, invalid: 'khrPerUsd' };
    patch.khrPerUsd = Number(rate);
  }
  if (editable('language') && draft.language !== loaded.language) patch.language = draft.language;
  if (loaded.allowedAccounts !== undefined && editable('allowedAccounts')) {
    const accounts = parseAccountLines(draft.allowedAccounts);
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
  return { ok: true, patch };
}
