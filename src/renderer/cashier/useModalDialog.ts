import { useEffect, useRef } from 'react';
import type { SyntheticEvent } from 'react';

/**
 * Drives a native <dialog> as a modal (focus is trapped and the page behind is inert): shown with
 * `initialFocus` focused while `open`, closed otherwise. Escape calls `onEscape` instead of letting
 * the dialog close itself, so the open state stays the caller's.
 */
export function useModalDialog(open: boolean, onEscape: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const initialFocus = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      initialFocus.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onEscape();
  };

  return { dialog, initialFocus, onCancel };
}
