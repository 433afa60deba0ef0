import { useEffect } from 'react';
import { centsToRiel, formatRiel } from '../../shared/money.ts';
import { Alerts } from './Alerts.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { AMOUNT_ID } from './focus.ts';
import { Keypad } from './Keypad.tsx';
import { keyboardAction, keyedCents, splitDisplay } from './keypad.ts';
import { PaymentPanel } from './PaymentPanel.tsx';
import { ReceiptPreviewDialog } from './ReceiptPreviewDialog.tsx';
import { errorShownAsFailedSale, isUnresolved } from './sale.ts';
import { useCashier } from './store.ts';
import { TodaySales } from './TodaySales.tsx';
import { useT } from './useT.ts';

/** True when a key press belongs to a form field (or an open dialog), not to the keypad. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Physical keyboard and numpad drive the keypad while the Sell view is shown. Enter means Charge,
 * except on a control the cashier reached with Tab (then Enter keeps its own meaning, e.g. Check
 * now); a button last touched with the mouse or finger does not swallow Enter.
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
      const action = keyboardAction(event);
      if (!action) return;
      if (action === 'charge') {
        const target = event.target instanceof HTMLElement ? event.target : null;
        const onControl = target?.closest('button, a, [role="button"]') && !target.closest('[data-keypad]');
        if (onControl && tabbing) return;
        event.preventDefault();
        void useCashier.getState().charge();
        return;
      }
      event.preventDefault();
      useCashier.getState().press(action);
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}

function AmountDisplay() {
  const t = useT();
  const text = useCashier((s) => s.keypadText);
  const rate = useCashier((s) => s.state?.khrPerUsd ?? 0);
  // A payment is being taken: the keypad waits for it (see acceptsKey), and says so.
  const locked = useCashier((s) => isUnresolved(s.state?.current));
  const cents = keyedCents(text);
  const { typed, pending } = splitDisplay(text);
  return (
    <div className={`amount${locked ? ' amount--locked' : ''}`}>
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
          <span>≈ {formatRiel(centsToRiel(cents, rate))}</span>
          <span className="amount__rate">{t('sell.rate', { rate: formatRiel(rate) })}</span>
        </div>
      )}
    </div>
  );
}

export function SellView() {
  const error = useCashier((s) => s.error);
  // A failed charge is told by the payment panel (its sale shows as failed); no second banner.
  const shownInPanel = useCashier((s) => errorShownAsFailedSale(s.error, s.errorOrigin, s.state?.current));
  const dismissError = useCashier((s) => s.dismissError);
  useKeyboard();
  return (
    <main className="sell">
      <div className="sell__left">
        <AmountDisplay />
        <Keypad />
      </div>
      {/* Alerts and errors live in this column, so they never move the keypad mid-sale. */}
      <div className="sell__right">
        <Alerts />
        {error && !shownInPanel && <ErrorBanner error={error} onDismiss={dismissError} />}
        <PaymentPanel />
        <TodaySales />
      </div>
      <ReceiptPreviewDialog />
    </main>
  );
}
