import { hostMessageText } from '../../shared/messages/index.ts';
import { useCashier } from './store.ts';
import { useLanguage } from './useT.ts';

/**
 * A backup the POS was to make (daily, or at a shift close) was not made — the disk too full, or
 * the copy failed (src/host/ledger/backup-health.ts). Amber, above every tab, until a later backup
 * is written: it never stops a sale or a close. Catalog words only.
 */
export function BackupWarning() {
  const language = useLanguage();
  const backup = useCashier((s) => s.state?.backup);
  if (!backup || backup.ok) return null;
  const since = new Date(backup.since).toLocaleString(language === 'km' ? 'km-KH' : 'en-GB');
  return (
    <div className="banner banner--warn backup-warning" role="alert">
      <div className="banner__text">
        <strong>{hostMessageText(backup.message, language)}</strong>
        <span className="banner__detail">{hostMessageText({ code: 'backup.since', params: { time: since } }, language)}</span>
      </div>
    </div>
  );
}
