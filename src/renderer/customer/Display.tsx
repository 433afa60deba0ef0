import { useEffect, useState } from 'react';
import type { DisplayState, Language } from '../../shared/contract.ts';
import { centsToRiel } from '../../shared/money.ts';
import { keyedFirst } from '../common/keyed-first.ts';
import { clockOffset, remainingMs } from '../common/countdown.ts';
import { useNow } from '../common/hooks.ts';
import { otherLanguage, translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { CashLines, ChangeLines } from './CashLines.tsx';
import { KhqrCard } from './KhqrCard.tsx';
import { paidHoldLeft } from './paid-hold.ts';

/** One message in both languages, the configured one first and larger. */
export function Both({ k, language, className = '' }: { k: MessageKey; language: Language; className?: string }) {
  const second = otherLanguage(language);
  return (
    <div className={`both ${className}`}>
      <p className="both__first" lang={language}>
        {translate(language, k)}
      </p>
      <p className="both__second" lang={second}>
        {translate(second, k)}
      </p>
    </div>
  );
}

/** What the sale is: first exactly as keyed (riel for a riel sale), then about that in the other currency. */
function AmountLine({ state }: { state: DisplayState }) {
  if (state.amountCents === null) return null;
  const { keyed, other } = keyedFirst({
    currency: state.currency ?? 'USD', amountCents: state.amountCents, amountRiel: state.amountRiel ?? centsToRiel(state.amountCents, state.khrPerUsd),
  });
  return (
    <div className="big-amount">
      <span className="big-amount__keyed num">{keyed}</span>
      <span className="big-amount__other num">≈ {other}</span>
    </div>
  );
}

/**
 * `connected`: false while the link to the host is down (web mode). The screen then says the till
 * is reconnecting rather than go on showing what may no longer be true (a QR, "Paid").
 */
export function Display({ state, connected = true }: { state: DisplayState | null; connected?: boolean }) {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (state) setOffset(clockOffset(state.serverTime, Date.now()));
  }, [state]);

  useEffect(() => {
    document.documentElement.lang = state?.language ?? 'en';
  }, [state?.language]);

  const paidOver = usePaidHoldOver(state, offset);

  if (!state) {
    return (
      <div className="screen screen--center">
        <Both k="display.connecting" language="en" className="muted" />
      </div>
    );
  }

  if (!connected) {
    return (
      <div className="screen screen--center screen--reconnecting" role="status">
        <Both k="display.reconnecting" language={state.language} className="both--calm" />
        <Both k="display.reconnectingHint" language={state.language} className="muted" />
      </div>
    );
  }

  // A few seconds after Paid the display goes back to Welcome by itself.
  const shown: DisplayState = paidOver ? { ...state, phase: 'idle', amountCents: null, amountRiel: null, currency: null, qrCents: null, cash: null } : state;
  return (
    <div className={`screen screen--${shown.phase}${shown.training ? ' screen--training' : ''}`}>
      {shown.training && <TrainingBanner language={shown.language} />}
      <Phase state={shown} offset={offset} />
    </div>
  );
}

/** True once the "Paid" screen has been shown long enough (see paid-hold.ts); re-renders on time. */
function usePaidHoldOver(state: DisplayState | null, offset: number): boolean {
  const paid = state?.phase === 'paid';
  const left = paid ? paidHoldLeft(state.paidAt, state.serverTime, Date.now(), offset) : null;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (left === null || left === 0) return undefined;
    const timer = window.setTimeout(() => setTick((n) => n + 1), left);
    return () => window.clearTimeout(timer);
  }, [left]);
  return left === 0;
}

function TrainingBanner({ language }: { language: Language }) {
  const second = otherLanguage(language);
  return (
    <>
      <div className="training-banner">
        <span lang={language}>{translate(language, 'display.training')}</span>
        <span aria-hidden="true"> · </span>
        <span lang={second}>{translate(second, 'display.training')}</span>
      </div>
      <div className="training-watermark" aria-hidden="true">
        TRAINING
      </div>
    </>
  );
}

function Phase({ state, offset }: { state: DisplayState; offset: number }) {
  const { language } = state;
  switch (state.phase) {
    case 'idle':
      return (
        <main className="phase phase--idle">
          <Both k="display.welcome" language={language} className="both--hero" />
          {state.merchantName && <p className="merchant-name">{state.merchantName}</p>}
        </main>
      );
    case 'preparing':
      return (
        <main className="phase phase--preparing">
          <AmountLine state={state} />
          <div className="spinner spinner--big" aria-hidden="true" />
          <Both k="display.preparing" language={language} />
        </main>
      );
    case 'awaiting':
    case 'expired':
      return <Awaiting state={state} offset={offset} />;
    case 'paid':
      return (
        <main className="phase phase--paid">
          <svg className="tick" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
            <circle cx="60" cy="60" r="56" fill="#0b7a34" />
            <path d="M34 62 l18 18 l36 -40" fill="none" stroke="#fff" strokeWidth="11" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <Both k="display.paid" language={language} className="both--hero both--paid" />
          <AmountLine state={state} />
          {state.cash && <ChangeLines cash={state.cash} language={language} />}
          <Both k="display.thanks" language={language} className="both--thanks" />
        </main>
      );
    case 'tendering':
      return (
        <main className="phase phase--tendering">
          <Both k="display.toPay" language={language} />
          <AmountLine state={state} />
          {state.cash && <CashLines cash={state.cash} language={language} />}
        </main>
      );
    case 'voided':
      return (
        <main className="phase phase--outcome">
          <Both k="display.voided" language={language} className="both--hero" />
        </main>
      );
    case 'cancelled':
      return (
        <main className="phase phase--outcome">
          <Both k="display.cancelled" language={language} className="both--hero" />
          <AmountLine state={state} />
          {state.stillChecking && <Both k="display.stillChecking" language={language} />}
        </main>
      );
    case 'failed':
      return (
        <main className="phase phase--outcome">
          <Both k="display.failed" language={language} className="both--hero" />
        </main>
      );
    default:
      return null;
  }
}

function Awaiting({ state, offset }: { state: DisplayState; offset: number }) {
  const now = useNow(state.phase === 'awaiting' && state.expiresAt !== null);
  const left = state.expiresAt === null ? null : remainingMs(state.expiresAt, now, offset);
  // Time is up on the host's clock: stop showing the QR even before the host says "expired".
  const expired = state.phase === 'expired' || left === 0;
  return (
    <main className={`phase phase--awaiting${expired ? ' phase--expired' : ''}`}>
      <KhqrCard state={state} remaining={left} expired={expired} />
      <aside className="instructions">
        {expired ? (
          <>
            <Both k="display.expired" language={state.language} className="both--hero both--expired" />
            {/* Still checking: a customer who already paid must wait, not pay a second time. */}
            <Both k={state.stillChecking ? 'display.stillChecking' : 'display.expiredHint'} language={state.language} />
          </>
        ) : (
          <>
            <Both k="display.scan" language={state.language} className="both--scan" />
            <AmountLine state={state} />
            {state.cash && <CashLines cash={state.cash} language={state.language} />}
          </>
        )}
      </aside>
    </main>
  );
}
