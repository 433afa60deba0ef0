import { useState, type FormEvent } from 'react';
import type { CommandError, ShiftCash } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { CASH_MOVEMENT_KINDS, CASH_REASON_MAX_CHARS, type CashCurrency, type CashMovementKind } from '../../shared/rules/cash.ts';
import { formatClock } from '../common/countdown.ts';
import { cashLines, MOVEMENT_LABELS, typedAmount } from './cash.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { OpenDrawer } from './OpenDrawer.tsx';
import { CurrencyAmountFields } from './CurrencyAmountFields.tsx';
import { Field } from './Field.tsx';
import { invoke } from './store.ts';
import { useT } from './useT.ts';

export const formatIn = (currency: CashCurrency, amount: number): string => (currency === 'USD' ? formatUsd(amount) : formatRiel(amount));

/** The cash figures per currency, down to what should be in the drawer (the X, and a Z as stored). */
export function CashFigures({ cash }: { cash: ShiftCash }) {
  const t = useT();
  return (
    <>
      <table className="shift__table" data-testid="cash-table">
        <thead>
          <tr>
            <th scope="col">{t('cash.col.what')}</th>
            <th scope="col" className="num">{t('cash.col.usd')}</th>
            <th scope="col" className="num">{t('cash.col.khr')}</th>
          </tr>
        </thead>
        <tbody>
          {cashLines(cash).map((line) => (
            <tr key={line.key} data-line={line.key} className={line.total ? 'cash__total' : undefined}>
              <th scope="row">{t(line.key)}</th>
              {(['usd', 'khr'] as const).map((side) => {
                const cell = line[side];
                const money = cell.amount === null ? t(line.key === 'cash.line.expected' ? 'count.blindExpected' : 'cash.notSet') : formatIn(side === 'usd' ? 'USD' : 'KHR', cell.amount);
                return <td key={side} className="num">{cell.count === null ? money : `${cell.count} · ${money}`}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shift__note" data-testid="no-sale-opens">{t('cash.noSaleOpens', { count: cash.noSaleOpens })}</p>
    </>
  );
}

/**
 * The Shift tab's cash: the float (asked for while the shift has none), paid-in, paid-out and safe
 * drops with a reason, "Open drawer" without a sale, and the figures per currency down to what should
 * be in the drawer. Plain forms: Tab between fields, Enter records. The host checks every value again.
 */
export function CashPanel({ cash }: { cash: ShiftCash }) {
  const t = useT();
  const [floatUsd, setFloatUsd] = useState('');
  const [floatKhr, setFloatKhr] = useState('');
  const [kind, setKind] = useState<CashMovementKind>('paid_out');
  const [currency, setCurrency] = useState<CashCurrency>('USD');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const needsFloat = cash.USD.float === null && cash.KHR.float === null;

  const run = async (send: () => ReturnType<typeof invoke>, done: () => void) => {
    setBusy(true);
    setError(null);
    setNotice('');
    const reply = await send();
    setBusy(false);
    if (reply.ok) done();
    else setError(reply.error);
  };

  const setFloat = (event: FormEvent) => {
    event.preventDefault();
    const usdCents = typedAmount('USD', floatUsd, { allowZero: true });
    const riel = typedAmount('KHR', floatKhr, { allowZero: true });
    if (usdCents === null || riel === null) return setInvalid(t('cash.floatInvalid'));
    setInvalid(null);
    void run(() => invoke('cash.setFloat', { usdCents, riel }), () => setNotice(t('cash.floatSet')));
  };

  const record = (event: FormEvent) => {
    event.preventDefault();
    const value = typedAmount(currency, amount);
    if (value === null) return setInvalid(t('cash.amountInvalid'));
    if (reason.trim() === '') return setInvalid(t('cash.reasonMissing'));
    setInvalid(null);
    void run(() => invoke('cash.record', { kind, currency, amount: value, reason }), () => {
      setAmount('');
      setReason('');
      setNotice(t('cash.recorded'));
    });
  };

  return (
    <section className="panel cash" aria-labelledby="cash-title" data-testid="cash-panel">
      <h2 id="cash-title">{t('cash.title')}</h2>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {invalid && <p className="banner banner--error" role="alert">{invalid}</p>}
      <div role="status" className="shift__notice" data-testid="cash-notice">{notice}</div>
      <CashFigures cash={cash} />
      {cash.training > 0 && <p className="shift__note">{t('cash.trainingNote', { count: cash.training })}</p>}

      {needsFloat ? (
        <form className="cash__form" onSubmit={setFloat} aria-labelledby="float-title">
          <h3 id="float-title">{t('cash.floatTitle')}</h3>
          <p className="shift__note">{t('cash.floatHint')}</p>
          <Field label={t('cash.floatUsd')} locked={false}>
            {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={floatUsd} onChange={(e) => setFloatUsd(e.target.value)} />}
          </Field>
          <Field label={t('cash.floatKhr')} locked={false}>
            {(props) => <input {...props} inputMode="numeric" autoComplete="off" value={floatKhr} onChange={(e) => setFloatKhr(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('cash.setFloat')}</button>
        </form>
      ) : (
        <form className="cash__form" onSubmit={record} aria-labelledby="move-title">
          <h3 id="move-title">{t('cash.moveTitle')}</h3>
          <Field label={t('cash.kind')} locked={false}>
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as CashMovementKind)}>
                {CASH_MOVEMENT_KINDS.map((k) => <option key={k} value={k}>{t(MOVEMENT_LABELS[k])}</option>)}
              </select>
            )}
          </Field>
          <CurrencyAmountFields currency={currency} onCurrency={setCurrency} amount={amount} onAmount={setAmount} />
          <Field label={t('cash.reason')} help={t('cash.reasonHint')} locked={false}>
            {(props) => <input {...props} autoComplete="off" maxLength={CASH_REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('cash.record')}</button>
        </form>
      )}

      <h3>{t('cash.movements')}</h3>
      {cash.movements.length === 0 ? (
        <p>{t('cash.movementsEmpty')}</p>
      ) : (
        <ul className="cash__movements" data-testid="cash-movements">
          {cash.movements.map((m, i) => (
            <li key={i}>
              {formatClock(m.at)} · {t(MOVEMENT_LABELS[m.kind])} · {formatIn(m.currency, m.amount)}
              {m.reason !== null && <> · <span className="cash__reason">{m.reason}</span></>}
            </li>
          ))}
        </ul>
      )}

      <OpenDrawer />
    </section>
  );
}
