import { PrinterIcon } from './Receipt.tsx';
import { useCashier } from './store.ts';
import type { View } from './store.ts';
import { useT } from './useT.ts';

export function Header() {
  const t = useT();
  const merchantName = useCashier((s) => s.state?.merchantName ?? '');
  const training = useCashier((s) => s.state?.mode === 'training');
  const view = useCashier((s) => s.view);
  const setView = useCashier((s) => s.setView);

  const tab = (target: View, label: string) => (
    <button
      type="button"
      className={`nav__item${view === target ? ' nav__item--active' : ''}`}
      aria-current={view === target ? 'page' : undefined}
      onClick={() => setView(target)}
    >
      {label}
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
        <PrinterAlert />
        <nav className="nav" aria-label={t('nav.label')}>
          {tab('sell', t('nav.sell'))}
          {tab('settings', t('nav.settings'))}
        </nav>
      </div>
    </header>
  );
}

/**
 * The printer's last problem (unplugged, no permission…) where the cashier sees it while selling.
 * The live region always exists so the problem is announced when it appears; the button opens Settings.
 */
function PrinterAlert() {
  const t = useT();
  const problem = useCashier((s) => s.state?.printer?.problem ?? null);
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
