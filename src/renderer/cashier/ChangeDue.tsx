import type { SaleView } from '../../shared/contract.ts';
import { formatMoney } from '../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { isPartlyPaid } from './cash-tender.ts';
import { useT } from './useT.ts';

/** Each tender that paid towards the sale (cash, KHQR) and, while some is still due, what is left in both currencies. */
export function TenderLines({ sale }: { sale: SaleView }) {
  const t = useT();
  const paid = sale.tenders.filter((x) => x.status === 'paid' && !x.overpaid);
  const { remaining } = sale.settlement;
  return (
    <dl className="payment__tenders num" data-testid="sale-tenders">
      <div>
        <dt>{t('payment.tendered')}</dt>
        <dd>
          {paid.map((x) => t(x.kind === 'cash' ? 'payment.tender.cash' : 'payment.tender.khqr', { amount: formatMoney({ currency: x.currency, amount: x.amount }) })).join(' + ')}
        </dd>
      </div>
      {(isPartlyPaid(sale) || sale.saleStatus === 'open') && (
        <div>
          <dt>{t('payment.left')}</dt>
          <dd>{formatUsd(remaining.usd)} · {formatRiel(remaining.khr)}</dd>
        </div>
      )}
    </dl>
  );
}

/** The change to hand back, large, in dollars and in riel (each part in its own currency), once the sale is paid. */
export function ChangeDue({ sale }: { sale: SaleView }) {
  const t = useT();
  const { change } = sale.settlement;
  const none = change.usd === 0 && change.khr === 0;
  return (
    <div className="change-due" data-testid="change-due">
      <TenderLines sale={sale} />
      <p className="change-due__label">{none ? t('payment.noChange') : t('payment.change')}</p>
      {!none && (
        <p className="change-due__amounts num">
          <span className="change-due__usd">{formatUsd(change.usd)}</span>
          <span className="change-due__khr">{formatRiel(change.khr)}</span>
        </p>
      )}
    </div>
  );
}
