import { useId } from 'react';
import type { ReactNode } from 'react';
import { LOCK_NOTE, type Lock } from './lock.ts';
import { useT } from './useT.ts';

export interface ControlProps {
  id: string;
  readOnly: boolean;
  'aria-describedby': string | undefined;
  className: string;
}

/** A labelled field with help text; read-only with a note saying why when it is locked (lock.ts). */
export function Field({
  label,
  help,
  locked,
  wide = false,
  status,
  children,
}: {
  label: string;
  help?: string;
  locked: Lock;
  wide?: boolean;
  /** Live notes under the control (e.g. a line count), part of its description. */
  status?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}) {
  const t = useT();
  const id = useId();
  const describedBy = [status ? `${id}-status` : null, help ? `${id}-help` : null, locked ? `${id}-locked` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${locked ? ' field--locked' : ''}${wide ? ' field--wide' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children({ id, readOnly: locked !== false, 'aria-describedby': describedBy || undefined, className: 'field__control' })}
      {status && (
        <div id={`${id}-status`} className="field__status">
          {status}
        </div>
      )}
      {locked && (
        <p id={`${id}-locked`} className="field__locked">
          {t(LOCK_NOTE[locked])}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="field__help">
          {help}
        </p>
      )}
    </div>
  );
}
