import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SaleView } from '../../shared/contract.ts';
import { formatMoney } from '../../shared/cash/index.ts';
import { REFUND_REASON_MAX_CHARS } from '../../shared/rules/refund.ts';
import { ApproverFields, approverIdOf, isApproverPin, useApprovers } from './ApproverFields.tsx';
import { cashTendered } from './cash-tender.ts';
import { useCash } from './cash-store.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Field } from './Field.tsx';
import { useModalDialog } from './useModalDialog.ts';
import { useT } from './useT.ts';

/**
 * Void a sale abandoned after cash was tendered (F9 on the cash screen): a reason and an owner's or
 * manager's PIN, in place, the same approval as a refund. Enter voids, Esc keeps the sale. The host
 * gives back exactly the cash tendered, prints the void receipt and opens the drawer.
 */
export function VoidDialog({ sale }: { sale: SaleView }) {
  const t = useT();
  const id = useId();
  const open = useCash((s) => s.voiding);
  const busy = useCash((s) => s.busy);
  const error = useCash((s) => s.error);
  const closeVoid = useCash((s) => s.closeVoid);
  const voidSale = useCash((s) => s.voidSale);
  const allowed = useApprovers();
  const { dialog, initialFocus, onCancel } = useModalDialog(open, closeVoid);
  const reasonField = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState('');
  const [approverId, setApproverId] = useState('');
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setReason('');
    setPin('');
    setInvalid(null);
    reasonField.current?.focus();
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return setInvalid(t('cash.reasonMissing'));
    if (!isApproverPin(pin)) return setInvalid(t('refund.pinMissing'));
    setInvalid(null);
    const done = await voidSale(reason, { userId: approverIdOf(approverId, allowed), pin });
    if (!done) setPin('');
  };

  const given = cashTendered(sale);
  return (
    <dialog ref={dialog} className="dialog void" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onCancel={onCancel}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`} className="dialog__title">{t('void.title')}</h2>
        <p id={`${id}-body`}>{t('void.body', { amount: given.map(formatMoney).join(' + ') })}</p>
        {open && error && <ErrorBanner error={error} />}
        {invalid && <p className="banner banner--error" role="alert">{invalid}</p>}
        <Field label={t('cash.reason')} help={t('void.reasonHint')} locked={false}>
          {(props) => <input {...props} ref={reasonField} autoComplete="off" maxLength={REFUND_REASON_MAX_CHARS} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ApproverFields approverId={approverId} onApprover={setApproverId} pin={pin} onPin={setPin} />
        <div className="dialog__actions">
          <button ref={initialFocus} type="button" className="btn" onClick={closeVoid} aria-keyshortcuts="Escape">{t('void.keep')}</button>
          <button type="submit" className="btn btn--danger" disabled={busy} aria-keyshortcuts="Enter">{t('void.submit')}</button>
        </div>
      </form>
    </dialog>
  );
}
