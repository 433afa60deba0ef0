/**
 * The cashier's receipt preview: exactly the 1-bit raster the printer gets, as a PNG. Written
 * directly as a 1-bit greyscale PNG (no canvas round trip), so no pixel can differ from the print.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { Bitmap } from '../types.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** Black-on-white PNG of the bitmap, one pixel per printer dot. */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const bytesPerRow = bitmap.width / 8;
  if (!Number.isInteger(bytesPerRow) || bitmap.data.length !== bytesPerRow * bitmap.height) {
    throw new Error(`bitmap ${bitmap.width}×${bitmap.height} does not match its ${bitmap.data.length} bytes`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bitmap.width, 0);
  ihdr.writeUInt32BE(bitmap.height, 4);
  ihdr[8] = 1; // bit depth 1
  ihdr[9] = 0; // greyscale
  // Each scanline: filter byte 0, then the row with bits inverted (in PNG greyscale 1 = white).
  const raw = Buffer.alloc((bytesPerRow + 1) * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    const out = y * (bytesPerRow + 1);
    for (let i = 0; i < bytesPerRow; i++) raw[out + 1 + i] = ~bitmap.data[y * bytesPerRow + i]! & 0xff;
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
