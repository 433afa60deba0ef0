/**
 * Splitting change between dollars and riel, and the keying-error limit (docs/cash.md). Change stays
 * in its own currency: whole cents and whole riel. Runs everywhere.
 */
import { AmountError, formatRiel, formatUsd } from '../money.ts';
import { hostMessage } from '../messages/index.ts';
import { floorDiv } from './integer-division.ts';
import { khr, toExact, usd } from './money-value.ts';
import { roundToCent, roundToNote } from './rounding.ts';

/** Change given: USD cents and whole riel, both zero or more. */
export interface Change {
  readonly usd: number;
  readonly khr: number;
}

/**
 * How the cashier gives change: the default (whole dollars in USD, the rest in riel, since no US
 * coins circulate), all in dollars (to the cent), all in riel (to 100 ៛), or a split they key.
 */
export type ChangeChoice = 'default' | 'usd' | 'khr' | Change;

export const NO_CHANGE: Change = { usd: 0, khr: 0 };

/** Change worth more than $100, or more than 100,000 ៛ in riel notes, is a keying error. */
export const CHANGE_LIMIT = { cents: 10_000, riel: 100_000 } as const;

/** The value of change in the common unit. */
export function changeExact(change: Change, khrPerUsd: number): number {
  return toExact(usd(change.usd), khrPerUsd) + toExact(khr(change.khr), khrPerUsd);
}

/**
 * The change for what was tendered over the total (`overExact`, in the common unit: negative when
 * less than 50 ៛ is still due). What is left after the change, the rounding line, always rounds to
 * 0 ៛ at 100 ៛. Refuses a keyed split that does not add up, and change over CHANGE_LIMIT.
 */
export function splitChange(overExact: number, khrPerUsd: number, choice: ChangeChoice = 'default'): Change {
  const change = typeof choice === 'object' ? checkedSplit(choice, overExact, khrPerUsd) : chosenSplit(choice, overExact, khrPerUsd);
  const value = changeExact(change, khrPerUsd);
  if (value > CHANGE_LIMIT.cents * khrPerUsd || change.khr > CHANGE_LIMIT.riel) throw changeTooLarge();
  return change;
}

const changeTooLarge = (): AmountError =>
  new AmountError(hostMessage('cash.changeTooLarge', { usd: formatUsd(CHANGE_LIMIT.cents), khr: formatRiel(CHANGE_LIMIT.riel) }));

function chosenSplit(choice: 'default' | 'usd' | 'khr', overExact: number, khrPerUsd: number): Change {
  // Change is what remains due, negated, rounded by the same half-up rule: so halves of a cent or of
  // a 100 ៛ note go to the shop (as a customer owing exactly 50 ៛ pays a 100 ៛ note), and what is
  // left, the rounding line, always rounds to 0 ៛.
  if (choice === 'usd') return { usd: Math.max(0, 0 - roundToCent(-overExact, khrPerUsd)), khr: 0 };
  const dollars = choice === 'default' && overExact > 0 ? floorDiv(overExact, 100 * khrPerUsd) : 0;
  const rest = overExact - dollars * 100 * khrPerUsd;
  return { usd: dollars * 100, khr: 0 - roundToNote(-rest) };
}

function checkedSplit(split: Change, overExact: number, khrPerUsd: number): Change {
  const whole = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!whole(split.usd) || !whole(split.khr)) throw new AmountError(hostMessage('cash.changeWhole'));
  // Over the limit before any arithmetic, so a huge keyed part cannot leave the safe integers.
  if (split.usd > CHANGE_LIMIT.cents || split.khr > CHANGE_LIMIT.riel) throw changeTooLarge();
  const change: Change = { usd: split.usd, khr: split.khr };
  const left = changeExact(change, khrPerUsd) - overExact;
  if (roundToNote(left) !== 0) {
    const owed = { usd: chosenSplit('usd', overExact, khrPerUsd).usd, khr: chosenSplit('khr', overExact, khrPerUsd).khr };
    throw new AmountError(hostMessage('cash.changeSplitMismatch', { usd: formatUsd(owed.usd), khr: formatRiel(owed.khr) }));
  }
  return change;
}
