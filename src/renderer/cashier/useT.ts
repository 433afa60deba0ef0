import { useMemo } from 'react';
import type { Language } from '../../shared/contract.ts';
import { translator } from '../i18n/index.ts';
import type { Translate } from '../i18n/index.ts';
import { useCashier } from './store.ts';

/** The cashier's language (English until the host has said otherwise). */
export function useLanguage(): Language {
  return useCashier((s) => s.state?.language ?? 'en');
}

export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => translator(language), [language]);
}
