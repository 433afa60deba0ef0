/**
 * The keypad's text read in either currency: dollars as keypad.ts keys them ("10.5", cents at most
 * two decimals), or riel as whole riel ("12500": digits only, at most MAX_RIEL). The text is never a
 * float. Pure (no DOM), tested in Node. The host checks every amount again (shared/cash).
 */
import type { Currency } from '../../shared/contract.ts';
import { MAX_RIEL, type Money } from '../../shared/cash/index.ts';
import { formatRiel } from '../../shared/money.ts';
import { keyedCents, pressKey, splitDisplay, type KeypadKey, type Press } from './keypad.ts';

/** The amount keyed, in its currency's minor units (cents, whole riel); 0 for nothing keyed. */
export function keyedAmount(currency: Currency, text: string): number {
  if (currency === 'USD') return keyedCents(text);
  return text === '' ? 0 : Number(text);
}

/** The keyed amount as Money, or null while nothing (or zero) is keyed. */
export function keyedMoney(currency: Currency, text: string): Money | null {
  const amount = keyedAmount(currency, text);
  return amount > 0 ? { currency, amount } : null;
}

/** Riel is whole: digits only, no pointless leading zero, at most MAX_RIEL. */
function rielFits(text: string): boolean {
  return /^(0|[1-9][0-9]*)?$/.test(text) && text.length <= String(MAX_RIEL).length && Number(text) <= MAX_RIEL;
}

function typeRiel(text: string, digits: string): Press {
  const next = text === '0' || text === '' ? digits.replace(/^0+(?=.)/, '') : text + digits;
  return rielFits(next) ? { text: next, refused: null } : { text, refused: 'rielTooLarge' };
}

/** The keyed text after pressing `key` in `currency`, and why it was refused if it was. */
export function pressKeyIn(currency: Currency, text: string, key: KeypadKey): Press {
  // Clear and Backspace only take away: the same in either currency.
  if (currency === 'USD' || key === 'clear' || key === 'backspace') return pressKey(text, key);
  switch (key) {
    case '.':
      return { text, refused: 'rielWhole' };
    case '00':
      return text === '' || text === '0' ? { text: '0', refused: null } : typeRiel(text, '00');
    default:
      return typeRiel(text, key);
  }
}

/**
 * The text kept when the cashier switches the keyed currency: the same digits when they are an
 * amount in the other currency too ("12500" is $12,500.00 or 12,500៛), else nothing ("10.5" is no
 * riel amount; 400,000,000 ៛ is more than a dollar sale may be).
 */
export function switchKeyedCurrency(text: string, to: Currency): string {
  if (to === 'KHR') return rielFits(text) ? text : '';
  return /^[0-9]*$/.test(text) && fitsUsd(text) ? text : '';
}

/** Whether whole-dollar digits key as they are (no leading zero, within the charge limit). */
function fitsUsd(text: string): boolean {
  let kept = '';
  for (const digit of text) {
    const press = pressKey(kept, digit as KeypadKey);
    if (press.refused) return false;
    kept = press.text;
  }
  return kept === text;
}

/** The amount display: `typed` (bold) and `pending` (dim), as keypad.ts splitDisplay for dollars; riel is all typed. */
export function splitDisplayIn(currency: Currency, text: string): { typed: string; pending: string } {
  if (currency === 'USD') return splitDisplay(text);
  return text === '' ? { typed: '', pending: formatRiel(0) } : { typed: formatRiel(Number(text)), pending: '' };
}
