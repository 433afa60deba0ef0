import { hostMessageText } from '../../shared/messages/index.ts';
import { invoke, useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

/**
 * The last drawer kick did not get through (a printer unplugged, switched off…): above every tab,
 * in words, until a kick works again or the cashier presses OK. The drawer opens with its key.
 */
export function DrawerProblem() {
  const t = useT();
  const language = useLanguage();
  const problem = useCashier((s) => s.state?.drawer ?? null);
  if (!problem) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="drawer-problem">
      <div className="banner__text">
        <strong>{hostMessageText(problem.message, language)}</strong>
        {problem.cause && <span className="banner__detail">{hostMessageText(problem.cause, language)}</span>}
      </div>
      <button type="button" className="btn btn--ghost banner__close" onClick={() => void invoke('drawer.dismissProblem', {})}>
        {t('drawer.dismiss')}
      </button>
    </div>
  );
}
