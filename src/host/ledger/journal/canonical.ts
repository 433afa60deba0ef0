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
  epoch: number;
  seq: number;
  uuid: string;
  actor: string;
  at: number;
  type: string;
  version: number;
  payload: string;
}

/**
 * The grammar of the hashed fields (docs/journal.md, "The hashed bytes"): the writer refuses, and the
 * verifier flags, anything else, so no field can hold the separator and every number has one spelling.
 */
export const FIELD_GRAMMAR = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  actor: /^[a-z0-9:-]{1,64}$/,
  type: /^[a-z]+(\.[a-zA-Z]+)+$/,
} as const;

/** The first field that breaks the grammar, in words, or null. */
export function fieldGrammarProblem(row: HashedFields): string | null {
  if (typeof row.tillId !== 'string' || !FIELD_GRAMMAR.uuid.test(row.tillId)) return `its till_id ${JSON.stringify(row.tillId)} is not a lowercase UUID`;
  if (!Number.isSafeInteger(row.epoch) || row.epoch < 1) return `its epoch ${String(row.epoch)} is not an integer ≥ 1`;
  if (!Number.isSafeInteger(row.seq) || row.seq < 1) return `its seq ${String(row.seq)} is not an integer ≥ 1`;
  if (typeof row.uuid !== 'string' || !FIELD_GRAMMAR.uuid.test(row.uuid)) return `its uuid ${JSON.stringify(row.uuid)} is not a lowercase UUID`;
  if (typeof row.actor !== 'string' || !FIELD_GRAMMAR.actor.test(row.actor)) return `its actor ${JSON.stringify(row.actor)} is not [a-z0-9:-]{1,64}`;
  if (!Number.isSafeInteger(row.at)) return `its time ${String(row.at)} is not an integer`;
  if (typeof row.type !== 'string' || !FIELD_GRAMMAR.type.test(row.type)) return `its type ${JSON.stringify(row.type)} is not [a-z]+(.[a-zA-Z]+)+`;
  if (!Number.isSafeInteger(row.version) || row.version < 1) return `its version ${String(row.version)} is not an integer ≥ 1`;
  if (typeof row.payload !== 'string') return 'its payload is not text';
  return null;
}

/** No field may hold a newline (the separator): the grammar above excludes it, and canonical JSON escapes it. */
export function rowBytes(row: HashedFields): Buffer {
  const fields = [HASH_DOMAIN, row.tillId, String(row.epoch), String(row.seq), row.uuid, row.actor, String(row.at), row.type, String(row.version), row.payload];
  return Buffer.from(fields.join('\n'), 'utf8');
}

/** hash = SHA-256(prev_hash as 32 raw bytes || rowBytes), as lowercase hex. */
export function rowHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(rowBytes(row)).digest('hex');
}
