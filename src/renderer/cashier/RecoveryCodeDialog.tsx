import { useId } from 'react';
import { useCashier } from './store.ts';
import { useModalDialog } from './useModalDialog.ts';
import { useT } from './useT.ts';

/**
 * The owner's recovery code, shown once (the host keeps only its hash, and prints it on the receipt
 * printer): after the owner is created, after a recovery, or when the owner asks for a new one.
 */
export function RecoveryCodeDialog() {
  const t = useT();
  const id = useId();
  const code = useCashier((s) => s.recoveryCode);
  const close = useCashier((s) => s.closeRecoveryCode);
  const { dialog, initialFocus, onCancel } = useModalDialog(code !== null, close);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onCancel={onCancel}>
      <h2 id={`${id}-title`} className="dialog__title">
        {t('auth.recoveryShownTitle')}
      </h2>
      <p className="recovery-code num" lang="en">
        {code}
      </p>
      <p id={`${id}-body`}>{t('auth.recoveryShownHelp')}</p>
      <div className="dialog__actions">
        <button ref={initialFocus} type="button" className="btn btn--primary" onClick={close}>
          {t('auth.recoveryDone')}
        </button>
      </div>
    </dialog>
  );
}
