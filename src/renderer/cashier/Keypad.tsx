import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { KeyHint } from './KeyHint.tsx';
import { keyedAmount } from './keyed-money.ts';
import type { KeypadKey } from './keypad.ts';
import { openCash } from './open-cash.ts';
import { canCharge, isUnresolved } from './sale.ts';
import { useCashier } from './store.ts';
import { useT } from './useT.ts';

const DIGIT_ROWS: KeypadKey[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['0', '00', '.'],
];

/** Keeps focus where it is when a key is tapped, so Enter on the keyboard still means Charge. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

export function Keypad() {
  const t = useT();
  const press = useCashier((s) => s.press);
  const charge = useCashier((s) => s.charge);
  const chargeable = useCashier(
    (s) => s.hostReachable && canCharge(keyedAmount(s.keyedCurrency, s.keypadText), s.state?.current, s.pending !== null),
  );
  const charging = useCashier((s) => s.pending === 'charge');
  const empty = useCashier((s) => s.keypadText === '');
  // The amount being charged is the payment panel's until that payment is resolved (see acceptsKey).
  const locked = useCashier((s) => isUnresolved(s.state?.current));

  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      <DigitKeys onPress={press} locked={locked} empty={empty} />
      {/* The name stays "Charge"; while a charge is on its way it is busy, and the live text says so. */}
      <Key
        className="key--charge"
        aria-label={t('keypad.charge')}
        aria-keyshortcuts="Enter"
        aria-describedby="charge-progress"
        disabled={!chargeable}
        aria-busy={charging || undefined}
        onPress={() => void charge()}
      >
        {charging ? (
          <span className="key__busy" aria-hidden="true">
            <span className="spinner key__spinner" />
            <span className="key__busy-text">{t('keypad.charging')}</span>
          </span>
        ) : (
          <span className="key__label">
            {t('keypad.charge')}
            <KeyHint keys="Enter" />
          </span>
        )}
      </Key>
      <Key className="key--cash" aria-keyshortcuts="F4" disabled={!chargeable} onPress={openCash}>
        <span className="key__label">
          {t('keypad.cash')}
          <KeyHint keys="F4" />
        </span>
      </Key>
      <span id="charge-progress" role="status" className="visually-hidden">
        {charging ? t('keypad.charging') : ''}
      </span>
    </div>
  );
}

/** The digit keys with Backspace and Clear: the amount's, and the cash screen's tendered amount. */
export function DigitKeys({ onPress, locked, empty }: { onPress: (key: KeypadKey) => void; locked: boolean; empty: boolean }) {
  const t = useT();
  return (
    <>
      {DIGIT_ROWS.flat().map((key) => (
        <Key key={key} className="key--digit num" disabled={locked} onPress={() => onPress(key)}>
          {key}
        </Key>
      ))}
      <Key
        className="key--backspace"
        aria-label={t('keypad.backspace')}
        aria-keyshortcuts="Backspace"
        title={t('keypad.backspace')}
        disabled={empty}
        onPress={() => onPress('backspace')}
      >
        <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true" focusable="false">
          <path
            d="M21 5H9L2 12l7 7h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1Zm-3.3 10.3-1.4 1.4L13.5 13.9l-2.8 2.8-1.4-1.4 2.8-2.8-2.8-2.8 1.4-1.4 2.8 2.8 2.8-2.8 1.4 1.4-2.8 2.8 2.8 2.8Z"
            fill="currentColor"
          />
        </svg>
      </Key>
      <Key
        className="key--clear"
        aria-label={t('keypad.clear')}
        aria-keyshortcuts="Delete Escape"
        disabled={empty}
        onPress={() => onPress('clear')}
      >
        {t('keypad.clear')}
      </Key>
    </>
  );
}

/** One keypad button: marked data-keypad, and it never takes the focus (see keepFocus). */
export function Key({
  className,
  onPress,
  children,
  ...attributes
}: Pick<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'aria-label' | 'aria-describedby' | 'aria-keyshortcuts' | 'aria-pressed' | 'title' | 'disabled' | 'aria-busy'
> & {
  className: string;
  onPress: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`key ${className}`}
      data-keypad=""
      {...attributes}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
