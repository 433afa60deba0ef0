import { useEffect } from 'react';
import type { Currency } from '../../shared/contract.ts';
import { QUICK_CASH, formatMoney } from '../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { hostText } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { CHANGE_OPTIONS, noteLabel, previewTender, type ChangeOption } from './cash-tender.ts';
import { cashTarget, useCash } from './cash-store.ts';
import { CurrencyToggle } from './CurrencyToggle.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { KeyHint } from './KeyHint.tsx';
import { DigitKeys, Key } from './Keypad.tsx';
import { keyedMoney, splitDisplayIn } from './keyed-money.ts';
import { refusalBeep } from './refusal-feedback.ts';
import { refusalText } from './refusal-text.ts';
import { useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';
import { VoidDialog } from './VoidDialog.tsx';

const OPTION_TEXT: Record<ChangeOption, MessageKey> = {
  default: 'tender.change.default',
  usd: 'tender.change.usd',
  khr: 'tender.change.khr',
};

const both = (m: { usd: number; khr: number }) => ({ usd: formatUsd(m.usd), khr: formatRiel(m.khr) });

/**
 * The cash screen (README, "Taking cash"): what is due and what is left in both currencies, the cash
 * handed over typed or added note by note, Exact, the change choice and what it would give, then
 * Take cash. Once something is tendered: more cash, a KHQR for the rest, or Void with an owner's or
 * manager's PIN. Every button has its key, shown on it.
 */
export function CashTender() {
  const t = useT();
  const language = useLanguage();
  const cash = useCash();
  // Re-read the sale the screen tenders on whenever the host's state changes.
  const current = useCashier((s) => s.state?.current ?? null);
  const reachable = useCashier((s) => s.hostReachable);
  const target = cashTarget(cash.due);
  useEffect(() => {
    if (cash.refusal) refusalBeep();
  }, [cash.refusal]);
  if (!target) return null;
  const typed = keyedMoney(cash.currency, cash.text);
  const before = previewTender(target, null, cash.option);
  const after = previewTender(target, typed, cash.option);
  const left = before.kind === 'nothing' ? before.remaining : { usd: 0, khr: 0 };
  const { typed: shown, pending } = splitDisplayIn(cash.currency, cash.text);
  const started = target.saleId !== null;
  const off = cash.busy || !reachable;

  return (
    <section className="tender" aria-labelledby="tender-title" data-testid="cash-tender">
      <h2 id="tender-title" className="panel__title">{t('tender.title')}</h2>
      <dl className="tender__figures num">
        <div>
          <dt>{t('tender.due')}</dt>
          <dd>{formatMoney(target.due)}</dd>
        </div>
        {started && (
          <div>
            <dt>{t('tender.tendered')}</dt>
            <dd>{target.tendered.map(formatMoney).join(' + ')}</dd>
          </div>
        )}
        <div className="tender__left" data-testid="cash-left">
          <dt>{t('tender.left')}</dt>
          <dd>{formatUsd(left.usd)} · {formatRiel(left.khr)}</dd>
        </div>
      </dl>
      {cash.error && !cash.voiding && <ErrorBanner error={cash.error} onDismiss={cash.dismissError} />}
      <CurrencyToggle label={t('tender.currency')} value={cash.currency} onChange={(c) => c !== cash.currency && cash.toggleCurrency()} />
      <div className={`amount tender__amount${cash.refusal ? ` amount--refused amount--refused-${cash.refusal.seq % 2 ? 'a' : 'b'}` : ''}`}>
        <span id="tender-amount-label" className="amount__label">{t('tender.amount')}</span>
        <output className="amount__usd num" aria-labelledby="tender-amount-label" data-testid="cash-typed">
          <span className="amount__typed">{shown}</span>
          <span className="amount__pending">{pending}</span>
        </output>
        <p role="status" className="tender__preview" data-testid="cash-preview">
          {after.kind === 'short' && t('tender.willLeave', both(after.remaining))}
          {after.kind === 'covered' && t('tender.willGive', both(after.change))}
          {after.kind === 'refused' && <span className="tender__refused">{hostText(language, after.message)}</span>}
        </p>
        <p role="status" className={`amount__refusal${cash.refusal ? '' : ' visually-hidden'}`}>
          {cash.refusal ? t(...refusalText(cash.refusal.reason)) : ''}
        </p>
      </div>
      <QuickCash currency={cash.currency} onNote={cash.note} onExact={cash.exact} disabled={off} />
      <fieldset className="tender__change">
        <legend>
          {t('tender.change')} <KeyHint keys="F6" />
        </legend>
        {CHANGE_OPTIONS.map((option) => (
          <label key={option} className="tender__option">
            <input type="radio" name="change" value={option} checked={cash.option === option} aria-keyshortcuts="F6" onChange={() => cash.setOption(option)} />
            {t(OPTION_TEXT[option])}
          </label>
        ))}
      </fieldset>
      {started && current && (
        <div className="tender__after">
          <button type="button" className="btn" disabled={off} aria-keyshortcuts="F7" onClick={() => void cash.qrForRest()}>
            {t('tender.qr')}
            <KeyHint keys="F7" />
          </button>
          <button type="button" className="btn btn--danger-outline" disabled={off} aria-keyshortcuts="F9" onClick={cash.askVoid}>
            {t('tender.void')}
            <KeyHint keys="F9" />
          </button>
          <VoidDialog sale={current} />
        </div>
      )}
      <div className="keypad tender__keypad" role="group" aria-label={t('keypad.label')}>
        <DigitKeys onPress={cash.press} locked={off} empty={cash.text === ''} />
        <Key className="key--charge" aria-keyshortcuts="Enter" disabled={off || !typed} onPress={() => void cash.take()}>
          <span className="key__label">
            {t('tender.take')}
            <KeyHint keys="Enter" />
          </span>
        </Key>
        {!started && (
          <Key className="key--cash" aria-keyshortcuts="Escape" disabled={cash.busy} onPress={cash.close}>
            <span className="key__label">
              {t('tender.back')}
              <KeyHint keys="Esc" />
            </span>
          </Key>
        )}
      </div>
    </section>
  );
}

/** The notes of the tender currency, each adding itself to what is typed (Shift + 1…8), and Exact (F3). */
function QuickCash({ currency, onNote, onExact, disabled }: { currency: Currency; onNote: (index: number) => void; onExact: () => void; disabled: boolean }) {
  const t = useT();
  return (
    <div className="tender__quick" role="group" aria-label={t('tender.quick')}>
      {QUICK_CASH[currency].map((note, index) => (
        <Key key={note} className="key--note num" aria-keyshortcuts={`Shift+${index + 1}`} disabled={disabled} onPress={() => onNote(index)}>
          {noteLabel(currency, note)}
          <KeyHint keys={`⇧${index + 1}`} />
        </Key>
      ))}
      <Key className="key--exact" aria-keyshortcuts="F3" disabled={disabled} onPress={onExact}>
        {t('tender.exact')}
        <KeyHint keys="F3" />
      </Key>
    </div>
  );
}
