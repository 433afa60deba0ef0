import type { CashCurrency } from '../../shared/rules/cash.ts';
import { CASH_CURRENCIES } from '../../shared/rules/cash.ts';
import { Field } from './Field.tsx';
import { useT } from './useT.ts';

/**
 * The currency and the amount of cash moved (a paid-in, paid-out or drop; a refund): one pair of
 * fields, so every cash form labels them alike. The amount stays text; the form parses it with
 * `typedAmount` (cash.ts) in the chosen currency.
 */
export function CurrencyAmountFields({
  currency,
  onCurrency,
  amount,
  onAmount,
}: {
  currency: CashCurrency;
  onCurrency: (currency: CashCurrency) => void;
  amount: string;
  onAmount: (amount: string) => void;
}) {
  const t = useT();
  return (
    <>
      <Field label={t('cash.currency')} locked={false}>
        {(props) => (
          <select {...props} value={currency} onChange={(e) => onCurrency(e.target.value as CashCurrency)}>
            {CASH_CURRENCIES.map((c) => <option key={c} value={c}>{c === 'USD' ? t('cash.col.usd') : t('cash.col.khr')}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('cash.amount')} locked={false}>
        {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => onAmount(e.target.value)} />}
      </Field>
    </>
  );
}
