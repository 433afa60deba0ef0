import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CommandError, CurrencyDrawerCount, DrawerCount } from '../../shared/contract.ts';
import type { CashCurrency } from '../../shared/rules/cash.ts';
import { NOTES } from '../../shared/rules/count.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { formatIn } from './CashPanel.tsx';
import { differenceKind, drawerCountInput, emptyCountForm, type CurrencyCountForm } from './count.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Field } from './Field.tsx';
import { invoke } from './store.ts';
import { useT } from './useT.ts';

const CURRENCIES: readonly CashCurrency[] = ['USD', 'KHR'];
const noteLabel = (currency: CashCurrency, value: number) => (currency === 'USD' ? formatUsd(value).replace(/\.00$/, '') : formatRiel(value));

/**
 * The close's blind count: per currency the notes by denomination (or a total), entered before
 * anything expected is shown. The count is journaled by `shift.count`, whose answer is the first
 * place the expected figure appears; then the difference per currency, and the close. Esc leaves.
 */
export function DrawerCountPanel({ shift, onCounted, onCancel }: { shift: number; onCounted: (count: DrawerCount) => void; onCancel: () => void }) {
  const t = useT();
  const [form, setForm] = useState(emptyCountForm);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement | null>(null);
  useEffect(() => first.current?.focus(), []);

  const change = (currency: CashCurrency, patch: Partial<CurrencyCountForm>) => setForm((f) => ({ ...f, [currency]: { ...f[currency], ...patch } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = drawerCountInput(form);
    if (!input) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(null);
    const reply = await invoke('shift.count', input);
    setBusy(false);
    if (reply.ok) onCounted(reply.value);
    else setError(reply.error);
  };

  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };

  return (
    <section className="panel count" aria-labelledby="count-title" data-testid="drawer-count" onKeyDown={escape}>
      <h2 id="count-title">{t('count.title', { shift })}</h2>
      <p className="shift__note">{t('count.hint')}</p>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {invalid && <p className="banner banner--error" role="alert">{t('count.invalid')}</p>}
      <form onSubmit={(e) => void submit(e)}>
        {CURRENCIES.map((currency, index) => {
          const f = form[currency];
          return (
            <fieldset key={currency} className="count__currency">
              <legend>{t(currency === 'USD' ? 'count.usd' : 'count.khr')}</legend>
              <div role="radiogroup" aria-label={t('count.how', { currency })} className="count__mode">
                {(['notes', 'total'] as const).map((mode) => (
                  <label key={mode}>
                    <input type="radio" name={`count-mode-${currency}`} checked={f.mode === mode} onChange={() => change(currency, { mode })} />
                    {t(mode === 'notes' ? 'count.byNote' : 'count.asTotal')}
                  </label>
                ))}
              </div>
              {f.mode === 'total' ? (
                <Field label={t(currency === 'USD' ? 'count.totalUsd' : 'count.totalKhr')} locked={false}>
                  {(props) => (
                    <input {...props} ref={index === 0 ? first : undefined} inputMode={currency === 'USD' ? 'decimal' : 'numeric'} autoComplete="off"
                      value={f.total} onChange={(e) => change(currency, { total: e.target.value })} />
                  )}
                </Field>
              ) : (
                <div className="count__notes">
                  {NOTES[currency].map((value, i) => (
                    <Field key={value} label={t('count.notes', { note: noteLabel(currency, value) })} locked={false}>
                      {(props) => (
                        <input {...props} ref={index === 0 && i === 0 ? first : undefined} inputMode="numeric" autoComplete="off" size={5}
                          value={f.notes[String(value)] ?? ''} onChange={(e) => change(currency, { notes: { ...f.notes, [String(value)]: e.target.value } })} />
                      )}
                    </Field>
                  ))}
                </div>
              )}
            </fieldset>
          );
        })}
        <div className="shift__actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('count.enter')}</button>
          <button type="button" className="btn btn--ghost" onClick={onCancel}>{t('count.cancel')}</button>
        </div>
      </form>
    </section>
  );
}

/** One currency's difference in words: "$0.21 short", "100៛ over", "Even". */
function differenceText(t: ReturnType<typeof useT>, currency: CashCurrency, c: CurrencyDrawerCount): string {
  const kind = differenceKind(c);
  if (kind === 'even') return t('count.even');
  return t(kind === 'over' ? 'count.over' : 'count.short', { amount: formatIn(currency, Math.abs(c.difference)) });
}

/** Counted, expected and the difference per currency: after the count, and on the Z. */
export function CountTable({ count, testId }: { count: DrawerCount; testId?: string }) {
  const t = useT();
  return (
    <table className="shift__table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('cash.col.what')}</th>
          <th scope="col" className="num">{t('count.counted')}</th>
          <th scope="col" className="num">{t('cash.line.expected')}</th>
          <th scope="col" className="num">{t('count.difference')}</th>
        </tr>
      </thead>
      <tbody>
        {CURRENCIES.map((currency) => (
          <tr key={currency} data-currency={currency} className={`count__${differenceKind(count[currency])}`}>
            <th scope="row">{t(currency === 'USD' ? 'count.usd' : 'count.khr')}</th>
            <td className="num">{formatIn(currency, count[currency].counted)}</td>
            <td className="num">{formatIn(currency, count[currency].expected)}</td>
            <td className="num" data-testid={`difference-${currency}`}>{differenceText(t, currency, count[currency])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The count against what was expected, per currency, with the close's confirmation or a recount. */
export function CountResult({ count, onRecount, onClose, busy }: { count: DrawerCount; onRecount: () => void; onClose: () => void; busy: boolean }) {
  const t = useT();
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <section className="panel count" aria-labelledby="count-result-title" data-testid="count-result">
      <h2 id="count-result-title">{t('count.resultTitle')}</h2>
      <CountTable count={count} />
      {count.counts > 1 && <p className="shift__note">{t('count.recounted', { count: count.counts })}</p>}
      <div className="shift__actions">
        <button type="button" ref={close} className="btn btn--danger" disabled={busy} onClick={onClose}>{t('shift.close')}</button>
        <button type="button" className="btn btn--ghost" onClick={onRecount}>{t('count.again')}</button>
      </div>
    </section>
  );
}
