import type { SaleView, WatchView } from '../../shared/contract.ts';
import { formatMoney } from '../../shared/cash/index.ts';
import { formatUsd } from '../../shared/money.ts';
import { keyedFirst } from '../common/keyed-first.ts';
import { countdownText, formatClock } from '../common/countdown.ts';
import { useNow, useQrImage } from '../common/hooks.ts';
import { describeError, hostText } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { focusAmount } from './focus.ts';
import { KeyHint } from './KeyHint.tsx';
import { cashTendered, isPartlyPaid } from './cash-tender.ts';
import { ChangeDue, TenderLines } from './ChangeDue.tsx';
import { ReceiptButtons, ReceiptLine } from './Receipt.tsx';
import { errorShownAsFailedSale, outcomeNote, saleStage, type SaleStage } from './sale.ts';
import { useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';


const STATUS_TEXT: Record<SaleStage, MessageKey> = {
  partly: 'payment.partlyPaid',
  voided: 'payment.voided',
  creating: 'payment.creating',
  awaiting_payment: 'payment.awaiting',
  paid: 'payment.paid',
  expired: 'payment.expired',
  cancelled: 'payment.cancelled',
  failed: 'payment.failed',
};


/** The payment being taken now, or the outcome of the last one until the cashier starts a new sale. */
export function PaymentPanel() {
  const t = useT();
  const sale = useCashier((s) => s.state?.current ?? null);
  const watch = useCashier((s) => s.state?.watch ?? null);

  return (
    <section className="panel payment" aria-labelledby="payment-title">
      <h2 id="payment-title" className="panel__title">
        {t('payment.title')}
        {sale && <span className="payment__sale num"> · {t('payment.sale', { id: sale.id })}</span>}
      </h2>
      {/* One live region that always exists, so each change of state is announced. */}
      <p
        role="status"
        aria-atomic="true"
        className={`payment__status${sale ? ` payment__status--${saleStage(sale)}` : ' visually-hidden'}`}
      >
        {sale ? t(STATUS_TEXT[saleStage(sale)]) : ''}
      </p>
      {sale ? <SaleDetails sale={sale} watch={watch} /> : <p className="payment__hint">{t('payment.none')}</p>}
    </section>
  );
}

/** What is due, first in the currency it was keyed in, then about that in the other. */
function Amount({ sale }: { sale: SaleView }) {
  const { keyed, other } = keyedFirst(sale);
  return (
    <div className="payment__amount">
      <span className="payment__usd num">{keyed}</span>
      <span className="payment__khr num">≈ {other}</span>
    </div>
  );
}

function SaleDetails({ sale, watch }: { sale: SaleView; watch: WatchView | null }) {
  const t = useT();
  if (sale.status === 'creating') {
    return (
      <div className="payment__body">
        <Amount sale={sale} />
        <div className="spinner" aria-hidden="true" />
      </div>
    );
  }
  if (sale.status === 'awaiting_payment') return <Awaiting sale={sale} watch={watch} />;
  if (isPartlyPaid(sale)) {
    return (
      <div className="payment__body">
        <Amount sale={sale} />
        <TenderLines sale={sale} />
      </div>
    );
  }
  if (sale.saleStatus === 'voided') return <Voided sale={sale} />;
  return <Outcome sale={sale} watch={watch} t={t} />;
}

/** The payment buttons are off while a command is on its way or the host cannot be reached. */
function useButtonsOff(): boolean {
  return useCashier((s) => s.pending !== null || !s.hostReachable);
}

/**
 * The last check could not reach the payment service (the outcome is not known yet). That its
 * outcome could not be saved (a full disk) is said above every tab (LedgerUnwritable.tsx): the
 * state's ledgerUnwritable includes this sale's watch.
 */
function WatchWarning({ watch }: { watch: WatchView | null }) {
  const t = useT();
  const language = useLanguage();
  if (!watch?.apiUnreachable) return null;
  const apiProblem = watch.apiUnreachable ? hostText(language, watch.lastError) : null;
  return (
    <div className="banner payment__warn banner--warn">
      <div className="banner__text">
        <strong>{t('payment.unreachable')}</strong>
        {apiProblem && (
          <span className="banner__detail" lang={language}>
            {apiProblem}
          </span>
        )}
        {watch.lastCheckedAt !== null && (
          <span className="banner__detail">{t('payment.lastChecked', { time: formatClock(watch.lastCheckedAt) })}</span>
        )}
      </div>
    </div>
  );
}

function Awaiting({ sale, watch }: { sale: SaleView; watch: WatchView | null }) {
  const t = useT();
  const offset = useCashier((s) => s.clockOffset);
  const pending = useCashier((s) => s.pending);
  const off = useButtonsOff();
  const checkNow = useCashier((s) => s.checkNow);
  const cancelPayment = useCashier((s) => s.cancelPayment);
  const simulatePayment = useCashier((s) => s.simulatePayment);
  const newQr = useCashier((s) => s.newQr);
  const now = useNow(sale.expiresAt !== null);
  const qr = useQrImage(sale.khqrString, 128);
  // Opened by the Cancel button or Esc; the store closes it if the sale is resolved meanwhile.
  const confirming = useCashier((s) => s.confirmingCancel);
  const askCancel = useCashier((s) => s.askCancel);
  const keepWaiting = useCashier((s) => s.keepWaiting);

  return (
    <div className="payment__body payment__body--awaiting">
      <div className="payment__main">
        <Amount sale={sale} />
        {sale.expiresAt !== null && (
          <p className="payment__countdown">
            <span>{t('payment.timeLeft')}</span>{' '}
            <span className="num payment__time">{countdownText(sale.expiresAt, now, offset)}</span>
          </p>
        )}
        {sale.training && <p className="payment__training">{t('payment.trainingSale')}</p>}
        {cashTendered(sale).length > 0 && <TenderLines sale={sale} />}
      </div>
      <div className="payment__qr">
        {qr && 'url' in qr && <img src={qr.url} alt={t('payment.qrPreview')} className="qr-preview" width={qr.cssSize} height={qr.cssSize} />}
      </div>
      <WatchWarning watch={watch} />
      <div className="payment__actions">
        <button type="button" className="btn btn--primary" disabled={off} onClick={() => void checkNow()}>
          {pending === 'checkNow' ? t('payment.checking') : t('payment.checkNow')}
        </button>
        <button
          type="button"
          className="btn btn--danger-outline"
          disabled={off}
          aria-keyshortcuts="Escape"
          onClick={askCancel}
        >
          {t('payment.cancel')}
          <KeyHint keys="Esc" />
        </button>
        <button type="button" className="btn" disabled={off} onClick={() => void newQr()}>
          {t('payment.newQr')}
        </button>
        {sale.training && (
          <button
            type="button"
            className="btn btn--training"
            disabled={off}
            onClick={() => void simulatePayment()}
          >
            {t('payment.simulate')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('confirm.title')}
        body={t('confirm.body', { amount: formatUsd(sale.amountCents) })}
        confirmLabel={t('confirm.yes')}
        keepLabel={t('confirm.no')}
        onKeep={keepWaiting}
        onConfirm={() => void cancelPayment()}
      />
    </div>
  );
}

/** New sale (Enter or N once the sale is over): the focus goes back to the amount. */
function NewSaleButton() {
  const t = useT();
  const off = useButtonsOff();
  const newSale = useCashier((s) => s.newSale);
  return (
    <button
      type="button"
      className="btn btn--primary btn--wide"
      disabled={off}
      aria-keyshortcuts="Enter N"
      onClick={() => void newSale().then((ok) => ok && focusAmount())}
    >
      {t('payment.newSale')}
      <KeyHint keys="Enter · N" />
    </button>
  );
}

function Outcome({ sale, watch, t }: { sale: SaleView; watch: WatchView | null; t: ReturnType<typeof useT> }) {
  const off = useButtonsOff();
  const newQr = useCashier((s) => s.newQr);
  const note = outcomeNote(sale, watch);
  return (
    <div className="payment__body">
      <Amount sale={sale} />
      {sale.status === 'paid' && sale.paidAt !== null && (
        <p className="payment__note">{t('payment.paidAt', { time: formatClock(sale.paidAt) })}</p>
      )}
      {sale.status === 'paid' && sale.paidLate && <p className="payment__note payment__late">{t('payment.paidLate')}</p>}
      {sale.status === 'paid' && cashTendered(sale).length > 0 && <ChangeDue sale={sale} />}
      {sale.status === 'paid' && <ReceiptLine saleId={sale.id} />}
      {note && (
        <p className={`payment__note${note === 'payment.stillChecking' ? ' payment__checking' : ''}`}>{t(note)}</p>
      )}
      {note === 'payment.stillChecking' && <WatchWarning watch={watch} />}
      {sale.status === 'failed' && <FailureReason sale={sale} />}
      <div className="payment__actions">
        <NewSaleButton />
        {sale.status !== 'paid' && (
          <button type="button" className="btn" disabled={off} onClick={() => void newQr()}>
            {t('payment.newQrSame')}
          </button>
        )}
        {sale.status === 'paid' && <ReceiptButtons saleId={sale.id} />}
      </div>
    </div>
  );
}

/** A sale voided after cash was tendered: the cash went back; New sale is next. */
function Voided({ sale }: { sale: SaleView }) {
  const t = useT();
  return (
    <div className="payment__body">
      <Amount sale={sale} />
      <p className="payment__note">{t('payment.voidedHint', { amount: cashTendered(sale).map(formatMoney).join(' + ') })}</p>
      <div className="payment__actions">
        <NewSaleButton />
      </div>
    </div>
  );
}

/**
 * Why the sale failed: a translated headline (from the charge's error code when this screen made the
 * charge, else a general one), then the host's English specifics. An alert, since it replaces the
 * error banner for that charge.
 */
function FailureReason({ sale }: { sale: SaleView }) {
  const t = useT();
  const language = useLanguage();
  const error = useCashier((s) => s.error);
  const origin = useCashier((s) => s.errorOrigin);
  const fromCharge = error && errorShownAsFailedSale(error, origin, sale) ? describeError(language, error) : null;
  const headline = fromCharge?.headline ?? t('payment.failedHint');
  const detail = hostText(language, sale.failureReason) || fromCharge?.detail || null;
  return (
    <div className="payment__reason" role="alert">
      <strong>{headline}</strong>
      {detail && detail !== headline && (
        <span className="payment__reason-detail" lang={language}>
          {detail}
        </span>
      )}
    </div>
  );
}
