import { useId } from 'react';
import { useCashier } from './store.ts';
import { useModalDialog } from './useModalDialog.ts';
import { useT } from './useT.ts';

/**
 * The receipt exactly as the printer gets it (1-bit raster), at its natural pixel size, in a modal
 * on the native <dialog> like ConfirmDialog. Tall receipts scroll inside the dialog.
 */
export function ReceiptPreviewDialog() {
  const t = useT();
  const preview = useCashier((s) => s.preview);
  const closePreview = useCashier((s) => s.closePreview);
  const open = preview !== null;
  const { dialog, initialFocus: close, onCancel } = useModalDialog(open, closePreview);
  const id = useId();

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--preview"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-size`}
      onCancel={onCancel}
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
