import { useId } from 'react';
import { useModalDialog } from './useModalDialog.ts';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
  onKeep: () => void;
}

/**
 * An in-app modal confirmation on the native <dialog> (focus is trapped and the page behind is
 * inert). The safe choice has the focus; Escape means the safe choice too.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, keepLabel, onConfirm, onKeep }: Props) {
  const { dialog, initialFocus: keep, onCancel } = useModalDialog(open, onKeep);
  const id = useId();

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={onCancel}
    >
      <h2 id={`${id}-title`} className="dialog__title">
        {title}
      </h2>
      <p id={`${id}-body`}>{body}</p>
      <div className="dialog__actions">
        <button ref={keep} type="button" className="btn btn--primary" onClick={onKeep}>
          {keepLabel}
        </button>
        <button type="button" className="btn btn--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
