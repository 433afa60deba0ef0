import { useMemo } from 'react';
import type { PrintJobView } from '../../shared/contract.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { newerJob, receiptBadge, receiptJobFor, receiptSentence, receiptStatus, receiptText, receiptTone } from './receipt.ts';
import type { ReceiptStatus } from './receipt.ts';
import { useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

const NO_JOBS: PrintJobView[] = [];

/**
 * The state of a sale's newest receipt (or copy): from the host's recent print jobs (pushed with
 * every state), or `listed` (the one today's sales list came with) when that is newer; null if none.
 */
export function useReceiptStatus(saleId: number, listed: PrintJobView | null = null): ReceiptStatus | null {
  const jobs = useCashier((s) => s.state?.printer?.jobs ?? NO_JOBS);
  return useMemo(() => {
    const job = newerJob(receiptJobFor(jobs, saleId), listed);
    return job ? receiptStatus(job) : null;
  }, [jobs, saleId, listed]);
}

/** The receipt's state in words, in the payment panel; a live region so changes are announced. */
export function ReceiptLine({ saleId }: { saleId: number }) {
  const t = useT();
  const language = useLanguage();
  const status = useReceiptStatus(saleId);
  const words = status ? receiptText(status, t, language) : null;
  return (
    <p
      role="status"
      aria-atomic="true"
      className={`receipt-line${status ? ` receipt-line--${receiptTone(status.phase)}` : ''}`}
    >
      {status && words && (
        <>
          <PrinterIcon />
          <span className="receipt-line__label">{t('payment.receipt')}</span>{' '}
          <span className="receipt-line__text">{words.text}</span>
          {words.error && (
            <span className="receipt-line__error">
              {'— '}
              <span>{words.error}</span>
            </span>
          )}
        </>
      )}
    </p>
  );
}

/** A small badge for a row of today's sales; the full sentence is its tooltip. */
export function ReceiptBadge({ saleId, listed }: { saleId: number; listed: PrintJobView | null }) {
  const t = useT();
  const language = useLanguage();
  const status = useReceiptStatus(saleId, listed);
  if (!status) return null;
  return (
    <span className={`pill receipt-pill receipt-pill--${receiptTone(status.phase)}`} title={receiptSentence(status, t, language)}>
      {receiptBadge(status, t)}
      {status.error && (
        <span className="visually-hidden">
          {' — '}
          {hostMessageText(status.error, language)}
        </span>
      )}
    </span>
  );
}

/**
 * "Reprint" and "Preview receipt" for a paid sale. Accessible names are exactly those words;
 * `describedBy` (e.g. "Sale #12" in a row) tells the rows' buttons apart. `compact` shows icons.
 */
export function ReceiptButtons({
  saleId,
  compact = false,
  describedBy,
}: {
  saleId: number;
  compact?: boolean;
  describedBy?: string;
}) {
  const t = useT();
  const pending = useCashier((s) => s.receiptPending);
  const reprint = useCashier((s) => s.reprint);
  const openPreview = useCashier((s) => s.openPreview);
  const reprinting = pending?.saleId === saleId && pending.action === 'reprint';
  const previewing = pending?.saleId === saleId && pending.action === 'preview';
  const className = compact ? 'btn btn--icon' : 'btn';
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={pending !== null}
        aria-busy={reprinting || undefined}
        aria-label={compact ? t('receipt.reprint') : undefined}
        aria-describedby={describedBy}
        title={compact ? t('receipt.reprint') : undefined}
        onClick={() => void reprint(saleId)}
      >
        {compact ? <PrinterIcon size={22} /> : t('receipt.reprint')}
      </button>
      <button
        type="button"
        className={className}
        disabled={pending !== null}
        aria-busy={previewing || undefined}
        aria-label={compact ? t('receipt.preview') : undefined}
        aria-describedby={describedBy}
        title={compact ? t('receipt.preview') : undefined}
        onClick={() => void openPreview(saleId)}
      >
        {compact ? <ReceiptIcon size={22} /> : t('receipt.preview')}
      </button>
    </>
  );
}

export function PrinterIcon({ size = 18, warning = false }: { size?: number; warning?: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d="M7 3h10v4H7V3Zm-2 5h14a3 3 0 0 1 3 3v6h-4v4H6v-4H2v-6a3 3 0 0 1 3-3Zm3 8v3h8v-3H8Zm10-5.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z"
        fill="currentColor"
      />
      {warning && (
        <g>
          <path d="M18 11.5 24 22h-12l6-10.5Z" fill="#ffc400" stroke="#102038" strokeWidth="1" />
          <path d="M17.4 15h1.2v3.5h-1.2zM17.4 19.3h1.2v1.2h-1.2z" fill="#1a1200" />
        </g>
      )}
    </svg>
  );
}

function ReceiptIcon({ size = 18 }: { size?: number }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d="M5 2h14v20l-2.3-1.5L14.3 22 12 20.5 9.7 22l-2.4-1.5L5 22V2Zm3 5v1.6h8V7H8Zm0 4v1.6h8V11H8Zm0 4v1.6h5V15H8Z"
        fill="currentColor"
      />
    </svg>
  );
}
