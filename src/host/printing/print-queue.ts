/**
 * The print queue's worker: prints queued jobs one at a time, in order, in the background, so
 * printing never holds up taking the next payment. A job is marked `printing` (committed) before its
 * bytes leave; a missing or failing printer puts it back with a growing delay (1 s, 2 s, 4 s … 30 s)
 * and the reason in words, until it prints or MAX_ATTEMPTS have failed. Nothing is printed twice
 * unless asked (a COPY), or unless the POS died mid-job (then the retry is flagged `interrupted`).
 */
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import type { PrintJob, PrintJobs } from '../ledger/print-jobs.ts';
import { logText, PrinterError, type PrinterTransport } from './types.ts';

/** About 10 minutes of trying with the backoff below before a job is reported failed. */
export const MAX_ATTEMPTS = 25;

/** The longest the queue sleeps at once (the longest backoff). */
const MAX_WAIT_MS = 30_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_WAIT_MS, 1_000 * 2 ** Math.max(0, attempts - 1));
}

export interface PrintQueueDeps {
  jobs: PrintJobs;
  /** The transport for the printer setting in force (the host keeps one per setting). */
  transport(): PrinterTransport | null;
  /** The job's ESC/POS bytes (rendered at print time from the ledger and settings). */
  render(job: PrintJob): Uint8Array;
  now(): number;
  onChange(): void;
  retryDelayMs?: (attempts: number) => number;
  /** Where the full story of a failure goes (libusb and system codes the screens never show); default console.warn. */
  log?: (line: string) => void;
}

export class PrintQueue {
  readonly #deps: PrintQueueDeps;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  /** A ledger write failed mid-job: recover jobs left `printing` before the next pass. */
  #recover = false;
  #resting = false;
  #stopped = false;
  /** The printer's last problem (a catalog message); null once a job prints. */
  problem: HostMessage | null = null;

  constructor(deps: PrintQueueDeps) {
    this.#deps = deps;
  }

  /**
   * At start: jobs cut off by a crash go back in the queue, flagged; every waiting job is tried now
   * (the printer may have been fixed while the POS was off) rather than after its old backoff.
   */
  start(): void {
    if (this.#deps.jobs.recoverInterrupted() > 0) this.#deps.onChange();
    this.retryNow();
  }

  /** Something was queued, or the printer setting changed: look at the queue now. */
  kick(force = false): void {
    if (this.#stopped) return;
    // After a ledger failure the queue rests until its timer, so state pushes cannot spin it.
    if (!force && this.#resting) return;
    this.#resting = false;
    if (this.#running) {
      // Busy: look again as soon as this pass ends (it may already have decided to sleep).
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** The printer was set up or plugged back in: stop waiting and try every queued job now. */
  retryNow(): void {
    this.#deps.jobs.retryNow();
    this.kick(true);
  }

  /** Finishes the job being printed (never cuts a transfer short), then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      if (this.#recover) {
        // A job left `printing` by a failed ledger write goes back in the queue (flagged: it may have printed).
        this.#deps.jobs.recoverInterrupted();
        this.#recover = false;
      }
      for (;;) {
        if (this.#stopped) return;
        const job = this.#deps.jobs.nextQueued();
        if (!job) return;
        const wait = job.nextAttemptAt - this.#deps.now();
        if (wait > 0) {
          // Relative and capped: a wall clock jumping back must not park the queue.
          this.#sleep(Math.min(wait, MAX_WAIT_MS));
          return;
        }
        await this.#print(job);
        this.#deps.onChange();
      }
    } catch (error) {
      // The ledger could not be read or written (disk full?): say so and try again shortly; never
      // let printing trouble end the process or stop the queue for good.
      this.problem = hostMessage('printer.queueNotSaved');
      this.#log(`cannot update the print queue in the ledger: ${(error as Error).message}`);
      this.#recover = true;
      this.#resting = true;
      this.#sleep(5_000);
      this.#deps.onChange();
    }
  }

  #log(line: string): void {
    (this.#deps.log ?? ((text: string) => console.warn(`[printer] ${text}`)))(line);
  }

  #sleep(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#resting = false;
      this.kick(true);
    }, ms);
    this.#timer.unref();
  }

  async #print(job: PrintJob): Promise<void> {
    const { jobs } = this.#deps;
    const transport = this.#deps.transport();
    if (!transport) {
      jobs.markSkipped(job.id, hostMessage('printer.notSetUp'));
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = this.#deps.render(job);
    } catch (error) {
      // A receipt that cannot be drawn will not get better by waiting.
      this.#log(`job ${job.id}: the receipt could not be drawn: ${(error as Error).stack ?? String(error)}`);
      jobs.markFailed(job.id, hostMessage('printer.renderFailed'));
      return;
    }
    // Another POS on the same data directory (or a race) took it: never print one job twice.
    if (!jobs.markPrinting(job.id)) return;
    this.#deps.onChange();
    try {
      const outcome = await transport.print(bytes, { jobId: job.id });
      if (outcome && outcome.state === 'spooled') {
        // Never retried: Windows has the job and would print it twice. The cashier is told what is known.
        jobs.markSpooled(job.id, outcome.note);
        this.problem = outcome.attention ? outcome.note : null;
      } else {
        jobs.markPrinted(job.id);
        this.problem = null;
      }
    } catch (error) {
      const reason = error instanceof PrinterError ? error.text : hostMessage('printer.unknownFailure');
      this.#log(`job ${job.id} (${transport.description}): ${error instanceof PrinterError ? logText(error) : (error as Error)?.stack ?? String(error)}`);
      this.problem = reason;
      const attempts = job.attempts + 1;
      if (attempts >= MAX_ATTEMPTS || (error instanceof PrinterError && error.reason === 'not_configured')) {
        jobs.markFailed(job.id, reason);
      } else {
        jobs.markRetry(job.id, reason, this.#deps.now() + (this.#deps.retryDelayMs ?? retryDelayMs)(attempts));
      }
    }
  }
}
