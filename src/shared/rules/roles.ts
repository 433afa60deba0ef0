/**
 * Who may change each setting (README, "Who may do what"), shared by the host, which enforces it in
 * its command layer, and the Settings screen, which shows what the signed-in user may not change as
 * read-only. Where the money goes (the Bakong account, the API and its key, the allowed accounts), the
 * rate and the printer: the owner only. The shop's wording and housekeeping: the owner or a manager.
 * The screen's language: anyone signed in. The cash drawer's settings and the idle lock are the owner's.
 */
import type { Role, SettingsInput } from '../contract.ts';

export const SETTING_ROLES: { readonly [K in keyof Required<SettingsInput>]: readonly Role[] } = {
  merchantName: ['owner', 'manager'],
  bakongId: ['owner'],
  apiBaseUrl: ['owner'],
  khrPerUsd: ['owner'],
  language: ['owner', 'manager', 'cashier'],
  allowedAccounts: ['owner'],
  graceMinutes: ['owner', 'manager'],
  printer: ['owner'],
  paperWidth: ['owner'],
  receiptHeader: ['owner', 'manager'],
  receiptFooter: ['owner', 'manager'],
  backupsKept: ['owner', 'manager'],
  drawerEnabled: ['owner'],
  drawerPin: ['owner'],
  drawerPulseOnMs: ['owner'],
  drawerPulseOffMs: ['owner'],
  autoLockMinutes: ['owner'],
};

export function mayChangeSetting(role: Role, key: keyof SettingsInput): boolean {
  return SETTING_ROLES[key].includes(role);
}
