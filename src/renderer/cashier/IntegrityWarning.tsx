import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

const TITLE: HostMessage = { code: 'integrity.title' };
const ACKNOWLEDGE: HostMessage = { code: 'integrity.acknowledge' };

/**
 * The ledger failed the POS's start check (src/host/ledger/integrity.ts): red, above every tab, and
 * kept by the host across restarts until someone acknowledges it. Selling goes on meanwhile. Every
 * line is a catalog message: nothing read from the ledger file is shown as text.
 */
export function IntegrityWarning() {
  const language = useLanguage();
  const integrity = useCashier((s) => s.state?.integrity);
  const acknowledge = useCashier((s) => s.acknowledgeIntegrity);
  const t = useT();
  // Acknowledging is the owner's: anyone else is told to fetch them.
  const isOwner = useCashier((s) => s.state?.auth?.user?.role === 'owner');
  if (!integrity || integrity.ok) return null;
  const since = new Date(integrity.since).toLocaleString(language === 'km' ? 'km-KH' : 'en-GB');
  return (
    <div className="banner banner--error integrity-warning" role="alert">
      <div className="banner__text">
        <strong>{hostMessageText(TITLE, language)}</strong>
        <ul className="integrity-warning__problems">
          {integrity.problems.map((problem, i) => (
            <li key={i}>{hostMessageText(problem, language)}</li>
          ))}
        </ul>
        <span className="banner__detail">{hostMessageText({ code: 'integrity.since', params: { time: since } }, language)}</span>
      </div>
      {isOwner ? (
        <button type="button" className="btn btn--primary" onClick={() => void acknowledge()}>
          {hostMessageText(ACKNOWLEDGE, language)}
        </button>
      ) : (
        <p className="banner__detail">{t('integrity.ownerMustAcknowledge')}</p>
      )}
    </div>
  );
}
