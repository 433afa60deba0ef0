/** QR sizing arithmetic, kept apart from the `qrcode` import so it is testable in Node. */

/** Quiet zone on every side, in modules (the KHQR card conventions ask for at least 4). */
export const QR_MARGIN_MODULES = 4;

/**
 * Device pixels per module so that `modules` fit in a `boxCssPx` square at `devicePixelRatio`:
 * the largest whole number that fits, at least 1.
 */
export function fitScale(boxCssPx: number, devicePixelRatio: number, modules: number): number {
  if (!(modules > 0) || !(boxCssPx > 0)) return 1;
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  return Math.max(1, Math.floor((boxCssPx * ratio) / modules));
}
