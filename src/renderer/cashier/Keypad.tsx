import type { MouseEvent } from 'react';
import { keyedCents } from './keypad.ts';
import type { KeypadKey } from './keypad.ts';
import { canCharge } from './sale.ts';
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
  const chargeable = useCashier((s) =>
    canCharge(keyedCents(s.keypadText), s.state?.current, s.pending !== null),
  );
  const charging = useCashier((s) => s.pending === 'charge');
  const empty = useCashier((s) => s.keypadText === '');

  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {DIGIT_ROWS.flat().map((key) => (
        <button
          key={key}
          type="button"
          className="key key--digit num"
          data-keypad=""
          onMouseDown={keepFocus}
          onClick={() => press(key)}
        >
          {key}
        </button>
      ))}
      <button
        type="button"
        className="key key--backspace"
        data-keypad=""
        aria-label={t('keypad.backspace')}
        title={t('keypad.backspace')}
        disabled={empty}
        onMouseDown={keepFocus}
        onClick={() => press('backspace')}
      >
        <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true" focusable="false">
          <path
            d="M21 5H9L2 12l7 7h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1Zm-3.3 10.3-1.4 1.4L13.5 13.9l-2.8 2.8-1.4-1.4 2.8-2.8-2.8-2.8 1.4-1.4 2.8 2.8 2.8-2.8 1.4 1.4-2.8 2.8 2.8 2.8Z"
            fill="currentColor"
          />
        </svg>
      </button>
      <button
        type="button"
        className="key key--clear"
        data-keypad=""
        aria-label={t('keypad.clear')}
        disabled={empty}
        onMouseDown={keepFocus}
        onClick={() => press('clear')}
      >
        {t('keypad.clear')}
      </button>
      <button
        type="button"
        className="key key--charge"
        data-keypad=""
        aria-label={t('keypad.charge')}
        disabled={!chargeable}
        aria-busy={charging || undefined}
        onMouseDown={keepFocus}
        onClick={() => void charge()}
      >
        {charging ? t('keypad.charging') : t('keypad.charge')}
      </button>
    </div>
  );
}
