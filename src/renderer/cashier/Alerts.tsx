import type { CashierAlert } from '../../shared/contract.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

const NO_ALERTS: CashierAlert[] = [];

/** Alerts the host keeps until the cashier acknowledges them (e.g. a payment that arrived late). */
export function Alerts() {
  const t = useT();
  const language = useLanguage();
  const alerts = useCashier((s) => s.state?.alerts ?? NO_ALERTS);
  const hostReachable = useCashier((s) => s.hostReachable);
  const dismissAlert = useCashier((s) => s.dismissAlert);
  if (alerts.length === 0 && hostReachable) return null;
  return (
    <section className="alerts" aria-label={t('alert.label')}>
      {!hostReachable && (
        // The screen below is what the host last said; nothing is checked or printed until it is back.
        <div className="alerts__item alerts__item--down" role="alert">
          <p className="alerts__text">{t('alert.hostDown')}</p>
        </div>
      )}
      {alerts.map((alert) => (
        <div key={alert.id} className="alerts__item" role="alert">
          <p className="alerts__text">{hostMessageText(alert.message, language)}</p>
          <button type="button" className="btn btn--primary" onClick={() => void dismissAlert(alert.id)}>
            {t('alert.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
