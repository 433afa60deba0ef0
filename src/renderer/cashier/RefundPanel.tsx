import { useState, type FormEvent } from 'react';
import type { CommandError, Currency, RefundableSale } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { REFUND_METHODS, REFUND_REASON_MAX_CHARS, REFUND_REFERENCE_MAX_CHARS, type RefundMethod } from '../../shared/rules/refund.ts';
import { ApproverFields, approverIdOf, isApproverPin, useApprovers } from './ApproverFields.tsx';
import { typedAmount } from './cash.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { CurrencyAmountFields } from './CurrencyAmountFields.tsx';
import { Field } from './Field.tsx';
import { KeyHint } from './KeyHint.tsx';
import { invoke } from './store.ts';
import { useLanguage, useT } from './useT.ts';

const formatIn = (currency: Currency, amount: number): string => (currency === 'USD' ? formatUsd(amount) : formatRiel(amount));

/** What the F8 key focuses (App.tsx): the search field of this panel (its id is its label's). */
export const REFUND_SEARCH_SELECTOR = '[data-refund-search]';

/**
 * Refunds (docs/journal.md "Voids and refunds"): find a paid sale by receipt number, date or amount,
 * then refund all or part of it in cash or as returned by bank transfer (the KHQR service cannot send
 * money back), with a reason, approved by an owner's or manager's PIN. Plain forms: Tab between
 * fields, Enter submits; the host checks every value again and caps the amount. The reason and
 * reference are the cashier's text, shown back as text only.
 */
export function RefundPanel() {
  const t = useT();
  const language = useLanguage();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<RefundableSale[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [sale, setSale] = useState<RefundableSale | null>(null);
  const [currency, setCurrency] = useState<Currency>('USD');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<RefundMethod>('cash');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const allowed = useApprovers();
  const [approverId, setApproverId] = useState<string>('');
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const search = async (before?: number) => {
    setBusy(true);
    setError(null);
    const reply = await invoke('refund.search', before === undefined ? { query } : { query, before });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setFound(before === undefined ? reply.value.sales : [...(found ?? []), ...reply.value.sales]);
    setNextBefore(reply.value.nextBefore);
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setSale(null);
    void search();
  };

  const refund = async (event: FormEvent) => {
    event.preventDefault();
    if (!sale) return;
    const value = typedAmount(currency, amount);
    if (value === null) return setInvalid(t('cash.amountInvalid'));
    if (reason.trim() === '') return setInvalid(t('cash.reasonMissing'));
    if (method === 'bank_transfer' && reference.trim() === '') return setInvalid(t('refund.referenceMissing'));
    if (!isApproverPin(pin)) return setInvalid(t('refund.pinMissing'));
    setInvalid(null);
    setBusy(true);
    setError(null);
    const reply = await invoke('refund.create', {
      saleId: sale.saleId, currency, amount: value, method, reference: method === 'bank_transfer' ? reference : null, reason,
      approver: { userId: approverIdOf(approverId, allowed), pin },
    });
    setBusy(false);
    setPin('');
    if (!reply.ok) return setError(reply.error);
    const done = reply.value;
    const drawer = done.drawer?.message ? ` ${hostMessageText(done.drawer.message, language)}` : '';
    setNotice(t(method === 'cash' ? 'refund.doneCash' : 'refund.doneBank', { number: done.number, amount: formatIn(currency, value) }) + drawer);
    setSale(null);
    setAmount('');
    setReason('');
    setReference('');
    setFound(null);
  };

  return (
    <section className="panel refund" aria-labelledby="refund-title" data-testid="refund-panel">
      <h2 id="refund-title">{t('refund.title')} <KeyHint keys="F8" /></h2>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {invalid && <p className="banner banner--error" role="alert">{invalid}</p>}
      <div role="status" className="shift__notice" data-testid="refund-notice">{notice}</div>
      <form className="cash__form" onSubmit={onSearch} role="search" aria-label={t('refund.search')}>
        <Field label={t('refund.query')} help={t('refund.queryHint')} locked={false}>
          {(props) => <input {...props} data-refund-search="" autoComplete="off" maxLength={40} value={query} onChange={(e) => setQuery(e.target.value)} />}
        </Field>
        <button type="submit" className="btn" disabled={busy}>{t('refund.search')}</button>
      </form>
      {found !== null && (found.length === 0 ? <p>{t('refund.noneFound')}</p> : (
        <ul className="refund__found" data-testid="refund-found">
          {found.map((s) => (
            <li key={s.saleId}>
              <button type="button" className="btn" onClick={() => { setSale(s); setCurrency('USD'); setAmount(''); }}>
                {t('refund.choose', { receipt: s.receiptNumber, amount: formatIn(s.dueCurrency, s.dueAmount), left: `${formatUsd(s.left.usd)} / ${formatRiel(s.left.khrCash)}` })}
              </button>
            </li>
          ))}
        </ul>
      ))}
      {nextBefore !== null && <button type="button" className="btn" disabled={busy} onClick={() => void search(nextBefore)}>{t('refund.more')}</button>}

      {sale && (
        <form className="cash__form" onSubmit={(e) => void refund(e)} aria-labelledby="refund-form-title">
          <h3 id="refund-form-title">{t('refund.formTitle', { receipt: sale.receiptNumber })}</h3>
          <p className="shift__note" data-testid="refund-left">{t('refund.left', { usd: formatUsd(sale.left.usd), khr: formatRiel(sale.left.khrCash) })}</p>
          {sale.refunds.length > 0 && (
            <ul className="cash__movements">
              {sale.refunds.map((r) => <li key={r.id}>{r.number} · {formatIn(r.currency, r.amount)} · <span className="cash__reason">{r.reason}</span></li>)}
            </ul>
          )}
          <CurrencyAmountFields currency={currency} onCurrency={setCurrency} amount={amount} onAmount={setAmount} />
          <Field label={t('refund.method')} locked={false}>
            {(props) => (
              <select {...props} value={method} onChange={(e) => setMethod(e.target.value as RefundMethod)}>
                {REFUND_METHODS.map((m) => <option key={m} value={m}>{t(m === 'cash' ? 'refund.method.cash' : 'refund.method.bank')}</option>)}
              </select>
            )}
          </Field>
          {method === 'bank_transfer' && (
            <Field label={t('refund.reference')} help={t('refund.bankNote')} locked={false}>
              {(props) => <input {...props} autoComplete="off" maxLength={REFUND_REFERENCE_MAX_CHARS} value={reference} onChange={(e) => setReference(e.target.value)} />}
            </Field>
          )}
          <Field label={t('cash.reason')} help={t('cash.reasonHint')} locked={false}>
            {(props) => <input {...props} autoComplete="off" maxLength={REFUND_REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <ApproverFields approverId={approverId} onApprover={setApproverId} pin={pin} onPin={setPin} />
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('refund.submit')}</button>
        </form>
      )}
    </section>
  );
}
