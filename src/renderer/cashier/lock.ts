/**
 * Why a setting is read-only on this screen: fixed by an environment variable at start, or not the
 * signed-in user's to change (src/shared/rules/roles.ts). `false`: editable.
 */
import type { Role, SettingsInput } from '../../shared/contract.ts';
import { SETTING_ROLES } from '../../shared/rules/roles.ts';
import type { MessageKey } from '../i18n/index.ts';

export type Lock = false | 'env' | 'owner' | 'manager';

export function settingLock(field: keyof SettingsInput, lockedByEnv: readonly string[], role: Role | null): Lock {
  if (lockedByEnv.includes(field)) return 'env';
  if (role === null || SETTING_ROLES[field].includes(role)) return false;
  return SETTING_ROLES[field].includes('manager') ? 'manager' : 'owner';
}

export const LOCK_NOTE: Readonly<Record<Exclude<Lock, false>, MessageKey>> = {
  env: 'settings.lockedByEnv',
  owner: 'settings.ownerOnly',
  manager: 'settings.managerOnly',
};
