/**
 * Who is at the till: the users (owner, managers, cashiers), their PINs, the one signed-in user of
 * this till, and the approval primitive other features use (`approve`). The host keeps one session
 * for the till — every screen of it (the Electron window, or the web page and its tabs) shows the same
 * user, and locking locks them all.
 *
 * Sign-in is by choosing the user, then the PIN: a PIN alone would have to be unique, and refusing
 * a PIN as "taken" tells a cashier someone else's. Wrong PINs slow down (lockout.ts), per user and
 * persisted in the credentials file. PINs and the recovery code are never journaled; the journal
 * records only that a user was made, changed, deactivated or had their PIN reset (users.ts).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { AuthState, UserAdminView, UserView } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { userActor, type Role, type UserActor } from '../ledger/journal/events.ts';
import { TILL_CODE_ALPHABET } from '../ledger/journal/till.ts';
import type { User, Users } from '../ledger/users.ts';
import type { CredentialsStore } from './credentials.ts';
import { waitAfter, waitLeft, type Failures } from './lockout.ts';
import { DEFAULT_SCRYPT, hashSecret, verifySecret, type ScryptParams } from './pin.ts';

export interface AuthOptions {
  users: Users;
  credentials: CredentialsStore;
  now: () => number;
  /** Tests only: cheaper scrypt parameters. Production always uses DEFAULT_SCRYPT. */
  scrypt?: ScryptParams;
  /** The session or the users changed: the screens are told. */
  onChange: () => void;
}

/** 12 characters of the till code's alphabet (no 0/O, 1/I/L): about 58 bits, read easily from paper. */
const RECOVERY_LENGTH = 12;

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_LENGTH; i += 1) code += TILL_CODE_ALPHABET[randomInt(TILL_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** As typed from the paper: any case, spaces and dashes ignored. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const view = (user: User): UserView => ({ id: user.id, name: user.name, role: user.role });

export class Auth {
  readonly #users: Users;
  readonly #credentials: CredentialsStore;
  readonly #now: () => number;
  readonly #scrypt: ScryptParams;
  readonly #onChange: () => void;
  #session: string | null = null;
  /** Users (or 'recovery') with a PIN check under way: a second try waits, so the count of wrong ones cannot be raced. */
  readonly #checking = new Set<string>();

  constructor(options: AuthOptions) {
    this.#users = options.users;
    this.#credentials = options.credentials;
    this.#now = options.now;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#onChange = options.onChange;
  }

  /** The signed-in user (still active), or null when the till is locked. */
  current(): User | null {
    if (this.#session === null) return null;
    const user = this.#users.get(this.#session);
    return user?.active ? user : null;
  }

  /** The journal actor of the signed-in user, or null. */
  actor(): UserActor | null {
    const user = this.current();
    return user ? userActor(user.id) : null;
  }

  /**
   * No active owner can sign in (a new ledger, one upgraded from before issue 9, or a credentials
   * file lost): the till asks for an owner before anything else.
   */
  needsOwner(): boolean {
    return !this.#users.all().some((u) => u.active && u.role === 'owner' && this.#credentials.hasPin(u.id));
  }

  state(): AuthState {
    const user = this.current();
    return {
      user: user ? view(user) : null,
      // Tiles: those who can sign in (active, with a PIN).
      users: this.#users.all().filter((u) => u.active && this.#credentials.hasPin(u.id)).map(view),
      needsOwner: this.needsOwner(),
    };
  }

  /** Every user, for the owner's user management. */
  list(): UserAdminView[] {
    return this.#users.all().map((u) => ({ ...view(u), active: u.active, hasPin: this.#credentials.hasPin(u.id) }));
  }

  /** The first owner (name + PIN), signed in at once; returns the recovery code to show once and print. */
  async createOwner(name: string, pin: string): Promise<{ user: UserView; recoveryCode: string }> {
    if (!this.needsOwner()) throw new PosError('not_allowed', hostMessage('auth.ownerExists'));
    const id = randomUUID();
    // The credential first: were the journal write to fail, an unused hash is left, never a user without a PIN.
    this.#credentials.setPin(id, await hashSecret(pin, this.#scrypt));
    if (!this.needsOwner()) throw new PosError('not_allowed', hostMessage('auth.ownerExists'));
    const user = this.#users.create({ id, name, role: 'owner' }, userActor(id));
    const recoveryCode = await this.#makeRecoveryCode(id);
    this.#session = id;
    this.#onChange();
    return { user: view(user), recoveryCode };
  }

  async signIn(userId: string, pin: string): Promise<UserView> {
    const user = await this.#checkPin(userId, pin);
    this.#session = user.id;
    this.#onChange();
    return view(user);
  }

  lock(): void {
    if (this.#session === null) return;
    this.#session = null;
    this.#onChange();
  }

  /**
   * The approval primitive (docs/architecture.md, "Approvals"): `userId`'s PIN, checked like a sign-in
   * (wrong ones slow down the same way), and their role among `allowedRoles`. Returns the approver;
   * the session does not change. The caller journals its row with the actor (the signed-in user) and
   * the approver's id in the payload.
   */
  async approve(userId: string, pin: string, allowedRoles: readonly Role[]): Promise<User> {
    const candidate = this.#users.get(userId);
    if (candidate?.active && !allowedRoles.includes(candidate.role)) throw new PosError('not_allowed', hostMessage('auth.notApprover'));
    const approver = await this.#checkPin(userId, pin);
    if (!allowedRoles.includes(approver.role)) throw new PosError('not_allowed', hostMessage('auth.notApprover'));
    return approver;
  }

  /** The printed code sets the owner's new PIN (journaled as a reset); the code is used up and a new one made. */
  async recover(code: string, pin: string): Promise<{ user: UserView; recoveryCode: string }> {
    const stored = this.#credentials.recovery();
    if (!stored) throw new PosError('not_found', hostMessage('auth.noRecoveryCode'));
    await this.#guarded('recovery', () => this.#credentials.recoveryFailures(),
      (f) => this.#credentials.setRecoveryFailures(f), () => verifySecret(normalizeRecoveryCode(code), stored.hash), 'auth.wrongRecoveryCode');
    const owner = this.#users.get(stored.user);
    if (!owner?.active || owner.role !== 'owner') throw new PosError('not_found', hostMessage('auth.userNotFound'));
    this.#credentials.setPin(owner.id, await hashSecret(pin, this.#scrypt));
    this.#users.recordPinReset(owner.id, 'recovery', userActor(owner.id));
    const recoveryCode = await this.#makeRecoveryCode(owner.id);
    this.#session = owner.id;
    this.#onChange();
    return { user: view(owner), recoveryCode };
  }

  /**
   * Whether `code` is the current recovery code (checked before it is printed: the screen that showed
   * it sends it back once, and nothing else gets printed as one).
   */
  async isRecoveryCode(code: string): Promise<boolean> {
    const stored = this.#credentials.recovery();
    return stored !== null && verifySecret(normalizeRecoveryCode(code), stored.hash);
  }

  /** A new recovery code for the signed-in owner (the old one stops working). */
  async renewRecoveryCode(): Promise<string> {
    const owner = this.current();
    if (owner?.role !== 'owner') throw new PosError('not_allowed', hostMessage('auth.ownerOnly'));
    return this.#makeRecoveryCode(owner.id);
  }

  async addUser(name: string, role: Role, pin: string): Promise<UserAdminView> {
    const id = randomUUID();
    this.#credentials.setPin(id, await hashSecret(pin, this.#scrypt));
    const user = this.#users.create({ id, name, role }, 'cashier');
    this.#onChange();
    return this.#admin(user);
  }

  setRole(userId: string, role: Role): UserAdminView {
    const user = this.#existing(userId);
    if (user.role === 'owner' && role !== 'owner') this.#keepAnOwner(user.id);
    const changed = this.#users.changeRole(user.id, role, 'cashier');
    this.#onChange();
    return this.#admin(changed);
  }

  async resetPin(userId: string, pin: string): Promise<UserAdminView> {
    const user = this.#existing(userId);
    this.#credentials.setPin(user.id, await hashSecret(pin, this.#scrypt));
    this.#users.recordPinReset(user.id, 'owner', 'cashier');
    this.#onChange();
    return this.#admin(user);
  }

  deactivate(userId: string): UserAdminView {
    const user = this.#existing(userId);
    if (user.role === 'owner') this.#keepAnOwner(user.id);
    const changed = this.#users.deactivate(user.id, 'cashier');
    if (this.#session === user.id) this.#session = null;
    this.#onChange();
    return this.#admin(changed);
  }

  #admin(user: User): UserAdminView {
    return { ...view(user), active: user.active, hasPin: this.#credentials.hasPin(user.id) };
  }

  #existing(userId: string): User {
    const user = this.#users.get(userId);
    if (!user?.active) throw new PosError('not_found', hostMessage('auth.userNotFound'));
    return user;
  }

  /** Refuses to leave the shop without an owner who can sign in. */
  #keepAnOwner(leaving: string): void {
    const others = this.#users.all().filter((u) => u.id !== leaving && u.active && u.role === 'owner' && this.#credentials.hasPin(u.id));
    if (others.length === 0) throw new PosError('not_allowed', hostMessage('auth.lastOwner'));
  }

  async #makeRecoveryCode(ownerId: string): Promise<string> {
    const code = newRecoveryCode();
    this.#credentials.setRecovery({ user: ownerId, hash: await hashSecret(normalizeRecoveryCode(code), this.#scrypt) });
    return code;
  }

  /** The user's PIN, slowed down after wrong ones; returns the (active) user. */
  async #checkPin(userId: string, pin: string): Promise<User> {
    const user = this.#users.get(userId);
    const hash = user?.active ? this.#credentials.pin(user.id) : null;
    if (!user || !hash) throw new PosError('not_found', hostMessage('auth.userNotFound'));
    await this.#guarded(user.id, () => this.#credentials.failures(user.id),
      (f) => this.#credentials.setFailures(user.id, f), () => verifySecret(pin, hash), 'auth.wrongPin');
    return user;
  }

  /**
   * One try of a secret: refused unsaid while a wait is running (the secret is not even checked);
   * a wrong one counts (persisted before answering), a right one clears the count.
   */
  async #guarded(key: string, failures: () => Failures | undefined, setFailures: (f: Failures | null) => void,
    check: () => Promise<boolean>, wrong: 'auth.wrongPin' | 'auth.wrongRecoveryCode'): Promise<true> {
    // The wait names what was wrong: PINs, or the recovery code (its own counter).
    const waitCode = wrong === 'auth.wrongRecoveryCode' ? 'auth.recoveryWait' : 'auth.wait';
    const refuseWait = (ms: number): PosError => new PosError('not_allowed', hostMessage(waitCode, { seconds: Math.ceil(ms / 1000) }));
    if (this.#checking.has(key)) throw refuseWait(1000);
    const left = waitLeft(failures(), this.#now());
    if (left > 0) throw refuseWait(left);
    this.#checking.add(key);
    try {
      if (await check()) {
        setFailures(null);
        return true;
      }
      const count = (failures()?.count ?? 0) + 1;
      setFailures({ count, lastAt: this.#now() });
      const wait = waitAfter(count);
      throw new PosError('not_allowed', wait > 0 ? hostMessage(`${wrong}Wait`, { seconds: Math.ceil(wait / 1000) }) : hostMessage(wrong));
    } finally {
      this.#checking.delete(key);
    }
  }
}
