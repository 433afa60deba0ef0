import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { RefObject } from 'react';
import { fitScale, qrDataUrl, qrDataUrlNow, qrModules } from './qr.ts';

/** Local clock that re-renders every `intervalMs` while `active`. */
export function useNow(active = true, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

/** The content box of an element as laid out now (what ResizeObserver reports as contentRect). */
function contentBox(element: HTMLElement): { width: number; height: number } {
  const rect = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const px = (value: string): number => Number.parseFloat(value) || 0;
  return {
    width: Math.max(0, rect.width - px(style.paddingLeft) - px(style.paddingRight) - px(style.borderLeftWidth) - px(style.borderRightWidth)),
    height: Math.max(0, rect.height - px(style.paddingTop) - px(style.paddingBottom) - px(style.borderTopWidth) - px(style.borderBottomWidth)),
  };
}

/**
 * The content-box size of an element, kept up to date. Measured at once when the element appears
 * (before the browser paints), not at ResizeObserver's first report a frame later: the QR on the
 * customer display is sized from this, and the customer is waiting for it.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const update = (box: { width: number; height: number }): void =>
      setSize((old) => (old && old.width === box.width && old.height === box.height ? old : { width: box.width, height: box.height }));
    update(contentBox(element));
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) update(box);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The last few images made, by payload, scale and pixel ratio: a re-measure to the same scale costs nothing. */
const made = new Map<string, string>();

function madeNow(plan: { payload: string; scale: number; key: string }): string | null {
  const known = made.get(plan.key);
  if (known) return known;
  const url = qrDataUrlNow(plan.payload, plan.scale);
  if (url) {
    made.set(plan.key, url);
    if (made.size > 4) made.delete(made.keys().next().value!);
  }
  return url;
}

type QrPlan =
  | { payload: string; scale: number; cssSize: number; key: string }
  | { payload: string; error: string; key: string };

export type QrImage =
  | { payload: string; url: string; cssSize: number }
  | { payload: string; error: string };

/**
 * The QR image for `payload`, as large as fits a `boxCssPx` square with every module a whole number
 * of device pixels; `cssSize` is the size to show it at. Null while rendering or without a payload.
 */
export function useQrImage(payload: string | null, boxCssPx: number | null): QrImage | null {
  const [image, setImage] = useState<(QrImage & { key: string }) | null>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const plan = useMemo((): QrPlan | null => {
    if (!payload || !boxCssPx) return null;
    try {
      const modules = qrModules(payload);
      const scale = fitScale(boxCssPx, dpr, modules);
      return { payload, scale, cssSize: (modules * scale) / dpr, key: `${payload}|${scale}|${dpr}` };
    } catch (error) {
      return { payload, error: String(error), key: `${payload}|error` };
    }
  }, [payload, boxCssPx, dpr]);

  // In a browser the image is made right here, so it is in the same frame as the card around it.
  const immediate = useMemo(() => (plan && !('error' in plan) ? madeNow(plan) : null), [plan]);

  useEffect(() => {
    if (!plan || 'error' in plan || immediate) return undefined;
    let live = true;
    qrDataUrl(plan.payload, plan.scale).then(
      (url) => live && setImage({ payload: plan.payload, url, cssSize: plan.cssSize, key: plan.key }),
      (error: unknown) => live && setImage({ payload: plan.payload, error: String(error), key: plan.key }),
    );
    return () => {
      live = false;
    };
  }, [plan, immediate]);

  if (!plan) return null;
  if ('error' in plan) return { payload: plan.payload, error: plan.error };
  if (immediate) return { payload: plan.payload, url: immediate, cssSize: plan.cssSize };
  // While a new size renders, keep showing the same payload at its previous size (no flicker).
  return image && image.payload === plan.payload ? image : null;
}
