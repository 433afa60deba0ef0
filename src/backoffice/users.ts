/** The back office's people: the owner(s) and read-only accountants, each with a scrypt-hashed password. */
import type { Pool } from './db.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export const ROLES = ['owner', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export class UserProblem extends Error {
  override name = 'UserProblem';
}

export async function addUser(pool: Pool, name: string, role: Role, password: string): Promise<void> {
  if (name.trim().length === 0 || name.length > 100) throw new UserProblem('the name must be 1 to 100 characters');
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new UserProblem(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(password);
  const { rowCount } = await pool.query(
    'INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
    [name, role, hash],
  );
  if (rowCount !== 1) throw new UserProblem(`a user named "${name}" already exists`);
}
