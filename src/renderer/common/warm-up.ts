/**
 * Pays for the first QR before the first customer waits for it. Without this the first sale after
 * start is the slowest: `qrcode`'s code runs for the first time (not yet compiled, canvas not set
 * up), and the bundled fonts' weights the KHQR card uses load only when first needed, re-laying the
 * card out (and re-sizing its QR) while the customer watches. Done once, when the screen is idle.
 */
import { qrDataUrlNow, qrModules } from './qr.ts';

/** Any text of a KHQR's usual length: what matters is exercising the same code, not the content. */
const SAMPLE = '00020101021229180014warmup@bank5204599953038405405100.005802KH5906WARMUP6010Phnom Penh6304ABCD';

const FONTS: Array<[font: string, sample: string]> = [
  ['400 16px "Noto Sans"', 'Scan 0123456789$'],
  ['700 16px "Noto Sans"', 'KHQR 0123456789$'],
  ['400 16px "Noto Sans Khmer"', 'ស្កេន'],
  ['700 16px "Noto Sans Khmer"', 'ស្កេន'],
];

export function warmUp(): void {
  const run = (): void => {
    qrModules(SAMPLE);
    qrDataUrlNow(SAMPLE, 4);
    for (const [font, sample] of FONTS) void document.fonts.load(font, sample).catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 1_000 });
  else window.setTimeout(run, 0);
}
