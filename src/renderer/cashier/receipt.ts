/**
 * What the cashier is told about a receipt, as pure functions of the host's print jobs (tested in
 * Node): which job belongs to a sale, and what its state is in words.
 */
import type { Language, PrintJobView } from '../../shared/contract.ts';
import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/**
 * - printing: being printed, or queued for its first try
 * - waiting: queued again after a failed try (the printer is missing, busy…)
 * - interrupted: the POS stopped while it was printing; it is printed again
 * - printed, failed (gave up), skipped (no printer is set up)
 */
export type ReceiptPhase = 'printing' | 'waiting' | 'interrupted' | 'printed' | 'spooled' | 'failed' | 'skipped';

export interface ReceiptStatus {
  phase: ReceiptPhase;
  /** A reprint (marked COPY on paper). */
  copy: boolean;
  /** Printed, but the POS had stopped once mid-print: a partial receipt may be lying about. */
  afterInterruption: boolean;
  /** The host's reason in plain (English) words, shown for waiting and failed. */
  error: HostMessage | null;
}

const NO_JOBS: readonly PrintJobView[] = [];

/** The newest receipt or copy of a sale (jobs come newest first); null when there is none (yet). */
export function receiptJobFor(jobs: readonly PrintJobView[] | null | undefined, saleId: number): PrintJobView | null {
  return (jobs ?? NO_JOBS).find((job) => job.saleId === saleId && job.kind !== 'test') ?? null;
}

/**
 * The newer of a job from the pushed state and one from today's sales list (either may be missing).
 * The same job in both: the pushed one, which is never older than the list's.
 */
export function newerJob(pushed: PrintJobView | null, listed: PrintJobView | null): PrintJobView | null {
  if (!pushed || !listed) return pushed ?? listed;
  return listed.id > pushed.id ? listed : pushed;
}

/** A job's state in the cashier's terms. */
export function receiptStatus(job: PrintJobView): ReceiptStatus {
  const error = job.lastError ?? null;
  const base = { copy: job.kind === 'copy', afterInterruption: false, error: null };
  switch (job.status) {
    case 'printing':
      return { ...base, phase: job.interrupted ? 'interrupted' : 'printing' };
    case 'queued':
      if (job.interrupted) return { ...base, phase: 'interrupted' };
      if (job.attempts > 0 || error) return { ...base, phase: 'waiting', error };
      return { ...base, phase: 'printing' };
    case 'printed':
      return { ...base, phase: 'printed', afterInterruption: job.interrupted };
    case 'spooled':
      // A Windows printer queue took it; nothing confirmed paper came out: never say "printed".
      return { ...base, phase: 'spooled', error };
    case 'failed':
      return { ...base, phase: 'failed', error };
    case 'skipped':
      return { ...base, phase: 'skipped' };
    default:
      // A status this screen does not know yet: say what the host says rather than guess.
      return { ...base, phase: 'waiting', error };
  }
}

const SENTENCE: Readonly<Record<ReceiptPhase, MessageKey>> = {
  printing: 'receipt.printing',
  waiting: 'receipt.waiting',
  interrupted: 'receipt.interrupted',
  printed: 'receipt.printed',
  spooled: 'receipt.spooled',
  failed: 'receipt.failed',
  skipped: 'receipt.skipped',
};

const BADGE: Readonly<Record<ReceiptPhase, MessageKey>> = {
  printing: 'receipt.badge.printing',
  waiting: 'receipt.badge.waiting',
  interrupted: 'receipt.badge.interrupted',
  printed: 'receipt.badge.printed',
  spooled: 'receipt.badge.spooled',
  failed: 'receipt.badge.failed',
  skipped: 'receipt.badge.skipped',
};

/** The state and the host's reason (to show after a dash), both in the cashier's language. */
export function receiptText(status: ReceiptStatus, t: Translate, language: Language): { text: string; error: string | null } {
  const key = status.phase === 'printed' && status.afterInterruption ? 'receipt.printedAfterInterruption' : SENTENCE[status.phase];
  const text = t(key);
  return {
    text: status.copy ? t('receipt.copy', { status: text }) : text,
    error: status.error ? hostMessageText(status.error, language) : null,
  };
}

/** One line: "Waiting for the printer — The printer (USB 0416:5011) was unplugged …". */
export function receiptSentence(status: ReceiptStatus, t: Translate, language: Language): string {
  const { text, error } = receiptText(status, t, language);
  return error ? `${text} — ${error}` : text;
}

/** A short word or two for the badge in today's list (the full sentence goes in its tooltip). */
export function receiptBadge(status: ReceiptStatus, t: Translate): string {
  return t(BADGE[status.phase]);
}

/** How the state looks: good, in progress, needs a look, or bad. */
export function receiptTone(phase: ReceiptPhase): 'ok' | 'busy' | 'warn' | 'bad' | 'off' {
  switch (phase) {
    case 'printed':
    case 'spooled':
      return 'ok';
    case 'printing':
      return 'busy';
    case 'waiting':
    case 'interrupted':
      return 'warn';
    case 'failed':
      return 'bad';
    case 'skipped':
      return 'off';
  }
}
