/**
 * The till's own rows back from the back office (docs/backoffice.md, "Download"), for a restore from
 * an old backup: every row past `after` on the back office's branch, a page at a time, each checked
 * here as the journal would check it — this till's id, the field grammar, a canonical payload, the
 * next seq, linked to the row before it, in its epoch unless a restore's row raises it, and hashing
 * to its hash from its own bytes. A row that fails any of these stops the download: nothing of it is
 * used. The answer also gives the highest epoch the back office holds for this till.
 */
import { fieldGrammarProblem, isCanonical, rowHash } from '../ledger/journal/canonical.ts';
import type { JournalRow } from '../ledger/journal/journal.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { getJson, headOf, refusalCode, type SyncFetch } from './client.ts';
import type { RowHead } from './outbox.ts';

export class DownloadProblem extends Error {
  override name = 'DownloadProblem';
  readonly words: HostMessage;

  constructor(words: HostMessage, detail: string) {
    super(detail);
    this.words = words;
  }
}

export interface Downloaded {
  rows: JournalRow[];
  /** The back office's head for this till, and the highest epoch it holds for it. */
  head: RowHead;
  maxEpoch: number;
}

export interface DownloadDeps {
  url: string;
  token: string;
  tillId: string;
  fetch: SyncFetch;
  pageRows?: number;
}

const FIELDS = ['tillId', 'epoch', 'seq', 'uuid', 'actor', 'at', 'type', 'version', 'payload', 'prevHash', 'hash'] as const;

/** Why `value` cannot be the row after `before` in this till's chain, or null. */
function rowProblem(value: unknown, before: RowHead, tillId: string): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const row = value as JournalRow;
  if (FIELDS.some((field) => !(field in row))) return 'a field is missing';
  if (row.tillId !== tillId) return `it is till ${String(row.tillId)}'s, not this till's`;
  const grammar = fieldGrammarProblem(row);
  if (grammar) return grammar;
  if (!isCanonical(row.payload)) return 'its payload is not canonical JSON';
  if (row.seq !== before.seq + 1) return `it is seq ${row.seq}, after seq ${before.seq}`;
  if (row.prevHash !== before.hash) return 'it does not link to the row before it';
  const epochOk = row.type === 'ledger.restored' ? row.epoch > before.epoch : row.epoch === before.epoch;
  if (!epochOk) return `its epoch ${row.epoch} does not follow epoch ${before.epoch}`;
  if (rowHash(row.prevHash, row) !== row.hash) return 'it does not hash to its hash from its own bytes';
  return null;
}

export async function downloadOwnRows(after: RowHead, deps: DownloadDeps): Promise<Downloaded> {
  const rows: JournalRow[] = [];
  let last = after;
  let maxEpoch = after.epoch;
  for (;;) {
    const query = new URLSearchParams({ afterEpoch: String(last.epoch), afterSeq: String(last.seq), afterHash: last.hash, limit: String(deps.pageRows ?? 500) });
    let answer;
    try {
      answer = await getJson(deps.fetch, `${deps.url}/api/till/journal?${query.toString()}`, { token: deps.token });
    } catch (error) {
      throw new DownloadProblem(hostMessage('sync.unreachable'), `${deps.url} could not be reached: ${(error as Error).message}`);
    }
    const code = refusalCode(answer);
    if (answer.status === 401) throw new DownloadProblem(hostMessage('sync.unauthorized'), 'the token was refused');
    if (answer.status === 409) throw new DownloadProblem(hostMessage('sync.diverged'), `the back office refused: ${code ?? ''}`);
    if (answer.status !== 200) throw new DownloadProblem(hostMessage(answer.status >= 500 ? 'sync.serverError' : 'sync.refused'), `HTTP ${answer.status} ${code ?? ''}`);
    const head = headOf(answer.body.head);
    const page = answer.body.rows;
    const epoch = answer.body.maxEpoch;
    if (!head || !Array.isArray(page) || !Number.isSafeInteger(epoch)) throw new DownloadProblem(hostMessage('sync.refused'), 'the answer is not { rows, head, maxEpoch, more }');
    maxEpoch = Math.max(maxEpoch, epoch as number);
    for (const value of page) {
      const problem = rowProblem(value, last, deps.tillId);
      if (problem) {
        const seq = last.seq + 1;
        throw new DownloadProblem(hostMessage('sync.downloadBadRow', { seq }), `row ${seq} from the back office: ${problem}`);
      }
      const row = value as JournalRow;
      rows.push({ tillId: row.tillId, epoch: row.epoch, seq: row.seq, uuid: row.uuid, actor: row.actor, at: row.at, type: row.type, version: row.version, payload: row.payload, prevHash: row.prevHash, hash: row.hash });
      last = { epoch: row.epoch, seq: row.seq, hash: row.hash };
    }
    if (answer.body.more !== true || page.length === 0) return { rows, head, maxEpoch };
  }
}
