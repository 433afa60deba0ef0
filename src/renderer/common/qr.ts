/**
 * Renders a KHQR payload as a PNG data URL, locally (no network): error correction M, a 4-module
 * quiet zone, black on white, `scale` device pixels per module. Screens size the image so one module
 * is a whole number of device pixels (see `fitScale`), which keeps every module the same size.
 */
import QRCode from 'qrcode';
import { fitScale, QR_MARGIN_MODULES } from './qr-fit.ts';

export { fitScale, QR_MARGIN_MODULES };

/** Width of the rendered QR in modules, quiet zone included. */
export function qrModules(payload: string): number {
  return QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules.size + 2 * QR_MARGIN_MODULES;
}

function options(scale: number): QRCode.QRCodeToDataURLOptions {
  return { errorCorrectionLevel: 'M', margin: QR_MARGIN_MODULES, scale, color: { dark: '#000000ff', light: '#ffffffff' } };
}

export async function qrDataUrl(payload: string, scale: number): Promise<string> {
  return QRCode.toDataURL(payload, options(scale));
}

/**
 * The same image, made before this returns where that is possible: in a browser `qrcode` draws on
 * a canvas synchronously, so the QR can be in the very frame that first shows the card, instead of
 * one or two frames later. Null where it cannot (Node's PNG encoder is asynchronous) or on error:
 * the caller then uses qrDataUrl.
 */
export function qrDataUrlNow(payload: string, scale: number): string | null {
  let url: string | null = null;
  QRCode.toDataURL(payload, options(scale), (error, made) => {
    if (!error) url = made;
  });
  return url;
}
