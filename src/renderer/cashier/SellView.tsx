import { useEffect } from 'react';
import { centsToRiel, formatRiel } from '../../shared/money.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Keypad } from './Keypad.tsx';
import { keyboardAction, keyedCents, splitDisplay } from './keypad.ts';
import { PaymentPanel } from './PaymentPanel.tsx';
import { ReceiptPreviewDialog } from './ReceiptPreviewDialog.tsx';
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
  const cents = keyedCents(text);
  const { typed, pending } = splitDisplay(text);
  return (
    <div className="amount">
      <div id="amount-label" className="amount__label">
        {t('sell.amount')}
      </div>
      <output className="amount__usd num" aria-labelledby="amount-label">
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
  const dismissError = useCashier((s) => s.dismissError);
  useKeyboard();
  return (
    <main className="sell">
      <div className="sell__left">
        <AmountDisplay />
        <Keypad />
      </div>
      <div className="sell__right">
        {error && <ErrorBanner error={error} onDismiss={dismissError} />}
        <PaymentPanel />
        <TodaySales />
      </div>
      <ReceiptPreviewDialog />
    </main>
  );
}
