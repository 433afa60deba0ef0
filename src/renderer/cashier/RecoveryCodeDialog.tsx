import { useEffect, useId, useState } from 'react';
import type { CommandError } from '../../shared/contract.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { invoke, useCashier } from './store.ts';
import { useModalDialog } from './useModalDialog.ts';
import { useT } from './useT.ts';

/**
 * The owner's recovery code, shown once (the host keeps only its hash): after the owner is created,
 * after a recovery, or when the owner asks for a new one. Print sends it back to the host once, to
 * the receipt printer (the host checks it against its hash first).
 */
export function RecoveryCodeDialog() {
  const t = useT();
  const id = useId();
  const code = useCashier((s) => s.recoveryCode);
  const close = useCashier((s) => s.closeRecoveryCode);
  const { dialog, initialFocus, onCancel } = useModalDialog(code !== null, close);
  const [printed, setPrinted] = useState<'sending' | 'sent' | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  useEffect(() => {
    setPrinted(null);
    setError(null);
  }, [code]);
  const print = async () => {
    if (code === null || printed !== null) return;
    setPrinted('sending');
    const reply = await invoke('auth.printRecoveryCode', { code });
    setPrinted(reply.ok ? 'sent' : null);
    if (!reply.ok) setError(reply.error);
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onCancel={onCancel}>
      <h2 id={`${id}-title`} className="dialog__title">
        {t('auth.recoveryShownTitle')}
      </h2>
      <p className="recovery-code num" lang="en">
        {code}
      </p>
      <p id={`${id}-body`}>{t('auth.recoveryShownHelp')}</p>
      {error && <ErrorBanner error={error} />}
      <p role="status" className="settings__note">
        {printed === 'sent' ? t('auth.recoveryPrintSent') : ''}
      </p>
      <div className="dialog__actions">
        <button type="button" className="btn" disabled={printed !== null} onClick={() => void print()}>
          {t('auth.recoveryPrint')}
        </button>
        <button ref={initialFocus} type="button" className="btn btn--primary" onClick={close}>
          {t('auth.recoveryDone')}
        </button>
      </div>
    </dialog>
  );
}
