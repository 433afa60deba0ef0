/**
 * The journal's canonical bytes (docs/journal.md, "Canonical JSON" and "The hashed bytes"). A row's
 * payload is stored as exactly these bytes, and a verifier hashes what is stored — it never
 * serialises again — so the same row gives the same hash in any language and any version.
 *
 * Canonical JSON: objects with keys sorted (keys are ASCII letters, digits and `_`, so every sort
 * order agrees), no whitespace, strings as JSON.stringify writes them (well-formed Unicode only),
 * numbers only as safe integers (money is integer cents or riel; a float is refused, not rounded),
 * no `undefined` (a missing value is refused, not dropped: say `null`).
 */
import { createHash } from 'node:crypto';

export type CanonicalValue = null | boolean | number | string | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export class NotCanonical extends Error {
  override name = 'NotCanonical';
}

const KEY = /^[A-Za-z0-9_]+$/;
// A lone surrogate has no UTF-8 form: it would be hashed as U+FFFD and no longer match its text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new NotCanonical(`${path} is ${value}: only safe integers (money in integer cents or riel)`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new NotCanonical(`${path} is not well-formed Unicode`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => canonicalJson(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new NotCanonical(`${path} is not a plain object`);
      const keys = Object.keys(value).sort();
      return `{${keys.map((key) => {
        if (!KEY.test(key)) throw new NotCanonical(`${path} has the key ${JSON.stringify(key)}: keys are ASCII letters, digits and _`);
        return `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key], `${path}.${key}`)}`;
      }).join(',')}}`;
    }
    default:
      throw new NotCanonical(`${path} is ${typeof value}: not allowed in a journal payload`);
  }
}

/** Whether stored payload text is exactly the canonical form of what it parses to. */
export function isCanonical(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

export const HASH_DOMAIN = 'KHQR-POS-JOURNAL-1';
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** A row's fields as stored; `payload` is the stored canonical text. */
export interface HashedFields {
  tillId: string;
  seq: number;
  uuid: string;
  actor: string;
  at: number;
  type: string;
  version: number;
  payload: string;
}

/** No field may hold a newline (the separator); the payload cannot, being canonical JSON. */
export function rowBytes(row: HashedFields): Buffer {
  const fields = [HASH_DOMAIN, row.tillId, String(row.seq), row.uuid, row.actor, String(row.at), row.type, String(row.version), row.payload];
  return Buffer.from(fields.join('\n'), 'utf8');
}

/** hash = SHA-256(prev_hash as 32 raw bytes || rowBytes), as lowercase hex. */
export function rowHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(rowBytes(row)).digest('hex');
}
