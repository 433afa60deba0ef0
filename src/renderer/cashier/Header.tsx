import type { ReactNode } from 'react';
import { formatCountdown } from '../common/countdown.ts';
import { useNow } from '../common/hooks.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { PrinterIcon } from './Receipt.tsx';
import { saleChip } from './sale.ts';
import { useCashier } from './store.ts';
import type { View } from './store.ts';
import { useLanguage, useT } from './useT.ts';

export function Header() {
  const t = useT();
  const merchantName = useCashier((s) => s.state?.merchantName ?? '');
  const training = useCashier((s) => s.state?.mode === 'training');
  const view = useCashier((s) => s.view);
  const setView = useCashier((s) => s.setView);
  const user = useCashier((s) => s.state?.auth?.user ?? null);
  const lock = useCashier((s) => s.lock);

  const tab = (target: View, label: string, extra?: ReactNode) => (
    <button
      type="button"
      className={`nav__item${view === target ? ' nav__item--active' : ''}`}
      aria-current={view === target ? 'page' : undefined}
      onClick={() => setView(target)}
    >
      {label}
      {extra}
    </button>
  );

  return (
    <header className="header">
      <div className="header__brand">
        <span className="header__merchant">{merchantName || t('app.title')}</span>
        {training && (
          <span className="badge badge--training" title={t('app.trainingHint')}>
            {t('app.training')}
          </span>
        )}
      </div>
      <div className="header__end">
        <SaleStatusAnnouncer active={view !== 'sell'} />
        <PrinterAlert />
        <nav className="nav" aria-label={t('nav.label')}>
          {tab('sell', t('nav.sell'), view !== 'sell' && <SaleChip />)}
          {tab('shift', t('nav.shift'))}
          {tab('settings', t('nav.settings'))}
        </nav>
        {user && (
          <div className="header__user">
            <span className="header__user-name">{t('auth.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}</span>
            <button type="button" className="btn btn--ghost" onClick={() => void lock(false)}>
              {t('auth.lock')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => void lock(true)}>
              {t('auth.switchUser')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}

/**
 * The current payment on the Sell tab while the cashier is elsewhere (Settings), so a payment that
 * arrives or expires meanwhile is seen. Its words join the tab's name; the ticking time does not
 * (it is only shown). A live region says when the payment's state changes.
 */
function SaleChip() {
  const t = useT();
  const sale = useCashier((s) => s.state?.current ?? null);
  const offset = useCashier((s) => s.clockOffset);
  const now = useNow(sale?.status === 'awaiting_payment', 500);
  const chip = saleChip(sale, now, offset);
  if (!chip) return null;
  const spoken = t(chip.spoken);
  return (
    <span className={`nav__chip nav__chip--${chip.tone}`} role="img" aria-label={spoken} title={spoken}>
      {t(chip.label)}
      {chip.remaining !== null && <span className="num"> {formatCountdown(chip.remaining)}</span>}
    </span>
  );
}

/** Announces the current payment's state changes while the cashier is away from the Sell screen. */
function SaleStatusAnnouncer({ active }: { active: boolean }) {
  const t = useT();
  const spoken = useCashier((s) => {
    const chip = saleChip(s.state?.current, 0, 0);
    return chip ? chip.spoken : null;
  });
  return (
    <span role="status" className="visually-hidden">
      {active && spoken ? t(spoken) : ''}
    </span>
  );
}

/**
 * The printer's last problem (unplugged, no permission…) where the cashier sees it while selling.
 * The live region always exists so the problem is announced when it appears; the button opens Settings.
 */
function PrinterAlert() {
  const t = useT();
  const language = useLanguage();
  const message = useCashier((s) => s.state?.printer?.problem ?? null);
  const problem = message ? hostMessageText(message, language) : null;
  const setView = useCashier((s) => s.setView);
  return (
    <div role="status" className="header__printer">
      {problem && (
        <button
          type="button"
          className="printer-alert"
          aria-label={t('printerAlert.label', { problem })}
          title={problem}
          onClick={() => setView('settings')}
        >
          <PrinterIcon size={26} warning />
          <span className="printer-alert__text">{t('printerAlert.short')}</span>
        </button>
      )}
    </div>
  );
}
