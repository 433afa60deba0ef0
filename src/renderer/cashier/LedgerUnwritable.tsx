import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { useCashier } from './store.ts';
import { useLanguage } from './useT.ts';

const UNSAVED: HostMessage = { code: 'ledger.paymentUnsaved' };

/**
 * The ledger cannot be written (a full disk), whatever wrote last: a sale still watched for a late
 * payment, a receipt job, an alert. Above every tab for as long as it lasts, since a payment that
 * arrives meanwhile cannot be saved; announced once when it starts.
 */
export function LedgerUnwritable() {
  const language = useLanguage();
  const unwritable = useCashier((s) => s.state?.ledgerUnwritable === true);
  if (!unwritable) return null;
  return (
    <div className="banner banner--error ledger-unwritable" role="alert">
      <div className="banner__text">
        <strong className="payment__unsaved">{hostMessageText(UNSAVED, language)}</strong>
      </div>
    </div>
  );
}
