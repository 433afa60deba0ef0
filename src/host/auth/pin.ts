/**
 * PINs, hashed with scrypt from node:crypto. The parameters (N, r, p), the salt and the key length
 * are stored beside each hash, so a hash made with other parameters (cheaper ones in tests, stronger
 * ones later) still verifies. The defaults take about 100 ms on a counter PC: cheap for the person
 * signing in, slow for someone trying every 4-digit PIN from a stolen credentials file. The work runs
 * on libuv's thread pool (the async scrypt), so the payment watcher keeps running meanwhile.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB of memory per hash, about 100 ms on a counter PC (measured in `npm run bench`). */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A PIN's hash as stored in the credentials file. Never leaves the host; never journaled. */
export interface PinHash {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

/** 4 to 6 digits, nothing else. */
export const PIN_PATTERN = /^[0-9]{4,6}$/;

export function isPin(value: unknown): value is string {
  return typeof value === 'string' && PIN_PATTERN.test(value);
}

function derive(secret: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // scrypt refuses more memory than maxmem (32 MiB by default); leave room above 128·N·r.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<PinHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, params, KEY_BYTES);
  return { alg: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Whether `secret` is the one `stored` was made from (a constant-time comparison). */
export async function verifySecret(secret: string, stored: PinHash): Promise<boolean> {
  if (stored.alg !== 'scrypt') return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(secret, Buffer.from(stored.salt, 'base64'), stored, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function isPinHash(value: unknown): value is PinHash {
  const v = value as Partial<PinHash> | null;
  return typeof v === 'object' && v !== null && v.alg === 'scrypt' && [v.N, v.r, v.p].every((n) => Number.isSafeInteger(n) && (n as number) > 0)
    && typeof v.salt === 'string' && typeof v.hash === 'string';
}
