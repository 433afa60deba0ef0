import type { CashierAccessProblem, Language } from '../../shared/contract.ts';
import { translate } from '../i18n/index.ts';

/**
 * Web mode, opened without the cashier key (a bookmark, a new tab, the root URL) or with a key the
 * POS refused: the page can never take payments, so it says why and how to open the till. Both
 * languages, as the "Connecting…" screen: the cashier's language setting is behind the key.
 */
export function NoKey({ problem }: { problem: CashierAccessProblem }) {
  const languages: Language[] = ['en', 'km'];
  return (
    <main className="no-key" aria-labelledby="no-key-title-en">
      {languages.map((language) => (
        <section key={language} lang={language} className="no-key__part">
          <h1 id={`no-key-title-${language}`} className="no-key__title">
            {translate(language, problem === 'missing_key' ? 'access.missingTitle' : 'access.refusedTitle')}
          </h1>
          <p>{translate(language, 'access.why')}</p>
          <p>{translate(language, 'access.how')}</p>
        </section>
      ))}
    </main>
  );
}
