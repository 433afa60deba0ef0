import { useEffect } from 'react';
import { inBothCurrencies } from '../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { Alerts } from './Alerts.tsx';
import { isPartlyPaid } from './cash-tender.ts';
import { useCash } from './cash-store.ts';
import { CashTender } from './CashTender.tsx';
import { handleCashKey } from './cash-keyboard.ts';
import { CurrencyToggle } from './CurrencyToggle.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { AMOUNT_ID, focusAmount } from './focus.ts';
import { Keypad } from './Keypad.tsx';
import { keyedAmount, splitDisplayIn } from './keyed-money.ts';
import { isKeypadKey, keyboardAction } from './keypad.ts';
import { openCash } from './open-cash.ts';
import { PaymentPanel } from './PaymentPanel.tsx';
import { refusalText } from './refusal-text.ts';
import { ReceiptPreviewDialog } from './ReceiptPreviewDialog.tsx';
import { refusalBeep } from './refusal-feedback.ts';
import { enterAction, errorShownAsFailedSale, isOver, isUnresolved } from './sale.ts';
import { useCashier } from './store.ts';
import { TodaySales } from './TodaySales.tsx';
import { useT } from './useT.ts';

/** True when a key press belongs to a form field (or an open dialog), not to the keypad. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Physical keyboard and numpad drive the keypad while the Sell view is shown (README lists the
 * keys). Enter means Charge, or New sale once the sale is over and no amount is keyed, except on a
 * control the cashier reached with Tab (then Enter keeps its own meaning, e.g. Check now); a button
 * last touched with the mouse or finger does not swallow Enter. Esc asks to cancel the payment
 * waiting for the customer (the same confirmation as the Cancel button), else clears the amount.
 * N is New sale once the sale is over. A character an amount cannot hold is refused visibly.
 */
function useKeyboard(): void {
  useEffect(() => {
    let tabbing = false;
    const onPointerDown = () => {
      tabbing = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Tab') tabbing = true;
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      // The cash screen has keys of its own (cash-keys.ts).
      if (cashScreenShown()) return handleCashKey(event, tabbing);
      const action = keyboardAction(event);
      if (!action) return;
      const store = useCashier.getState();
      const current = store.state?.current;
      if (action === 'charge') {
        const target = event.target instanceof HTMLElement ? event.target : null;
        const onControl = target?.closest('button, a, [role="button"]') && !target.closest('[data-keypad]');
        if (onControl && tabbing) return;
        event.preventDefault();
        if (enterAction(store.keypadText, current) === 'newSale') startNewSale();
        else void store.charge();
        return;
      }
      event.preventDefault();
      if (action === 'escape') {
        if (current?.status === 'awaiting_payment') store.askCancel();
        else store.press('clear');
      } else if (action === 'newSale') {
        if (isOver(current)) startNewSale();
        else if (isUnresolved(current)) store.refuse('locked');
      } else if (action === 'currency') {
        if (isUnresolved(current)) store.refuse('locked');
        else store.toggleCurrency();
      } else if (action === 'cash') {
        openCash();
      } else if (action === 'invalid') {
        store.refuse('notAmount');
      } else if (isKeypadKey(action)) {
        store.press(action);
      }
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}

/** New sale from a key: same as the button (and the focus returns to the amount). */
function startNewSale(): void {
  const store = useCashier.getState();
  if (!store.hostReachable) return;
  void store.newSale().then((ok) => ok && focusAmount());
}

/** The cash screen takes the place of the amount: opened by Cash, and while a sale is partly paid in cash. */
function cashScreenShown(): boolean {
  return useCash.getState().due !== null || isPartlyPaid(useCashier.getState().state?.current);
}

function useCashScreenShown(): boolean {
  const opened = useCash((s) => s.due !== null);
  const partlyPaid = useCashier((s) => isPartlyPaid(s.state?.current));
  return opened || partlyPaid;
}

function AmountDisplay() {
  const t = useT();
  const text = useCashier((s) => s.keypadText);
  const refusal = useCashier((s) => s.refusal);
  useEffect(() => {
    if (refusal) refusalBeep();
  }, [refusal]);
  const rate = useCashier((s) => s.state?.khrPerUsd ?? 0);
  const currency = useCashier((s) => s.keyedCurrency);
  const toggleCurrency = useCashier((s) => s.toggleCurrency);
  // A payment is being taken: the keypad waits for it (see acceptsKey), and says so.
  const locked = useCashier((s) => isUnresolved(s.state?.current));
  const amount = keyedAmount(currency, text);
  const { typed, pending } = splitDisplayIn(currency, text);
  // The other currency, as the sale would be settled: riel to 100 ៛, cents rounded half up.
  const other = rate > 0 && amount > 0 ? inBothCurrencies({ currency, amount }, rate) : { usd: 0, khr: 0 };
  // Two identical animations by turns, so each refusal restarts the shake (or flash).
  const refusedClass = refusal ? ` amount--refused amount--refused-${refusal.seq % 2 ? 'a' : 'b'}` : '';
  return (
    <div className={`amount${locked ? ' amount--locked' : ''}${refusedClass}`}>
      <div className="amount__head">
        <span id="amount-label" className="amount__label">
          {t('sell.amount')}
        </span>
        {locked && (
          <span id="amount-locked" className="amount__locked">
            {t('sell.finishFirst')}
          </span>
        )}
      </div>
      <output
        id={AMOUNT_ID}
        tabIndex={-1}
        className="amount__usd num"
        aria-labelledby="amount-label"
        aria-describedby={locked ? 'amount-locked' : undefined}
      >
        <span className="amount__typed">{typed}</span>
        <span className="amount__pending">{pending}</span>
      </output>
      {rate > 0 && (
        <div className="amount__khr num">
          <span>≈ {currency === 'USD' ? formatRiel(other.khr) : formatUsd(other.usd)}</span>
          <span className="amount__rate">{t('sell.rate', { rate: formatRiel(rate) })}</span>
        </div>
      )}
      {/* Always present, so each refusal is announced; "finish this payment" is already shown above. */}
      <p
        id="amount-refusal"
        role="status"
        className={`amount__refusal${!refusal || refusal.reason === 'locked' ? ' visually-hidden' : ''}`}
      >
        {refusal ? t(...refusalText(refusal.reason)) : ''}
      </p>
      <CurrencyToggle
        label={t('sell.currency')}
        value={currency}
        disabled={locked}
        onChange={(to) => to !== currency && toggleCurrency()}
      />
    </div>
  );
}

export function SellView() {
  const error = useCashier((s) => s.error);
  // A failed charge is told by the payment panel (its sale shows as failed); no second banner.
  const shownInPanel = useCashier((s) => errorShownAsFailedSale(s.error, s.errorOrigin, s.state?.current));
  const dismissError = useCashier((s) => s.dismissError);
  const errorIsLink = useCashier((s) => s.errorIsLink);
  useKeyboard();
  const cash = useCashScreenShown();
  // Someone else signed in: a cash screen opened for the one before (no sale yet) closes.
  const userId = useCashier((s) => s.state?.auth?.user?.id);
  useEffect(() => useCash.getState().close(), [userId]);
  return (
    <main className="sell">
      <div className="sell__left">
        {cash ? (
          <CashTender />
        ) : (
          <>
            <AmountDisplay />
            <Keypad />
          </>
        )}
      </div>
      {/* Alerts and errors live in this column, so they never move the keypad mid-sale. */}
      <div className="sell__right">
        <Alerts />
        {error && !shownInPanel && <ErrorBanner error={error} link={errorIsLink} onDismiss={dismissError} />}
        <PaymentPanel />
        <TodaySales />
      </div>
      <ReceiptPreviewDialog />
    </main>
  );
}
