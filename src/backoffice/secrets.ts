/**
 * The secrets the back office hands out: till tokens (256 random bits, base64url, kept here as SHA-256
 * only: a token is random, so a fast hash is enough — there is nothing to guess from a dictionary) and
 * pairing codes (XXXX-XXXX-XXXX in the till codes' alphabet, no 0/O, 1/I/L, U/V; the first group finds
 * the code, the other eight characters, about 39 bits, are the secret, guarded by a few attempts).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token's shape: 43 base64url characters (32 bytes). Anything else is not looked up. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface PairingCode {
  id: string;
  secret: string;
  /** As shown to the owner: `ABCD-EFGH-JKMN`. */
  text: string;
}

const randomCode = (length: number): string => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export function newPairingCode(): PairingCode {
  const id = randomCode(4);
  const secret = randomCode(8);
  return { id, secret, text: `${id}-${secret.slice(0, 4)}-${secret.slice(4)}` };
}

/** A code as typed (any case, spaces or dashes between groups) → its id and secret, or null. */
export function parsePairingCode(typed: string): { id: string; secret: string } | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== 12 || [...plain].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return { id: plain.slice(0, 4), secret: plain.slice(4) };
}
