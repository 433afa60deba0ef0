/**
 * Signing in for host tests. PINs are hashed with cheap scrypt parameters here (TEST_SCRYPT, passed to
 * the host explicitly by startHost): the default parameters cost about 100 ms a hash on purpose, and
 * tests/host/auth/pin.test.ts proves those defaults are what a host stores when not told otherwise.
 */
import type { Role, UserView } from '../../src/shared/contract.ts';
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
