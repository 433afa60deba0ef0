import { useEffect, useId, useRef } from 'react';
import { useCashier } from './store.ts';
import { useT } from './useT.ts';

/**
 * The receipt exactly as the printer gets it (1-bit raster), at its natural pixel size, in a modal
 * on the native <dialog> like ConfirmDialog. Tall receipts scroll inside the dialog.
 */
export function ReceiptPreviewDialog() {
  const t = useT();
  const preview = useCashier((s) => s.preview);
  const closePreview = useCashier((s) => s.closePreview);
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const id = useId();
  const open = preview !== null;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      close.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--preview"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-size`}
      onCancel={(event) => {
        event.preventDefault();
        closePreview();
      }}
    >
      {preview && (
        <>
          <div className="preview__head">
            <h2 id={`${id}-title`} className="dialog__title">
              {t('receipt.previewTitle', { id: preview.saleId })}
            </h2>
            <button ref={close} type="button" className="btn btn--primary" onClick={closePreview}>
              {t('receipt.close')}
            </button>
          </div>
          <p id={`${id}-size`} className="preview__size">
            {t('receipt.previewSize', { width: preview.image.width, height: preview.image.height })}
          </p>
          <div className="preview__scroll" tabIndex={0}>
            <img
              className="preview__image"
              src={preview.image.png}
              width={preview.image.width}
              height={preview.image.height}
              alt={t('receipt.previewAlt', { id: preview.saleId })}
            />
          </div>
        </>
      )}
    </dialog>
  );
}
