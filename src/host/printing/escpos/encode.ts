/**
 * A receipt raster → the bytes of one print job. Only image commands: Khmer has no ESC/POS code
 * page, so no text byte is ever sent (which also keeps every printer's character set irrelevant).
 */
import type { Bitmap } from '../types.ts';
import { CUT_PREFIX, FEED_PREFIX, INIT, MAX_SLICE_ROWS, RASTER_HEADER_LENGTH, RASTER_MODE_NORMAL, RASTER_PREFIX } from './commands.ts';

export interface RasterJobOptions {
  /**
   * Lines (ESC d, about 4.2 mm each) fed after the image. Printers with a tear bar and no cutter need
   * them to bring the end of the receipt out; default 3. 0 sends no feed command.
   */
  feedLines?: number;
  /** Partial cut with feed (GS V 66 0) at the end; default true. */
  cut?: boolean;
}

export const DEFAULT_FEED_LINES = 3;

function checkBitmap(bitmap: Bitmap): number {
  const bytesPerRow = bitmap.width / 8;
  if (!Number.isInteger(bytesPerRow) || bytesPerRow < 1 || bytesPerRow > 0xffff) {
    throw new Error(`raster width ${bitmap.width} must be a positive multiple of 8`);
  }
  if (!Number.isInteger(bitmap.height) || bitmap.height < 0 || bitmap.data.length !== bytesPerRow * bitmap.height) {
    throw new Error(`raster ${bitmap.width}×${bitmap.height} does not match its ${bitmap.data.length} bytes`);
  }
  return bytesPerRow;
}

/** ESC @, the image as GS v 0 slices of ≤ 255 rows, ESC d feed, GS V 66 0 cut. */
export function encodeRasterJob(bitmap: Bitmap, options: RasterJobOptions = {}): Uint8Array {
  const bytesPerRow = checkBitmap(bitmap);
  const feedLines = options.feedLines ?? DEFAULT_FEED_LINES;
  if (!Number.isInteger(feedLines) || feedLines < 0 || feedLines > 255) throw new Error(`feedLines ${feedLines} is not 0–255`);
  const cut = options.cut ?? true;

  const slices = Math.ceil(bitmap.height / MAX_SLICE_ROWS);
  const size = INIT.length + slices * RASTER_HEADER_LENGTH + bitmap.data.length + (feedLines > 0 ? 3 : 0) + (cut ? 4 : 0);
  const job = new Uint8Array(size);
  let at = 0;
  const put = (bytes: ArrayLike<number>) => {
    job.set(bytes, at);
    at += bytes.length;
  };

  put(INIT);
  for (let top = 0; top < bitmap.height; top += MAX_SLICE_ROWS) {
    const rows = Math.min(MAX_SLICE_ROWS, bitmap.height - top);
    put(RASTER_PREFIX);
    put([RASTER_MODE_NORMAL, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
    put(bitmap.data.subarray(top * bytesPerRow, (top + rows) * bytesPerRow));
  }
  if (feedLines > 0) put([...FEED_PREFIX, feedLines]);
  if (cut) put([...CUT_PREFIX, 0]);
  return job;
}
