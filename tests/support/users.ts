/**
 * Signing in for host tests. PINs are hashed with cheap scrypt parameters here (TEST_SCRYPT, passed to
 * the host explicitly by startHost): the default parameters cost about 100 ms a hash on purpose, and
 * tests/host/auth/pin.test.ts proves those defaults are what a host stores when not told otherwise.
 */
import type { CommandName, Role, SettingsInput, UserView } from '../../src/shared/contract.ts';
import type { HostMessageCode } from '../../src/shared/messages/index.ts';
import { COMMAND_NAMES, commandAccess } from '../../src/host/commands.ts';
import { SETTING_ROLES } from '../../src/shared/rules/roles.ts';
import type { Host } from '../../src/host/host.ts';
import type { ScryptParams } from '../../src/host/auth/pin.ts';

export const TEST_SCRYPT: ScryptParams = { N: 16, r: 1, p: 1 };

export const OWNER_PIN = '1234';
export const OTHER_PIN = '5678';

/**
 * Signs `role` in at `host`: makes the owner first when there is none (name "Owner", OWNER_PIN), and
 * for another role adds "<Role> <n>" with OTHER_PIN (as the owner). Returns the signed-in user.
 */
export async function signInAs(host: Host, role: Role = 'owner'): Promise<UserView> {
  let owner = host.auth.state().users.find((u) => u.role === 'owner');
  if (!owner) owner = (await host.auth.createOwner('Owner', OWNER_PIN)).user;
  if (role === 'owner') return host.auth.signIn(owner.id, OWNER_PIN);
  await host.auth.signIn(owner.id, OWNER_PIN);
  const name = `${role[0]!.toUpperCase()}${role.slice(1)} ${host.auth.list().length}`;
  const user = await host.auth.addUser(name, role, OTHER_PIN);
  return host.auth.signIn(user.id, OTHER_PIN);
}

/**
 * One request per thing a cashier may not do, for the refusal tests of both transports: every command
 * whose access is the owner's (or the owner's and a manager's), and settings.save of each setting only
 * the owner may change (with a value unlike the current one). Access is checked before the arguments
 * are read, so a command is refused the same with any arguments.
 */
export function ownerOnlyProbes(): Array<{ name: CommandName; args: Record<string, unknown>; refusal: HostMessageCode }> {
  const probes: Array<{ name: CommandName; args: Record<string, unknown>; refusal: HostMessageCode }> = [];
  for (const name of COMMAND_NAMES) {
    const access = commandAccess(name);
    if (access === 'anyone' || access === 'signedIn') continue;
    probes.push({ name, args: {}, refusal: access.length === 1 ? 'auth.ownerOnly' : 'auth.ownerOrManagerOnly' });
  }
  const changed: SettingsInput = {
    bakongId: 'thief@aclb', apiBaseUrl: 'https://thief.example', allowedAccounts: ['thief@aclb'], khrPerUsd: 4500, printer: 'usb', paperWidth: 58,
    drawerEnabled: true, drawerPin: 5, drawerPulseOnMs: 200, drawerPulseOffMs: 400, autoLockMinutes: 0,
  };
  const ownerOnly = (Object.keys(SETTING_ROLES) as Array<keyof SettingsInput>).filter((key) => !SETTING_ROLES[key].includes('manager'));
  for (const key of ownerOnly) {
    // A setting made owner-only needs a probe value here, or this throws and every refusal test fails.
    if (!(key in changed)) throw new Error(`no probe value for the owner-only setting ${key}`);
    probes.push({ name: 'settings.save', args: { [key]: changed[key] }, refusal: 'auth.ownerOnlySettings' });
  }
  return probes;
}
