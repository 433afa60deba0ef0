/**
 * The POS re-verifies its ledger at every start (issue 8, part 2): the chain from the last Z report's
 * anchor to the head (that row's hash must begin with the anchor the Z stored, so a chain rewritten
 * from scratch with recomputed hashes is caught), the guards (guards.ts), and the projections of the
 * sales since that Z. The selling path never waits for it: the host runs it in steps after it is up.
 *
 * What it finds is journaled (`integrity.failed`, actor `system`) so the warning survives restarts
 * and stays until someone acknowledges it (`integrity.acknowledged`, actor `cashier` until issue 9
 * brings the owner's PIN). Problems are catalog messages with numbers only (a row, a sale, a Z), never
 * text read from the file. The same problems found again after they were acknowledged are logged, not
 * raised again: the owner already knows.
 */
import type { IntegrityState } from '../../shared/contract.ts';
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import { checkLedgerGuards, guardProblems } from './guards.ts';
import { append, tillId } from './journal/journal.ts';
import { verifyChain, verifyProjection, type ChainReport, type ProjectionReport } from './journal/verify.ts';
import { ledgerWrite } from './write-health.ts';

const count = (n: unknown): number | undefined => (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined);

/** A message whose params are whole numbers only (anything else read from the file is left out). */
function numbered(code: Parameters<typeof hostMessage>[0], params: Record<string, unknown>): HostMessage {
  const kept: Record<string, number> = {};
  for (const [key, value] of Object.entries(params)) {
    const n = count(value);
    if (n !== undefined) kept[key] = n;
  }
  return Object.keys(kept).length > 0 ? hostMessage(code, kept) : hostMessage(code);
}

function chainMessage(report: ChainReport, z: { shift: number } | null): HostMessage | null {
  const problem = report.problem;
  if (!problem) return null;
  if (problem.kind === 'no journal') return hostMessage('integrity.noJournal');
  if (problem.kind === 'anchor') return numbered('integrity.anchorMismatch', { seq: problem.seq, shift: z?.shift });
  return numbered('integrity.chainBroken', { seq: problem.seq });
}

function projectionMessage(report: ProjectionReport): HostMessage | null {
  const problem = report.problem;
  if (!problem) return null;
  if (problem.alert !== undefined) return numbered('integrity.alertDiffers', { alert: problem.alert, sale: problem.sale });
  if (problem.job !== undefined) return numbered('integrity.printDiffers', { job: problem.job, sale: problem.sale });
  if (problem.setting !== undefined) return hostMessage('integrity.projectionDiffers');
  if (problem.movement !== undefined) return numbered('integrity.cashDiffers', { movement: problem.movement });
  return numbered('integrity.saleDiffers', { sale: problem.sale });
}

export interface StartCheck {
  problems: HostMessage[];
  /** The English details for the log (these may quote the file; they never reach a screen). */
  details: string[];
  ms: number;
  rowsWalked: number;
  salesCompared: number;
}

/** Rows of the chain, and sales, checked per step: each step about 0.1 s on a shop PC (20,000 sales take ~3 s in all). */
export const CHAIN_STEP_ROWS = 5_000;
export const SALES_STEP = 1_000;

export interface StepOptions {
  /** Between steps: lets sales and payments run (the host passes a setImmediate). */
  pause?: () => Promise<void>;
  /** True when the host is closing: the check stops where it is (and reports nothing). */
  stopped?: () => boolean;
}

/**
 * The start check itself, read-only, in small steps so selling is never held up: measured on a
 * ledger of 20,000 sales (60,000 journal rows) since the last Z, one pass took about 3.3 s (chain
 * 1.2 s, projections 2 s) — far too long to hold the event loop — so the chain is walked
 * CHAIN_STEP_ROWS rows and the sales compared SALES_STEP at a time, with `pause` between steps.
 * Rows appended meanwhile are walked too (the walk goes on to the head it finds).
 */
export async function verifyFromLastZ(db: Db, options: StepOptions = {}): Promise<StartCheck> {
  const pause = options.pause ?? (() => Promise.resolve());
  const stopped = options.stopped ?? (() => false);
  const started = performance.now();
  const problems: HostMessage[] = [];
  const details: string[] = [];
  let rowsWalked = 0;
  let salesCompared = 0;
  const result = (): StartCheck => ({ problems, details, ms: performance.now() - started, rowsWalked, salesCompared });
  try {
    const guards = checkLedgerGuards(db);
    if (!guards.ok) {
      problems.push(numbered('integrity.guardsChanged', { count: guards.missing.length + guards.altered.length + guards.unexpected.length }));
      details.push(...guardProblems(guards));
    }
    const blind = restoredBlind(db);
    if (blind) {
      problems.push(numbered('integrity.restoredBlind', { seq: blind.fromSeq, epoch: blind.fromEpoch + 1 }));
      details.push(`row ${blind.seq} (ledger.restored): a backup ending at row ${blind.fromSeq} was restored with no ledger in its place; whatever was journaled after that backup is not in this ledger`);
    }
    const z = db.prepare('SELECT shift, last_seq, head_hash16 FROM z_reports ORDER BY shift DESC LIMIT 1').get() as
      | { shift: number; last_seq: number; head_hash16: string }
      | undefined;
    // From the anchor row itself: its hash is recomputed and must begin with what the Z stored.
    let fromSeq = z ? z.last_seq : 1;
    for (;;) {
      await pause();
      if (stopped()) return result();
      const toSeq = fromSeq + CHAIN_STEP_ROWS - 1;
      const chain = verifyChain(db, { fromSeq, toSeq, anchor: z && fromSeq === z.last_seq ? { seq: z.last_seq, hash: z.head_hash16 } : undefined });
      rowsWalked += chain.rows;
      const chainProblem = chainMessage(chain, z ?? null);
      if (chainProblem) {
        problems.push(chainProblem);
        details.push(chain.problem!.text);
        break;
      }
      if (!chain.head || chain.head.seq < toSeq) break;
      fromSeq = toSeq + 1;
    }
    // The sales journaled since that Z (a sale carried over from before it included).
    const till = tillId(db);
    const first = z && till
      ? (db.prepare('SELECT MIN(sale_id) AS sale FROM journal WHERE till_id = ? AND seq > ? AND sale_id IS NOT NULL').get(till, z.last_seq) as { sale: number | null }).sale
      : 1;
    const lastSale = (): number => (db.prepare('SELECT COALESCE(MAX(id), 0) FROM sales').pluck().get() as number);
    let fromSale = first ?? lastSale() + 1;
    for (;;) {
      await pause();
      if (stopped()) return result();
      // The last step (toSale undefined) also checks what follows the sales: orphans, alerts, prints.
      const toSale = fromSale + SALES_STEP - 1 < lastSale() ? fromSale + SALES_STEP - 1 : undefined;
      const projection = verifyProjection(db, { fromSale, toSale });
      salesCompared += projection.sales;
      const projectionProblem = projectionMessage(projection);
      if (projectionProblem) {
        problems.push(projectionProblem);
        details.push(projection.problem!.text);
        break;
      }
      if (toSale === undefined) break;
      fromSale = toSale + 1;
    }
  } catch (error) {
    problems.push(hostMessage('integrity.checkFailed'));
    details.push(`the check could not run: ${(error as Error).message}`);
  }
  return result();
}

/**
 * The last restore (`ledger.restored`) made with no ledger in its place (the ledger moved or deleted
 * first, or a new PC), if no warning has been journaled since: restore refuses to replace a longer
 * chain, but with nothing in place it cannot know what the backup lacks, so the owner is told once
 * (a dead disk and a ledger moved aside to erase an afternoon look the same from here).
 */
function restoredBlind(db: Db): { seq: number; fromSeq: number; fromEpoch: number } | null {
  const till = tillId(db);
  if (!till) return null;
  const row = db.prepare(`SELECT seq, payload FROM journal WHERE till_id = ? AND type = 'ledger.restored' ORDER BY seq DESC LIMIT 1`)
    .get(till) as { seq: number; payload: string } | undefined;
  if (!row) return null;
  const p = JSON.parse(row.payload) as { fromSeq?: unknown; fromEpoch?: unknown; replacedHeadSeq?: unknown };
  if (p.replacedHeadSeq !== null) return null;
  const told = db.prepare(`SELECT 1 FROM journal WHERE till_id = ? AND type = 'integrity.failed' AND seq > ? LIMIT 1`).get(till, row.seq);
  if (told) return null;
  return { seq: row.seq, fromSeq: Number(p.fromSeq), fromEpoch: Number(p.fromEpoch) };
}

interface FailedRow { seq: number; at: number; problems: HostMessage[] }

const sameProblems = (a: HostMessage[], b: HostMessage[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The warning's state: kept in memory, written through the journal. */
export class Integrity {
  readonly #db: Db;
  readonly #now: () => number;
  #failed: FailedRow | null = null;
  #acknowledged = false;

  constructor(db: Db, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#load();
  }

  /** The last `integrity.failed` row and whether it was acknowledged (two rows at most are read). */
  #load(): void {
    const till = tillId(this.#db);
    if (!till) return;
    const failed = this.#db.prepare(`SELECT seq, at, payload FROM journal WHERE till_id = ? AND type = 'integrity.failed' ORDER BY seq DESC LIMIT 1`)
      .get(till) as { seq: number; at: number; payload: string } | undefined;
    if (!failed) return;
    const payload = JSON.parse(failed.payload) as { problems?: unknown };
    const problems = Array.isArray(payload.problems) ? (payload.problems as HostMessage[]) : [];
    this.#failed = { seq: failed.seq, at: failed.at, problems };
    this.#acknowledged = this.#db.prepare(`SELECT 1 FROM journal WHERE till_id = ? AND type = 'integrity.acknowledged' AND seq > ? LIMIT 1`)
      .get(till, failed.seq) !== undefined;
  }

  state(): IntegrityState {
    if (!this.#failed || this.#acknowledged) return { ok: true };
    return { ok: false, problems: this.#failed.problems, since: this.#failed.at };
  }

  /** Records what the start check found; true when the screens' warning changed. */
  record(check: StartCheck): boolean {
    if (check.problems.length === 0) return false;
    if (this.#failed && sameProblems(this.#failed.problems, check.problems)) return false;
    const at = this.#now();
    const row = ledgerWrite(this.#db, this.#db.transaction(() =>
      append(this.#db, { type: 'integrity.failed', version: 1, payload: { problems: check.problems } }, { actor: 'system', at }),
    ));
    this.#failed = { seq: row.seq, at, problems: check.problems };
    this.#acknowledged = false;
    return true;
  }

  /** False when there is no warning to acknowledge. */
  acknowledge(): boolean {
    const failed = this.#failed;
    if (!failed || this.#acknowledged) return false;
    ledgerWrite(this.#db, this.#db.transaction(() =>
      append(this.#db, { type: 'integrity.acknowledged', version: 1, payload: { failedSeq: failed.seq } }, { actor: 'cashier', at: this.#now() }),
    ));
    this.#acknowledged = true;
    return true;
  }
}
