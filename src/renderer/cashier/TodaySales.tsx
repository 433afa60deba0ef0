import { formatRiel, formatUsd } from '../../shared/money.ts';
import { keyedFirst } from '../common/keyed-first.ts';
import { formatClock } from '../common/countdown.ts';
import { STATUS_KEYS, type MessageKey } from '../i18n/index.ts';
import { ReceiptBadge, ReceiptButtons } from './Receipt.tsx';
import { memo, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSalesList } from './sales-list.ts';
import { saleStage, type SaleStage } from './sale.ts';
import { useCashier } from './store.ts';
import { useT } from './useT.ts';
import type { CashierState, SaleListItem, SaleView } from '../../shared/contract.ts';

/** Who the sale's QR pays and its full reference (the md5 the sandbox and support ask for). */
function SaleDetails({ sale }: { sale: SaleView }) {
  const t = useT();
  const elsewhere = sale.receivingAccount !== null && sale.receivingAccount !== sale.bakongId;
  return (
    <details className="today__details">
      <summary>{t('today.details')}</summary>
      <dl>
        <dt>{t('today.receivingAccount')}</dt>
        <dd className={elsewhere ? 'today__elsewhere' : undefined}>
          {sale.receivingAccount ?? t('today.noQr')}
          {elsewhere && <> ({t('today.otherAccount')})</>}
        </dd>
        <dt>{t('today.reference')}</dt>
        <dd className="today__md5">{sale.md5 ?? t('today.noQr')}</dd>
      </dl>
      <TenderList sale={sale} />
    </details>
  );
}

/** A sale's status pill: its tender's, or partly paid in cash, or voided. */
const LIST_STATUS: Record<SaleStage, MessageKey> = { ...STATUS_KEYS, partly: 'payment.partlyPaid', voided: 'payment.voided' };

/** Every attempt to pay the sale (its tenders), oldest first: a New QR is a second attempt of the same sale. */
function TenderList({ sale }: { sale: SaleView }) {
  const t = useT();
  return (
    <>
      <h3 className="today__tenders-title">{t('today.tenders')}</h3>
      <ol className="today__tenders" aria-label={t('today.tenders')}>
        {sale.tenders.map((tender) => (
          <li key={tender.id}>
            {t(tender.kind === 'cash' ? 'today.tenderCash' : 'today.tenderKhqr', { tender: tender.id })} · <span className="num">{tender.currency === 'USD' ? formatUsd(tender.amount) : formatRiel(tender.amount)}</span> · {t(STATUS_KEYS[tender.status])}
            {tender.paidLate && <> · {t('today.late')}</>}
            {tender.overpaid && <strong className="today__elsewhere"> · {t('today.tenderOverpaid')}</strong>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Today's sales, newest first (fetched by page, see sales-list.ts), with the day's paid totals. */
export function TodaySales() {
  const t = useT();
  const today = useSalesList((s) => s.rows);
  const loaded = useSalesList((s) => s.loaded !== null);
  const more = useSalesList((s) => s.nextBefore !== null);
  const loadingMore = useSalesList((s) => s.loadingMore);
  const loadMore = useSalesList((s) => s.loadMore);
  // Every pushed state says which revision of the list is current; the newest page follows it.
  // Not while a sale is asking for its QR: the host is busy with what the customer waits for, and
  // the state with the QR (a newer revision) comes right after.
  useEffect(() => {
    const follow = (state: CashierState | null): void => {
      if (!state || state.current?.status === 'creating') return;
      void useSalesList.getState().sync(`${state.totals.day}|${state.salesRevision}`, state.totals.day);
    };
    follow(useCashier.getState().state);
    return useCashier.subscribe((s) => follow(s.state));
  }, []);
  // Field by field: a push with the same totals (most of them) does not render the list again.
  const totals = useCashier(useShallow((s) => s.state?.totals ?? null));
  // The host never counts training sales in the totals; in training mode that must be said.
  const training = useCashier((s) => s.state?.mode === 'training');
  // The sale in the payment panel has its receipt buttons there; its row does not repeat them.
  const currentId = useCashier((s) => s.state?.current?.id ?? null);

  return (
    <section className="panel today" aria-labelledby="today-title">
      <div className="today__head">
        <h2 id="today-title" className="panel__title">
          {t('today.title')}
        </h2>
        {totals && (
          <p className="today__totals">
            <span>{t('today.paidCount', { count: totals.paidCount })}</span>
            <span>
              {t('today.paidTotal')} <strong className="num">{formatUsd(totals.paidCents)}</strong>{' '}
              <span className="num today__riel">≈ {formatRiel(totals.paidRiel)}</span>
            </span>
            {training && <span className="today__excluded">{t('today.trainingExcluded')}</span>}
            {/* An overpayment is in the total (money the shop holds) but owed back: shown apart, not as a sale. */}
            {totals.overpaidCount > 0 && (
              <span className="today__overpaid">
                {t('today.overpaid', { count: totals.overpaidCount, amount: formatUsd(totals.overpaidCents) })}
              </span>
            )}
            {/* Money paid to an allowed account is not the shop's takings: shown apart, never added in. */}
            {totals.otherAccountCount > 0 && (
              <span className="today__elsewhere">
                {t('today.otherAccounts', { count: totals.otherAccountCount, amount: formatUsd(totals.otherAccountCents) })}
              </span>
            )}
          </p>
        )}
      </div>
      {today.length === 0 ? (
        loaded && <p className="today__empty">{t('today.empty')}</p>
      ) : (
        <div className="today__scroll" tabIndex={0} aria-label={t('today.title')}>
          <table className="today__table">
            <thead>
              <tr>
                <th scope="col" className="today__time">
                  {t('today.time')}
                </th>
                <th scope="col">{t('today.sale')}</th>
                <th scope="col" className="today__right">
                  {t('today.amount')}
                </th>
                <th scope="col">{t('today.status')}</th>
                <th scope="col">{t('today.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {today.map((sale) => (
                <SaleRow key={sale.id} sale={sale} current={sale.id === currentId} />
              ))}
            </tbody>
          </table>
          {more && (
            <button type="button" className="btn today__more" aria-busy={loadingMore || undefined} onClick={() => void loadMore()}>
              {t('today.showMore')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * One sale's row. Memoised: the cashier state is pushed about once a second while a QR waits, and
 * none of those pushes changes a row (a changed sale or receipt comes as a new row from sales.page;
 * a receipt printing now is followed by ReceiptBadge itself), so the table is not rendered again.
 */
/** The sale's amount as keyed (a riel sale in riel), then about that in the other currency. */
function AmountCell({ sale }: { sale: SaleListItem }) {
  const { keyed, other } = keyedFirst(sale);
  return (
    <>
      {keyed}
      <span className="today__riel today__row-riel"> ≈ {other}</span>
    </>
  );
}

const SaleRow = memo(function SaleRow({ sale, current }: { sale: SaleListItem; current: boolean }) {
  const t = useT();
  return (
    <tr>
      {/* On a narrow screen the time column folds into the sale column (CSS shows one or the other). */}
      <td className="num today__time">{formatClock(sale.createdAt)}</td>
      <td className="num">
        #{sale.id}
        <span className="today__time-inline">{formatClock(sale.createdAt)}</span>
        <SaleDetails sale={sale} />
      </td>
      <td className="num today__right">
        <AmountCell sale={sale} />
      </td>
      <td className="today__status">
        <span className={`pill pill--${saleStage(sale)}`}>{t(LIST_STATUS[saleStage(sale)])}</span>
        {sale.paidLate && <span className="pill pill--late">{t('today.late')}</span>}
        {sale.training && <span className="pill pill--training-mini">{t('today.training')}</span>}
      </td>
      <td className="today__receipt">
        {sale.status === 'paid' && (
          <div className="today__receipt-cell">
            <ReceiptBadge saleId={sale.id} listed={sale.receipt} />
            {!current && (
              <span className="today__actions">
                <span id={`today-sale-${sale.id}`} className="visually-hidden">
                  {t('receipt.rowSale', { id: sale.id })}
                </span>
                <ReceiptButtons saleId={sale.id} compact describedBy={`today-sale-${sale.id}`} />
              </span>
            )}
          </div>
        )}
      </td>
    </tr>
  );
});
