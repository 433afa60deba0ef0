/**
 * The credentials store: POS_DATA_DIR/credentials.json, a small private file (0600) kept OUTSIDE the
 * ledger, so no PIN hash, recovery-code hash or API key is ever in the ledger file, its journal, an
 * export or a backup (`ledger backup` and the daily backups copy the ledger file only).
 *
 * JSON rather than a second SQLite file: a few users, written rarely (a PIN set, a wrong PIN, a key
 * saved), read whole. Every write replaces the file atomically: the new content goes to a temporary
 * file beside it (0600, fsynced), which is then renamed over it, so a crash leaves the old file or
 * the new one, never half of one.
 *
 * Losing this file (or restoring a ledger on a new PC without it) loses the PINs, not the shop:
 * the users stay in the ledger and the owner is asked to set a PIN again (README, "Roles").
 */
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isPinHash, type PinHash } from './pin.ts';
import type { Failures } from './lockout.ts';

export const CREDENTIALS_FILE = 'credentials.json';

interface CredentialsData {
  format: 1;
  /** PIN hash by user id. */
  pins: Record<string, PinHash>;
  /** Wrong PINs in a row, by user id (cleared by a right one). */
  failures: Record<string, Failures>;
  /** The owner's recovery code, hashed like a PIN, and whose PIN it resets; null until made. */
  recovery: { user: string; hash: PinHash } | null;
  /** Wrong recovery codes in a row (slowed down like wrong PINs). */
  recoveryFailures: Failures | null;
  /** The hosted API's key as the owner saved it in Settings (POS_BAKONG_API_KEY, when set, wins). */
  apiKey: string | null;
}

const EMPTY: CredentialsData = { format: 1, pins: {}, failures: {}, recovery: null, recoveryFailures: null, apiKey: null };

export class CredentialsStore {
  readonly path: string;
  #data: CredentialsData;

  constructor(dataDir: string) {
    this.path = join(dataDir, CREDENTIALS_FILE);
    this.#data = read(this.path);
  }

  pin(userId: string): PinHash | null {
    return this.#data.pins[userId] ?? null;
  }

  hasPin(userId: string): boolean {
    return Object.hasOwn(this.#data.pins, userId);
  }

  setPin(userId: string, hash: PinHash): void {
    this.#write({ ...this.#data, pins: { ...this.#data.pins, [userId]: hash }, failures: without(this.#data.failures, userId) });
  }

  failures(userId: string): Failures | undefined {
    return this.#data.failures[userId];
  }

  setFailures(userId: string, failures: Failures | null): void {
    if (failures === null && !this.#data.failures[userId]) return;
    this.#write({ ...this.#data, failures: failures === null ? without(this.#data.failures, userId) : { ...this.#data.failures, [userId]: failures } });
  }

  recovery(): { user: string; hash: PinHash } | null {
    return this.#data.recovery;
  }

  setRecovery(recovery: { user: string; hash: PinHash } | null): void {
    this.#write({ ...this.#data, recovery, recoveryFailures: null });
  }

  recoveryFailures(): Failures | undefined {
    return this.#data.recoveryFailures ?? undefined;
  }

  setRecoveryFailures(failures: Failures | null): void {
    this.#write({ ...this.#data, recoveryFailures: failures });
  }

  apiKey(): string | null {
    return this.#data.apiKey;
  }

  setApiKey(key: string | null): void {
    if (key === this.#data.apiKey) return;
    this.#write({ ...this.#data, apiKey: key });
  }

  #write(next: CredentialsData): void {
    const temp = `${this.path}.tmp`;
    rmSync(temp, { force: true });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(next, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The umask can only take bits away from 0600; said again in case the file system ignored the mode.
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
    this.#data = next;
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** The file as stored; missing means no credentials yet. A damaged entry is dropped (its user sets a PIN again). */
function read(path: string): CredentialsData {
  if (!existsSync(path)) return structuredClone(EMPTY);
  let raw: Partial<CredentialsData>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<CredentialsData>;
  } catch (error) {
    // Not silently replaced: the owner would lose every PIN. Starting stops with the reason.
    throw new Error(`${path} is not readable JSON (${(error as Error).message}); move it away to set PINs again`, { cause: error });
  }
  const pins: Record<string, PinHash> = {};
  for (const [id, hash] of Object.entries(raw.pins ?? {})) if (isPinHash(hash)) pins[id] = hash;
  const failures: Record<string, Failures> = {};
  for (const [id, f] of Object.entries(raw.failures ?? {})) if (isFailures(f)) failures[id] = f;
  return {
    format: 1,
    pins,
    failures,
    recovery: typeof raw.recovery?.user === 'string' && isPinHash(raw.recovery.hash) ? { user: raw.recovery.user, hash: raw.recovery.hash } : null,
    recoveryFailures: isFailures(raw.recoveryFailures) ? raw.recoveryFailures : null,
    apiKey: typeof raw.apiKey === 'string' && raw.apiKey !== '' ? raw.apiKey : null,
  };
}

function isFailures(value: unknown): value is Failures {
  const v = value as Partial<Failures> | null;
  return typeof v === 'object' && v !== null && Number.isSafeInteger(v.count) && Number.isSafeInteger(v.lastAt);
}
