import type { CommandError } from '../../shared/contract.ts';
import { describeError } from '../i18n/index.ts';
import { isLinkError } from './store.ts';
import { useLanguage, useT } from './useT.ts';

/**
 * A command error: translated headline plus the host's specifics, announced as an alert. `link`:
 * the host was not reached at all, said in the cashier's language (there is nothing from the host).
 */
export function ErrorBanner({ error, link = isLinkError(error), onDismiss }: { error: CommandError; link?: boolean; onDismiss?: () => void }) {
  const t = useT();
  const language = useLanguage();
  const { headline, detail } = link ? { headline: t('error.hostUnreachable'), detail: null } : describeError(language, error);
  return (
    <div className="banner banner--error" role="alert">
      <div className="banner__text">
        <strong>{headline}</strong>
        {detail && (
          <span className="banner__detail" lang={error.text ? language : 'en'}>
            {detail}
          </span>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="btn btn--ghost banner__close" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  );
}
