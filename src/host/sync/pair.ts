/**
 * Pairing this till with a back office (docs/backoffice.md, "Pairing"): the owner types the back
 * office's address and the one-time code it gave; the till sends its own id and code (from its
 * journal's `till.created`, src/host/ledger/journal/till.ts) and receives its token, which goes into
 * the SecretStore — never the ledger, its journal, an export or a backup.
 *
 * Pairing again (a new code, or another back office) replaces the token and keeps every row: the
 * journal is the outbox, so rows not yet sent are sent with the new token. A new address forgets the
 * cursor (that back office holds none of this till's rows yet). A re-pair (the owner revoked the
 * till's token and made a code for the same till) is answered with the head the back office holds,
 * which the worker continues from.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessageCode } from '../../shared/messages/index.ts';
import { parseBackofficeUrl } from './backoffice-url.ts';
import { headOf, postJson, refusalCode, type SyncFetch } from './client.ts';
import type { RowHead } from './outbox.ts';
import type { SecretStore } from './secret-store.ts';
import type { PairingRecord, SyncFiles } from './sync-files.ts';

/** At least 128 bits: the back office sends 32 random bytes as 43 base64url characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;
/** Loose on purpose: the back office accepts the code in any case, with spaces or dashes. */
const CODE_SHAPE = /^[A-Za-z0-9 -]{4,40}$/;

const REFUSALS: Record<string, HostMessageCode> = {
  pairing_code_wrong: 'sync.pairingCodeWrong',
  pairing_code_spent: 'sync.pairingCodeSpent',
  till_already_paired: 'sync.tillAlreadyPaired',
  till_code_taken: 'sync.tillCodeTaken',
  pairing_code_other_till: 'sync.pairingCodeOtherTill',
};

export interface PairInput {
  url: unknown;
  code: unknown;
}

export interface PairDeps {
  till: { id: string; code: string };
  secrets: SecretStore;
  files: SyncFiles;
  fetch: SyncFetch;
  now: () => number;
}

/** What pairing gives the worker: the record, and on a re-pair the back office's head for this till. */
export interface PairOutcome {
  record: PairingRecord;
  head: RowHead | null;
}

export async function pairWithBackoffice(input: PairInput, deps: PairDeps): Promise<PairOutcome> {
  const url = parseBackofficeUrl(input.url);
  if (!url) throw new PosError('invalid_request', hostMessage('sync.urlInvalid'));
  if (typeof input.code !== 'string' || !CODE_SHAPE.test(input.code.trim())) throw new PosError('invalid_request', hostMessage('sync.codeInvalid'));
  let answer;
  try {
    answer = await postJson(deps.fetch, `${url}/api/till/pair`, { pairingCode: input.code.trim(), tillId: deps.till.id, tillCode: deps.till.code });
  } catch (error) {
    console.warn(`[sync] pairing: ${url} could not be reached: ${(error as Error).message}`);
    throw new PosError('api_error', hostMessage('sync.unreachable'));
  }
  const { token, shop, till } = answer.body;
  const head = headOf(answer.body.head);
  if (answer.status !== 201 || typeof token !== 'string' || !TOKEN_SHAPE.test(token)) {
    const code = refusalCode(answer);
    console.warn(`[sync] pairing refused: HTTP ${answer.status} ${code ?? ''}`);
    throw new PosError('not_allowed', hostMessage((code && REFUSALS[code]) || 'sync.pairingFailed'));
  }
  const previous = deps.files.pairing();
  await deps.secrets.write('backofficeToken', token);
  const record: PairingRecord = {
    url,
    tillId: deps.till.id,
    shop: typeof shop === 'string' ? shop.slice(0, 200) : '',
    till: typeof till === 'string' ? till.slice(0, 200) : '',
    pairedAt: deps.now(),
  };
  await deps.files.savePairing(record);
  if (previous && previous.url !== url) deps.files.forgetCursor();
  return { record, head };
}
