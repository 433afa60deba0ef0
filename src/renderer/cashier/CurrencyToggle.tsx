import type { Currency } from '../../shared/contract.ts';
import { KeyHint } from './KeyHint.tsx';
import { Key } from './Keypad.tsx';
import { useT } from './useT.ts';

/**
 * Dollars or riel, one key (F2) switching between them: two pressed-state buttons in a labelled
 * group, each named by its visible label ("Dollars $", "Riel ៛").
 */
export function CurrencyToggle({ label, value, onChange, disabled = false }: {
  label: string;
  value: Currency;
  onChange: (currency: Currency) => void;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <div className="currency-toggle" role="group" aria-label={label}>
      <span className="currency-toggle__label" aria-hidden="true">{label}</span>
      {(['USD', 'KHR'] as const).map((currency) => (
        <Key
          key={currency}
          className="key--currency"
          aria-pressed={value === currency}
          aria-keyshortcuts="F2"
          disabled={disabled}
          onPress={() => onChange(currency)}
        >
          {t(currency === 'USD' ? 'sell.currency.usd' : 'sell.currency.khr')}
        </Key>
      ))}
      <KeyHint keys="F2" />
    </div>
  );
}
