/**
 * Pure helpers for the close's blind count (DrawerCountPanel.tsx): the form's text as the
 * `shift.count` arguments, and a difference as words. No DOM, tested in Node.
 */
import type { CurrencyDrawerCount } from '../../shared/contract.ts';
import type { CashCurrency } from '../../shared/rules/cash.ts';
import { MAX_NOTES, NOTES, type CurrencyCountInput, type DrawerCountInput } from '../../shared/rules/count.ts';
import { typedAmount } from './cash.ts';

/** How one currency is being counted, as typed: a number of each note, or a total. */
export interface CurrencyCountForm {
  mode: 'notes' | 'total';
  /** By note value in minor units ('10000' is $100), the text typed (empty is none). */
  notes: Record<string, string>;
  total: string;
}

export const emptyCountForm = (): Record<CashCurrency, CurrencyCountForm> => ({
  USD: { mode: 'notes', notes: {}, total: '' },
  KHR: { mode: 'notes', notes: {}, total: '' },
});

/** A number of notes as typed: digits (Khmer digits too); empty is 0. Null for anything else. */
export function typedNoteCount(text: string): number | null {
  const western = text.trim().replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
  if (western === '') return 0;
  if (!/^[0-9]{1,6}$/.test(western)) return null;
  const n = Number(western);
  return n <= MAX_NOTES ? n : null;
}

/** One currency's form as the command's input, or null when something typed is not a count. */
export function currencyCountInput(currency: CashCurrency, form: CurrencyCountForm): CurrencyCountInput | null {
  if (form.mode === 'total') {
    const total = form.total.trim() === '' ? 0 : typedAmount(currency, form.total, { allowZero: true });
    return total === null ? null : { total };
  }
  const notes: Record<string, number> = {};
  for (const value of NOTES[currency]) {
    const n = typedNoteCount(form.notes[String(value)] ?? '');
    if (n === null) return null;
    if (n > 0) notes[String(value)] = n;
  }
  return { notes };
}

/** Both currencies, or null when either is not a count. */
export function drawerCountInput(form: Record<CashCurrency, CurrencyCountForm>): DrawerCountInput | null {
  const USD = currencyCountInput('USD', form.USD);
  const KHR = currencyCountInput('KHR', form.KHR);
  return USD && KHR ? { USD, KHR } : null;
}

/** Whether a currency's count came out over, short or even. */
export function differenceKind(count: CurrencyDrawerCount): 'over' | 'short' | 'even' {
  return count.difference > 0 ? 'over' : count.difference < 0 ? 'short' : 'even';
}
