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
      <nav className="nav" aria-label={t('nav.label')}>
        {tab('sell', t('nav.sell'))}
        {tab('settings', t('nav.settings'))}
      </nav>
    </header>
  );
}
