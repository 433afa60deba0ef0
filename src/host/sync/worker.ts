/**
 * The sync worker (docs/backoffice.md, "The till's side"): the till's journal is its outbox. Off the
 * selling path — on its own read-only connection, between sales, never inside a command — it pushes
 * the rows the back office has not acknowledged, in order and in batches, and checks each answer's
 * head (epoch, seq, hash) against its own row of that seq before moving its cursor.
 *
 *   - a batch stored (200): every row of it is now in the back office byte for byte (stored or found
 *     the same), so the cursor moves to its last row — or further, to the back office's head, when
 *     that head is this till's own row (a cursor file lost or rolled back);
 *   - `gap` (409): the back office's head is behind the cursor (its database restored): continue
 *     from its head + 1 when that head is this till's own row;
 *   - `chain_broken`, `row_differs`, `stale_epoch` after a cursor that pointed past a restore's fork:
 *     start again once from the fork (the `ledger.restored` row) — the back office keeps both branches;
 *   - anything else, or no answer: say why in words, keep every row, and try again after a backoff
 *     (exponential with jitter, backoff.ts); a refusal that needs a person (a copied data folder, a
 *     revoked token) is retried at the longest backoff, in case the owner fixed it meanwhile.
 *
 * Time is injected (`timers`, `now`, `random`): tests drive every wait. Days offline are nothing
 * special: the rows wait in the journal and go out in batches when the back office answers again.
 */
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { BACKOFF_MAX_MS, backoffMs } from './backoff.ts';
import { headOf, postJson, refusalCode, sameHead, type SyncFetch } from './client.ts';
import { Outbox, type RowHead } from './outbox.ts';
import type { SecretStore } from './secret-store.ts';
import { SyncFiles, type PairingRecord } from './sync-files.ts';

export interface SyncTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: SyncTimers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** When nothing is waiting: look again this often (rows written by another process, e.g. the ledger CLI). */
export const IDLE_POLL_MS = 30_000;
export const REQUEST_TIMEOUT_MS = 60_000;

export interface SyncStatus {
  paired: Pick<PairingRecord, 'url' | 'shop' | 'till' | 'pairedAt'> | null;
  /** Rows of this till's journal the back office has not acknowledged. */
  waiting: number;
  /** The last failure, in words, until a push succeeds again. */
  lastError: HostMessage | null;
  /** When the back office last acknowledged rows (host clock), or null. */
  lastSyncedAt: number | null;
  /** The state in one sentence: not paired / up to date / N rows waiting / the last error. */
  words: HostMessage;
}

export interface SyncWorkerOptions {
  dataDir: string;
  till: { id: string; code: string };
  secrets: SecretStore;
  /** Tests may pass an Outbox on a connection of their own; by default a read-only connection to the ledger. */
  outbox?: Outbox;
  fetch?: SyncFetch;
  timers?: SyncTimers;
  now?: () => number;
  random?: () => number;
  batchRows?: number;
  idlePollMs?: number;
  requestTimeoutMs?: number;
  /** The state changed (the host pushes it to the screens). */
  onChange?: () => void;
  log?: (line: string) => void;
}

type Outcome = 'idle' | 'retry' | 'needsPerson';

const MAX_REDIRECTS_PER_CYCLE = 3;

export class SyncWorker {
  readonly files: SyncFiles;
  readonly #o: SyncWorkerOptions;
  readonly #outbox: Outbox;
  readonly #timers: SyncTimers;
  readonly #now: () => number;
  readonly #fetch: SyncFetch;
  #acked = 0;
  #lastError: HostMessage | null = null;
  #lastSyncedAt: number | null = null;
  #failures = 0;
  #timer: unknown = null;
  #timerIsBackoff = false;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #abort: AbortController | null = null;

  constructor(options: SyncWorkerOptions) {
    this.#o = options;
    this.files = new SyncFiles(options.dataDir);
    this.#outbox = options.outbox ?? new Outbox(options.till.id, { dataDir: options.dataDir });
    this.#timers = options.timers ?? REAL_TIMERS;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    const pairing = this.#pairing();
    this.#acked = pairing ? this.#resumePoint(pairing.url) - 1 : 0;
    this.#lastSyncedAt = pairing ? (this.files.cursor()?.at ?? null) : null;
  }

  /** Starts pushing (now, then as rows come and on its own schedule). */
  start(): void {
    this.#schedule(0, false);
  }

  /** New rows were committed: push them soon, unless the worker is waiting out a backoff. */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timerIsBackoff) return;
    this.#schedule(0, false);
  }

  /** Runs a cycle now, whatever the backoff (after pairing, or "try now"); resolves when it ends. */
  syncNow(): Promise<SyncStatus> {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerIsBackoff = false;
    return this.#run().then(() => this.status());
  }

  status(): SyncStatus {
    const pairing = this.#pairing();
    if (!pairing) return { paired: null, waiting: 0, lastError: null, lastSyncedAt: null, words: hostMessage('sync.unpaired') };
    const head = this.#outbox.head()?.seq ?? 0;
    const waiting = Math.max(0, head - this.#acked);
    const words = this.#lastError ?? (waiting === 0 ? hostMessage('sync.upToDate') : hostMessage('sync.waiting', { count: waiting }));
    return {
      paired: { url: pairing.url, shop: pairing.shop, till: pairing.till, pairedAt: pairing.pairedAt },
      waiting,
      lastError: this.#lastError,
      lastSyncedAt: this.#lastSyncedAt,
      words,
    };
  }

  /**
   * Pairing changed (a new token or address): forget the last error and push now. `head`: the back
   * office's head for this till, answered to a re-pair — when it is this file's own row the cursor
   * moves to it, so the push continues from there (else the cursor's own check decides).
   */
  async paired(head?: RowHead): Promise<SyncStatus> {
    this.#failures = 0;
    this.#lastError = null;
    const pairing = this.#pairing();
    const mine = pairing && head && head.seq > 0 ? this.#outbox.rowAt(head.seq) : null;
    if (pairing && head && mine && sameHead(mine, head)) await this.#ack(pairing.url, head);
    this.#acked = pairing ? this.#resumePoint(pairing.url) - 1 : 0;
    return this.syncNow();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort?.abort();
    await this.#running;
    this.#outbox.close();
  }

  #pairing(): PairingRecord | null {
    const pairing = this.files.pairing();
    return pairing && pairing.tillId === this.#o.till.id ? pairing : null;
  }

  #schedule(ms: number, backoff: boolean): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timerIsBackoff = backoff;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#timerIsBackoff = false;
      void this.#run();
    }, ms);
  }

  #run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let outcome: Outcome;
      do {
        this.#again = false;
        outcome = await this.#cycle().catch((error: unknown) => {
          this.#log(`a push failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
          this.#fail(hostMessage('sync.serverError'));
          return 'retry' as const;
        });
      } while (this.#again && outcome === 'idle' && !this.#stopped);
      this.#running = null;
      if (outcome === 'idle') {
        this.#failures = 0;
        this.#schedule(this.#o.idlePollMs ?? IDLE_POLL_MS, false);
      } else {
        this.#failures += 1;
        this.#schedule(outcome === 'needsPerson' ? BACKOFF_MAX_MS : backoffMs(this.#failures, this.#o.random), true);
      }
      this.#o.onChange?.();
    })();
    return this.#running;
  }

  /** Where to push from: the row after the cursor, when the cursor is this file's own row; else the fork point. */
  #resumePoint(url: string): number {
    const cursor = this.files.cursor();
    if (!cursor || cursor.url !== url || cursor.tillId !== this.#o.till.id || cursor.seq === 0) return 1;
    const mine = this.#outbox.rowAt(cursor.seq);
    if (mine && sameHead(mine, cursor)) return cursor.seq + 1;
    return this.#outbox.forkPoint(cursor.seq);
  }

  async #ack(url: string, row: RowHead): Promise<void> {
    await this.files.saveCursor({ url, tillId: this.#o.till.id, epoch: row.epoch, seq: row.seq, hash: row.hash, at: this.#now() });
    this.#acked = row.seq;
    this.#lastSyncedAt = this.#now();
  }

  #fail(message: HostMessage): void {
    this.#lastError = message;
  }

  async #cycle(): Promise<Outcome> {
    const pairing = this.#pairing();
    const token = pairing ? await this.#o.secrets.read('backofficeToken') : null;
    if (!pairing || !token) return 'idle';
    const url = pairing.url;
    let next = this.#resumePoint(url);
    this.#acked = next - 1;
    let redirects = 0;
    let serverAhead = 0;
    for (;;) {
      if (this.#stopped) return 'idle';
      const rows = this.#outbox.rowsFrom(next, this.#o.batchRows);
      if (rows.length === 0) {
        this.#lastError = serverAhead > 0 ? hostMessage('sync.serverAhead', { count: serverAhead }) : null;
        return serverAhead > 0 ? 'needsPerson' : 'idle';
      }
      const last = rows.at(-1)!;
      const answer = await this.#push(url, token, rows);
      if (!answer) return 'retry';
      const code = refusalCode(answer);
      const head = headOf(answer.body.head);
      if (answer.status === 200 && head) {
        // Every row of the batch is stored there, byte for byte: the head is at least our last row.
        if (head.seq < last.seq || (head.seq === last.seq && !sameHead(head, last))) {
          this.#log(`the back office answered head ${head.epoch}:${head.seq} for a batch ending at ${last.epoch}:${last.seq}`);
          this.#fail(hostMessage('sync.headMismatch'));
          return 'needsPerson';
        }
        const mine = head.seq > last.seq ? this.#outbox.rowAt(head.seq) : null;
        const acked = mine && sameHead(mine, head) ? head : last;
        if (head.seq > last.seq && !mine && head.epoch === last.epoch) serverAhead = head.seq - last.seq;
        await this.#ack(url, acked);
        this.#lastError = null;
        this.#o.onChange?.();
        next = acked.seq + 1;
        continue;
      }
      if (answer.status === 409 && head && redirects < MAX_REDIRECTS_PER_CYCLE) {
        redirects += 1;
        if (code === 'gap') {
          // The back office lost rows (its database restored from a backup): continue from its head.
          const mine = head.seq === 0 ? null : this.#outbox.rowAt(head.seq);
          if (head.seq === 0) next = 1;
          else if (mine && sameHead(mine, head)) next = head.seq + 1;
          else next = this.#outbox.forkPoint(Math.min(head.seq, next));
          this.#log(`gap: the back office's head is ${head.epoch}:${head.seq}; pushing from seq ${next}`);
          continue;
        }
        if ((code === 'chain_broken' || code === 'row_differs' || code === 'stale_epoch') && this.#outbox.forkPoint(next - 1) < next && redirects === 1) {
          // A cursor past a restore's fork: the back office wants the new epoch from its first row.
          next = this.#outbox.forkPoint(next - 1);
          this.#log(`${code} at seq ${rows[0]!.seq}: pushing again from the fork, seq ${next}`);
          continue;
        }
      }
      return this.#refused(answer.status, code);
    }
  }

  /** The answer, or null with the state set to "unreachable" (no answer, a timeout). */
  async #push(url: string, token: string, rows: readonly object[]): Promise<{ status: number; body: Record<string, unknown> } | null> {
    const abort = new AbortController();
    this.#abort = abort;
    const timer = this.#timers.setTimeout(() => abort.abort(), this.#o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    try {
      // The till's head goes with every batch: the back office shows the owner how far behind it is.
      const head = this.#outbox.head();
      const tillHead = head ? { epoch: head.epoch, seq: head.seq } : undefined;
      return await postJson(this.#fetch, `${url}/api/till/journal`, { rows, tillHead }, { token, signal: abort.signal });
    } catch (error) {
      this.#log(`${url} could not be reached: ${(error as Error).message}`);
      this.#fail(hostMessage('sync.unreachable'));
      return null;
    } finally {
      this.#timers.clearTimeout(timer);
      this.#abort = null;
    }
  }

  #refused(status: number, code: string | null): Outcome {
    this.#log(`the back office refused a batch: HTTP ${status} ${code ?? ''}`);
    if (status === 401) {
      this.#fail(hostMessage('sync.unauthorized'));
      return 'needsPerson';
    }
    if (status >= 500 || status === 408 || status === 429) {
      this.#fail(hostMessage('sync.serverError'));
      return 'retry';
    }
    if (code === 'row_differs' || code === 'chain_broken' || code === 'stale_epoch' || code === 'not_first_row' || code === 'gap') {
      this.#fail(hostMessage('sync.diverged'));
      return 'needsPerson';
    }
    this.#fail(hostMessage('sync.refused'));
    return 'needsPerson';
  }

  #log(line: string): void {
    (this.#o.log ?? ((text: string) => console.warn(`[sync] ${text}`)))(line);
  }
}
