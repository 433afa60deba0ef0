import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../shared/contract.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { ApproverFields, approverIdOf, isApproverPin, useApprovers } from './ApproverFields.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { invoke } from './store.ts';
import { useLanguage, useT } from './useT.ts';

/**
 * "Open drawer" without a sale (the Shift tab, for every role): an owner's or a manager's PIN approves
 * it in place, whoever is signed in; the host journals who asked and who approved before the kick.
 */
export function OpenDrawer() {
  const t = useT();
  const language = useLanguage();
  const allowed = useApprovers();
  const [approverId, setApproverId] = useState('');
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const open = async (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setError(null);
    setInvalid(!isApproverPin(pin));
    if (!isApproverPin(pin)) return;
    setBusy(true);
    const reply = await invoke('drawer.open', { approver: { userId: approverIdOf(approverId, allowed), pin } });
    setBusy(false);
    setPin('');
    if (!reply.ok) return setError(reply.error);
    const { outcome, message, cause } = reply.value;
    if (outcome === 'sent') return setNotice(t('cash.drawerOpened'));
    setNotice([message, cause].filter((m) => m !== null).map((m) => hostMessageText(m, language)).join(' '));
  };

  return (
    <form className="cash__form" onSubmit={(e) => void open(e)} aria-labelledby="open-drawer-title" data-testid="open-drawer">
      <h3 id="open-drawer-title">{t('cash.openDrawer')}</h3>
      <p id="open-drawer-hint" className="shift__note">{t('cash.openDrawerHint')}</p>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {invalid && <p className="banner banner--error" role="alert">{t('refund.pinMissing')}</p>}
      <div role="status" className="shift__notice" data-testid="open-drawer-notice">{notice}</div>
      <ApproverFields approverId={approverId} onApprover={setApproverId} pin={pin} onPin={setPin} />
      <button type="submit" className="btn" disabled={busy} aria-describedby="open-drawer-hint">{t('cash.openDrawer')}</button>
    </form>
  );
}
