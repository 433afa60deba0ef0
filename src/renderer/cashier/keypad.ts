/**
 * The cashier keypad as pure functions: the keyed text (what the cashier typed, e.g. "10.5") goes in,
 * the next text comes out. The text is never a float; `keyedCents` turns it into integer cents with
 * money.ts. Runs anywhere (no DOM), so it is tested directly in Node.
 *
 * Invariants of the text: empty (meaning $0.00), or a whole part without pointless leading zeros,
 * optionally followed by one '.' and at most two decimals; never more than MAX_CHARGE_CENTS.
 */
import { MAX_CHARGE_CENTS, formatUsd, parseUsdToCents } from '../../shared/money.ts';

export const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export type DigitKey = (typeof DIGIT_KEYS)[number];
export type KeypadKey = DigitKey | '00' | '.' | 'backspace' | 'clear';
/**
 * What a physical key press means to the Sell screen: a keypad key; 'charge' (Enter: Charge, or New
 * sale once the sale is over with nothing keyed); 'escape' (Cancel while a QR waits, else Clear);
 * 'newSale' (N); 'currency' (F2: the amount in dollars or riel); 'cash' (F4: pay the amount in cash);
 * or 'invalid', a character the amount cannot hold (a letter, a sign, "e"), which is refused visibly
 * rather than dropped.
 */
export type KeyboardAction = KeypadKey | 'charge' | 'escape' | 'newSale' | 'currency' | 'cash' | 'invalid';

/**
 * Why a press changed nothing, so the screen can say so instead of dropping the key:
 * - tooLarge: the amount would be over MAX_CHARGE_CENTS;
 * - decimals: a third digit after the decimal point;
 * - onePoint: a second decimal point;
 * - notAmount: a character that is not a digit or the decimal point;
 * - locked: a payment is being taken, its amount is the payment panel's (see sale.ts acceptsKey);
 * - rielWhole, rielTooLarge: riel is keyed whole, within MAX_RIEL (keyed-money.ts);
 * - noAmount: Cash (or a cash tender) with nothing keyed.
 */
export type Refusal = 'tooLarge' | 'decimals' | 'onePoint' | 'notAmount' | 'locked' | 'rielWhole' | 'rielTooLarge' | 'noAmount';

export interface Press {
  text: string;
  /** Set when (part of) the press was refused; `text` is then what could be kept. */
  refused: Refusal | null;
}

/** Cents for a keyed text: "" and "0." are 0, "10." is 1000, "10.5" is 1050. */
export function keyedCents(text: string): number {
  let t = text.endsWith('.') ? text.slice(0, -1) : text;
  if (t.startsWith('.')) t = `0${t}`;
  if (t === '') return 0;
  return parseUsdToCents(t);
}

function isWellFormed(text: string): boolean {
  return /^(?:(?:0|[1-9][0-9]*)(?:\.[0-9]{0,2})?)?$/.test(text);
}

function fits(text: string): boolean {
  if (!isWellFormed(text)) return false;
  try {
    return keyedCents(text) <= MAX_CHARGE_CENTS;
  } catch {
    return false;
  }
}

function typeDigit(text: string, digit: DigitKey): Press {
  const dot = text.indexOf('.');
  if (dot >= 0 && text.length - dot - 1 >= 2) return { text, refused: 'decimals' };
  const next = text === '0' ? digit : text + digit; // "0" then "5" is "5", not "05"
  return fits(next) ? { text: next, refused: null } : { text, refused: 'tooLarge' };
}

/** The keyed text after pressing `key`, and why it was refused if it was. */
export function pressKey(text: string, key: KeypadKey): Press {
  switch (key) {
    case 'clear':
      return { text: '', refused: null };
    case 'backspace':
      return { text: text.slice(0, -1), refused: null };
    case '.':
      if (text.includes('.')) return { text, refused: 'onePoint' };
      return { text: text === '' ? '0.' : `${text}.`, refused: null };
    case '00': {
      // Two zeros, each checked like a single '0' press; on an empty or zero amount it is just "0".
      if (text === '' || text === '0') return { text: '0', refused: null };
      const first = typeDigit(text, '0');
      if (first.refused) return first;
      return typeDigit(first.text, '0');
    }
    default:
      return typeDigit(text, key);
  }
}

/** The keyed text after pressing `key`. Refused presses return the text unchanged. */
export function applyKey(text: string, key: KeypadKey): string {
  return pressKey(text, key).text;
}

/** Applies a sequence of presses from an empty keypad (handy for tests and replays). */
export function applyKeys(keys: readonly KeypadKey[], from = ''): string {
  return keys.reduce(applyKey, from);
}

/**
 * The amount display: `typed + pending === formatUsd(keyedCents(text))`. `typed` is what the cashier
 * has keyed so far (shown bold), `pending` the rest of the formatted amount (shown dim), so a lone
 * "." or the first decimal is visible before the amount changes.
 */
export function splitDisplay(text: string): { typed: string; pending: string } {
  const full = formatUsd(keyedCents(text));
  if (text === '') return { typed: '', pending: full };
  const dot = text.indexOf('.');
  const decimalsTyped = dot < 0 ? -1 : text.length - dot - 1; // -1: no '.' yet
  const fullDot = full.indexOf('.');
  const cut = decimalsTyped < 0 ? fullDot : fullDot + 1 + decimalsTyped;
  return { typed: full.slice(0, cut), pending: full.slice(cut) };
}

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/** Khmer digits ០–៩ (U+17E0–U+17E9), typed by the number row of a Khmer keyboard layout. */
const KHMER_ZERO = 0x17e0;

/** The ASCII digit for an ASCII or Khmer digit character, else null. */
export function digitOf(key: string): DigitKey | null {
  if (key.length !== 1) return null;
  if (key >= '0' && key <= '9') return key as DigitKey;
  const khmer = key.charCodeAt(0) - KHMER_ZERO;
  return khmer >= 0 && khmer <= 9 ? (String(khmer) as DigitKey) : null;
}

/**
 * Maps a physical key press (main keyboard or numpad) to a keypad action, or null to ignore it.
 * Numpad keys are read by `code` first, so they work with NumLock off too (where the numpad's
 * decimal key would otherwise report "Delete"). Khmer digits count as digits, and an unshifted key
 * of the number row (or the full stop key) counts by its physical place whatever the layout types
 * there, so a cashier who left the Khmer (or any other) layout on can still key amounts.
 */
export function keyboardAction(event: KeyLike): KeyboardAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const code = event.code ?? '';
  // N by its place too, so New sale works whatever layout is on (the Khmer layout types ន there).
  if (code === 'KeyN' || event.key === 'n' || event.key === 'N') return 'newSale';
  const numpadDigit = /^Numpad([0-9])$/.exec(code);
  if (numpadDigit) return numpadDigit[1] as DigitKey;
  if (code === 'NumpadDecimal' || code === 'NumpadComma') return '.';
  if (code === 'NumpadEnter') return 'charge';
  const key = event.key;
  if (key === 'F2') return 'currency';
  if (key === 'F4') return 'cash';
  const digit = digitOf(key);
  if (digit) return digit;
  const byPlace = event.shiftKey ? null : physicalAction(code);
  if (byPlace && key.length === 1) return byPlace;
  switch (key) {
    case '.':
    case ',':
    case 'Decimal':
      return '.';
    case 'Backspace':
      return 'backspace';
    case 'Escape':
      return 'escape';
    case 'Delete':
    case 'Clear':
      return 'clear';
    case 'Enter':
      return 'charge';
    default:
      // Any other character (a letter, "+", "-", "e"…) cannot be part of an amount: say so. Space is
      // left alone: it presses the focused button.
      return key.length === 1 && key !== ' ' ? 'invalid' : null;
  }
}

/** The number row and the full stop key by their place on the keyboard (for layouts that type other characters there). */
function physicalAction(code: string): KeypadKey | null {
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1] as DigitKey;
  return code === 'Period' ? '.' : null;
}

const KEYPAD_KEYS: readonly string[] = [...DIGIT_KEYS, '00', '.', 'backspace', 'clear'];

/** True for the actions that are presses of a keypad key (not Charge, Escape, New sale or a refusal). */
export function isKeypadKey(action: KeyboardAction): action is KeypadKey {
  return KEYPAD_KEYS.includes(action);
}
