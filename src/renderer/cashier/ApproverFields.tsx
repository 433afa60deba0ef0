import { APPROVER_ROLES } from '../../shared/rules/refund.ts';
import { Field } from './Field.tsx';
import { useCashier } from './store.ts';
import { useT } from './useT.ts';

/** The owners and managers who can sign in: who may approve a refund or a void with their PIN. */
export function useApprovers() {
  const users = useCashier((s) => s.state?.auth?.users) ?? [];
  return users.filter((u) => (APPROVER_ROLES as readonly string[]).includes(u.role));
}

/** A PIN as the approver may type it (the host checks it and who it belongs to). */
export const isApproverPin = (pin: string): boolean => /^[0-9]{4,6}$/.test(pin);

/**
 * The approval of a refund or a void, in place: who approves (an owner or a manager) and their PIN.
 * Their id goes with the PIN; the host checks both (auth.approve).
 */
export function ApproverFields({ approverId, onApprover, pin, onPin }: {
  /** The chosen approver, or '' for the first one listed. */
  approverId: string;
  onApprover: (id: string) => void;
  pin: string;
  onPin: (pin: string) => void;
}) {
  const t = useT();
  const allowed = useApprovers();
  const chosen = allowed.find((u) => u.id === approverId) ?? allowed[0] ?? null;
  return (
    <>
      <Field label={t('refund.approver')} locked={false}>
        {(props) => (
          <select {...props} value={chosen?.id ?? ''} onChange={(e) => onApprover(e.target.value)}>
            {allowed.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({t(u.role === 'owner' ? 'refund.approver.owner' : 'refund.approver.manager')})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('refund.pin')} help={t('refund.pinHint')} locked={false}>
        {(props) => <input {...props} type="password" inputMode="numeric" autoComplete="off" maxLength={6} value={pin} onChange={(e) => onPin(e.target.value)} />}
      </Field>
    </>
  );
}

/** The approver's id as sent: the one chosen, else the first listed. */
export function approverIdOf(approverId: string, allowed: ReadonlyArray<{ id: string }>): string {
  return (allowed.find((u) => u.id === approverId) ?? allowed[0])?.id ?? '';
}
