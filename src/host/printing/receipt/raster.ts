/**
 * Grey canvas pixels → the printer's 1-bit raster. Thermal heads print a dot or nothing, so the
 * antialiased text is thresholded (no dithering: dithered text edges look fuzzy on paper).
 */
import type { Bitmap } from '../types.ts';
import type { Rect } from './blocks.ts';

/**
 * RGBA pixels (as from getImageData) → packed 1-bit rows, 1 = black. A pixel is black when darker
 * than `threshold`. Inside `inverted` areas (white text on black) the cut is mirrored (255 − threshold)
 * so white strokes keep the same weight black ones get; otherwise thin Khmer strokes fill in.
 */
export function thresholdToBitmap(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  threshold: number,
  inverted: readonly Rect[] = [],
): Bitmap {
  if (width % 8 !== 0) throw new Error(`raster width ${width} is not a multiple of 8`);
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match the size');
  const cut = new Uint8Array(width * height).fill(threshold);
  for (const r of inverted) {
    for (let y = Math.max(0, r.y); y < Math.min(height, r.y + r.height); y++) {
      cut.fill(255 - threshold, y * width + Math.max(0, r.x), y * width + Math.min(width, r.x + r.width));
    }
  }
  const bytesPerRow = width / 8;
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * 4;
      // Integer Rec. 601 luma; transparent pixels count as the white paper.
      const alpha = rgba[i + 3]!;
      const luma = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
      const grey = (luma * alpha + 255 * (255 - alpha)) / 255;
      if (grey < cut[p]!) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

/** Whether the dot at (x, y) is black. */
export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return (bitmap.data[y * (bitmap.width / 8) + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}
