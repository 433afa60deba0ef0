/**
 * The users table, and its only writer: the people who use the till (owner, managers, cashiers).
 * Each change is journaled in the same transaction (`user.created`, `user.roleChanged`,
 * `user.deactivated`, `user.pinReset`), and `ledger verify` checks the table against those rows
 * (journal/verify.ts). No secret is here or in a payload: PINs are in the credentials file
 * (src/host/auth/credentials.ts), and a PIN reset is journaled as the fact only.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import { append } from './journal/journal.ts';
import type { Actor, Role } from './journal/events.ts';
import { ledgerWrite } from './write-health.ts';

/** Names are shown on tiles and receipts: 1–40 characters of any script, no control characters. */
export const USER_NAME_MAX = 40;

export function isUserName(name: unknown): name is string {
  return typeof name === 'string' && name.trim() === name && [...name].length >= 1 && name.length <= USER_NAME_MAX
    && !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name.replace(/\u200b/g, ''));
}

export interface User {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  active: number;
}

const toUser = (row: UserRow): User => ({ id: row.id, name: row.name, role: row.role, active: row.active === 1 });

/**
 * A journal actor (`user:<uuid>`) as that user's name now (deactivated users keep theirs), for the
 * printed and on-screen reports: the journal holds ids, names are looked up when shown. null for an
 * actor that is not a user (`system`, `cashier`) or an id no user has.
 */
export function actorNames(db: Db): (actor: string) => string | null {
  const names = namesByActor(db);
  return (actor) => (Object.hasOwn(names, actor) ? names[actor]! : null);
}

/** Every user's name by their journal actor (`user:<uuid>` → name), for a report sent to a screen. */
export function namesByActor(db: Db): Record<string, string> {
  const users = db.prepare('SELECT id, name FROM users').all() as Array<{ id: string; name: string }>;
  return Object.fromEntries(users.map((u) => [`user:${u.id}`, u.name]));
}

/**
 * The users table's change for a `user.*` row (a PIN reset changes nothing here: PINs are in the
 * credentials file): written by the Users methods below, and by the restore's replay of a downloaded
 * row (journal/replay.ts), so both write it the same way.
 */
export function projectUserRow(db: Db, row: { type: string; at: number }, p: { user: string; name?: string; role?: Role; to?: Role }): void {
  if (row.type === 'user.created') {
    db.prepare('INSERT INTO users (id, name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)').run(p.user, p.name, p.role, row.at, row.at);
  } else if (row.type === 'user.roleChanged') {
    db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?').run(p.to, row.at, p.user);
  } else if (row.type === 'user.deactivated') {
    db.prepare('UPDATE users SET active = 0, updated_at = ? WHERE id = ? AND active = 1').run(row.at, p.user);
  }
}

export class Users {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Every user, active first, then by name. */
  all(): User[] {
    return (this.#db.prepare('SELECT id, name, role, active FROM users ORDER BY active DESC, created_at, id').all() as UserRow[]).map(toUser);
  }

  get(id: string): User | null {
    const row = this.#db.prepare('SELECT id, name, role, active FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  /** Whether an active owner exists: without one the till asks for the owner before anything else. */
  hasOwner(): boolean {
    return this.#db.prepare("SELECT 1 FROM users WHERE role = 'owner' AND active = 1").get() !== undefined;
  }

  /** `id` may be chosen by the caller (the credentials are written under it first). */
  create(user: { id?: string; name: string; role: Role }, actor: Actor): User {
    const id = user.id ?? randomUUID();
    ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const payload = { user: id, name: user.name, role: user.role };
      projectUserRow(this.#db, { type: 'user.created', at }, payload);
      append(this.#db, { type: 'user.created', version: 1, payload }, { actor, at });
    }));
    return this.get(id)!;
  }

  changeRole(id: string, role: Role, actor: Actor): User {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      const before = this.get(id)!;
      if (before.role === role) return;
      const at = this.#now();
      const payload = { user: id, from: before.role, to: role };
      projectUserRow(this.#db, { type: 'user.roleChanged', at }, payload);
      append(this.#db, { type: 'user.roleChanged', version: 1, payload }, { actor, at });
    }));
    return this.get(id)!;
  }

  deactivate(id: string, actor: Actor): User {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      projectUserRow(this.#db, { type: 'user.deactivated', at }, { user: id });
      append(this.#db, { type: 'user.deactivated', version: 1, payload: { user: id } }, { actor, at });
    }));
    return this.get(id)!;
  }

  /** Journals that a PIN was set again (the new hash is already in the credentials file). */
  recordPinReset(id: string, via: 'owner' | 'recovery', actor: Actor): void {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      append(this.#db, { type: 'user.pinReset', version: 1, payload: { user: id, via } }, { actor, at: this.#now() });
    }));
  }
}
