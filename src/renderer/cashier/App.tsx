import { useEffect } from 'react';
import { Alerts } from './Alerts.tsx';
import { DrawerProblem } from './DrawerProblem.tsx';
import { Header } from './Header.tsx';
import { IntegrityWarning } from './IntegrityWarning.tsx';
import { BackupWarning } from './BackupWarning.tsx';
import { LedgerUnwritable } from './LedgerUnwritable.tsx';
import { SellView } from './SellView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { ShiftView } from './ShiftView.tsx';
import { REFUND_SEARCH_SELECTOR } from './RefundPanel.tsx';
import { useCashier } from './store.ts';
import { useIdleLock } from './idle-lock.ts';
import { NoKey } from './NoKey.tsx';
import { RecoveryCodeDialog } from './RecoveryCodeDialog.tsx';
import { SignIn } from './SignIn.tsx';
import { useLanguage, useT } from './useT.ts';

export function App() {
  const t = useT();
  const language = useLanguage();
  const connected = useCashier((s) => s.state !== null);
  const accessProblem = useCashier((s) => s.accessProblem);
  const view = useCashier((s) => s.view);
  const merchantName = useCashier((s) => s.state?.merchantName ?? '');
  const signedIn = useCashier((s) => s.state?.auth?.user != null);
  const autoLockMinutes = useCashier((s) => s.state?.autoLockMinutes ?? 0);
  const watching = useCashier((s) => s.state?.watch != null);
  useIdleLock(autoLockMinutes, signedIn && !watching);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // F8: Refunds (on the Shift tab), its search field focused, from any screen.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F8') return;
      event.preventDefault();
      useCashier.getState().setView('shift');
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>(REFUND_SEARCH_SELECTOR)?.focus());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    document.title = merchantName ? `${merchantName} · ${t('app.title')}` : t('app.title');
  }, [merchantName, t]);

  // Without its key the page can never connect: say so, and how to open the till, instead of "Connecting…".
  if (accessProblem) return <NoKey problem={accessProblem} />;

  if (!connected) {
    return (
      <div className="connecting" role="status">
        <p lang="en">Connecting to the POS host…</p>
        <p lang="km">កំពុងភ្ជាប់ទៅម៉ាស៊ីន POS…</p>
      </div>
    );
  }

  // Locked (or no owner yet): the sign-in screen, and nothing of the till behind it.
  if (!signedIn) {
    return (
      <>
        <SignIn />
        <RecoveryCodeDialog />
      </>
    );
  }

  return (
    <div className="app">
      <RecoveryCodeDialog />
      <Header />
      <IntegrityWarning />
      <BackupWarning />
      <LedgerUnwritable />
      <DrawerProblem />
      {/* On the Sell screen the alerts sit above the payment panel, where they never move the keypad. */}
      {view !== 'sell' && <Alerts />}
      {view === 'sell' ? <SellView /> : view === 'shift' ? <ShiftView /> : <SettingsView />}
    </div>
  );
}
