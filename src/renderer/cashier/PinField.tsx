import { useId } from 'react';
import { useT } from './useT.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/** The PIN rule the host applies too (src/host/auth/pin.ts): 4 to 6 digits. */
export const isPinText = (text: string): boolean => /^[0-9]{4,6}$/.test(text);

/**
 * A PIN: a password field (digits typed from the keyboard, Enter submits its form) and a pad of
 * digit buttons for a touch screen. Each button's accessible name is its label. The digits never
 * leave this field but to the host's sign-in command.
 */
export function PinField({ label, value, onChange, disabled = false, autoFocus = false, pad = true }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  pad?: boolean;
}) {
  const t = useT();
  const id = useId();
  const set = (next: string) => onChange(next.replace(/[^0-9]/g, '').slice(0, 6));
  return (
    <div className="pin">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="field__control pin__input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        value={value}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(event) => set(event.target.value)}
      />
      {pad && (
        <div className="pin__pad">
          {DIGITS.map((digit) => (
            <button key={digit} type="button" className="btn pin__key" disabled={disabled} onClick={() => set(value + digit)}>
              {digit}
            </button>
          ))}
          <button type="button" className="btn pin__key" disabled={disabled} onClick={() => set(value.slice(0, -1))}>
            {t('auth.delete')}
          </button>
          <button type="button" className="btn pin__key" disabled={disabled} onClick={() => set('')}>
            {t('auth.clear')}
          </button>
        </div>
      )}
    </div>
  );
}
