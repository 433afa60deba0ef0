/**
 * A batch of journal rows as a till sends it (docs/backoffice.md, "Ingest"): each row's hashed fields
 * exactly as in the till's journal table, the payload as its stored canonical JSON text, with its
 * `prevHash` and `hash`. Each row is checked here before anything touches the database: the field
 * grammar (so no field can hold the separator and every number has one spelling), a canonical payload,
 * and its hash recomputed with the till's own function (src/host/ledger/journal/canonical.ts).
 */
import { fieldGrammarProblem, isCanonical, rowBytes, rowHash, type HashedFields } from '../host/ledger/journal/canonical.ts';
import { Refusal } from './refusal.ts';

export interface WireRow extends HashedFields {
  prevHash: string;
  hash: string;
}

export const MAX_BATCH_ROWS = 1000;
const HEX64 = /^[0-9a-f]{64}$/;

function parseRow(value: unknown, index: number): WireRow {
  const where = `row ${index + 1} of the batch`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal(400, 'row_malformed', `${where} is not an object`);
  const r = value as Record<string, unknown>;
  const row = {
    tillId: r.tillId, epoch: r.epoch, seq: r.seq, uuid: r.uuid, actor: r.actor, at: r.at,
    type: r.type, version: r.version, payload: r.payload, prevHash: r.prevHash, hash: r.hash,
  } as WireRow;
  const problem = fieldGrammarProblem(row);
  if (problem) throw new Refusal(400, 'row_malformed', `${where}: ${problem}`);
  if (typeof row.prevHash !== 'string' || !HEX64.test(row.prevHash)) throw new Refusal(400, 'row_malformed', `${where}: its prevHash is not 64 lowercase hex`);
  if (typeof row.hash !== 'string' || !HEX64.test(row.hash)) throw new Refusal(400, 'row_malformed', `${where}: its hash is not 64 lowercase hex`);
  // A payload the till's writer could not have written (a space, an unsorted key, a lone surrogate).
  if (!isCanonical(row.payload)) throw new Refusal(400, 'row_malformed', `${where}: its payload is not canonical JSON`);
  if (rowHash(row.prevHash, row) !== row.hash) throw new Refusal(422, 'hash_mismatch', `${where} (seq ${row.seq}) does not hash to its hash: it was changed after it was written`);
  return row;
}

/** The rows of a batch body `{ rows: [...] }`, in the till's order, each checked alone. */
export function parseBatch(body: unknown): WireRow[] {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_BATCH_ROWS) {
    throw new Refusal(400, 'bad_request', `expected { rows: [...] } with 1 to ${MAX_BATCH_ROWS} journal rows`);
  }
  return rows.map(parseRow);
}

/** Byte for byte: the hashed bytes, the link and the hash. */
export function sameRow(a: WireRow, b: WireRow): boolean {
  return a.prevHash === b.prevHash && a.hash === b.hash && rowBytes(a).equals(rowBytes(b));
}

/**
 * The head the till reports with a push (`tillHead: { epoch, seq }`: its journal's last row), for the
 * owner's "rows behind"; null when absent (an older till). A malformed one refuses the batch.
 */
export function parseTillHead(body: unknown): { epoch: number; seq: number } | null {
  const head = (body as { tillHead?: unknown } | null)?.tillHead;
  if (head === undefined) return null;
  const { epoch, seq } = (head ?? {}) as Record<string, unknown>;
  if (!Number.isSafeInteger(epoch) || (epoch as number) < 1 || !Number.isSafeInteger(seq) || (seq as number) < 0) {
    throw new Refusal(400, 'bad_request', 'tillHead is { epoch (≥ 1), seq (≥ 0) }');
  }
  return { epoch: epoch as number, seq: seq as number };
}
