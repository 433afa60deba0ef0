import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodeEscPosJob } from '../../../src/host/printing/escpos/decode.ts';
import { encodeRasterJob } from '../../../src/host/printing/escpos/encode.ts';
import { renderReceipt } from '../../../src/host/printing/receipt/layout.ts';
import { bitmapToPng } from '../../../src/host/printing/receipt/preview.ts';
import { isBlack } from '../../../src/host/printing/receipt/raster.ts';
import { sampleReceiptData } from '../../../src/host/printing/receipt/sample.ts';
import { PAPER_DOTS, type PaperWidth } from '../../../src/host/printing/types.ts';

const WIDTHS: PaperWidth[] = [58, 80];

/** The bytes each non-raster command we send consists of; the printer gets nothing else. */
const COMMAND_BYTES = { init: [0x1b, 0x40], feed: [0x1b, 0x64], cut: [0x1d, 0x56, 0x42] } as const;

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

for (const paperWidth of WIDTHS) {
  const data = sampleReceiptData(paperWidth, { training: true, copy: true, paidLate: true });

  test(`${paperWidth} mm: the printed job decodes to exactly the rendered receipt`, () => {
    const bitmap = renderReceipt(data);
    const { commands, raster } = decodeEscPosJob(encodeRasterJob(bitmap));
    assert.deepEqual(raster, bitmap, 'bit-for-bit the same raster');
    assert.equal(commands.filter((c) => c.kind === 'unknown').length, 0);
    assert.equal(commands[0]?.kind, 'init');
    assert.deepEqual(commands.slice(-2).map((c) => c.kind), ['feed', 'cut']);
    const slices = commands.filter((c) => c.kind === 'raster');
    assert.ok(slices.length >= 2, 'a receipt is taller than one slice');
    for (const slice of slices) {
      assert.ok(slice.rows <= 255, `slice of ${slice.rows} rows`);
      assert.ok(slice.bytesPerRow * 8 <= PAPER_DOTS[paperWidth], `${slice.bytesPerRow} bytes per row`);
    }
  });

  test(`${paperWidth} mm: no text reaches the printer — only known command bytes around the raster`, () => {
    const job = encodeRasterJob(renderReceipt(data));
    const { commands } = decodeEscPosJob(job);
    let covered = 0;
    for (const command of commands) {
      assert.equal(command.offset, covered, 'commands follow each other with no bytes in between');
      const bytes = Array.from(job.subarray(command.offset, command.offset + command.length));
      if (command.kind === 'raster') {
        assert.deepEqual(bytes.slice(0, 4), [0x1d, 0x76, 0x30, 0]);
        assert.equal(command.length, 8 + command.bytesPerRow * command.rows);
      } else if (command.kind === 'init') {
        assert.deepEqual(bytes, COMMAND_BYTES.init);
      } else if (command.kind === 'feed') {
        assert.deepEqual(bytes, [...COMMAND_BYTES.feed, command.lines]);
      } else if (command.kind === 'cut') {
        assert.deepEqual(bytes, [...COMMAND_BYTES.cut, 0]);
      } else {
        assert.fail(`${command.kind} bytes at ${command.offset}${command.kind === 'unknown' ? `: ${command.reason}` : ''} (a job never has them)`);
      }
      covered += command.length;
    }
    assert.equal(covered, job.length);
    for (const text of [data.merchantName, 'សរុប', 'TRAINING', 'COPY', data.reference]) {
      assert.equal(indexOf(job, new TextEncoder().encode(text)), -1, `"${text}" is not in the job as text`);
    }
  });

  test(`${paperWidth} mm: the preview PNG shows exactly the dots the printer gets`, async () => {
    const bitmap = renderReceipt(data);
    const image = await loadImage(bitmapToPng(bitmap));
    assert.equal(image.width, bitmap.width);
    assert.equal(image.height, bitmap.height);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
    let mismatches = 0;
    for (let y = 0; y < bitmap.height; y++) {
      for (let x = 0; x < bitmap.width; x++) {
        const grey = pixels[(y * bitmap.width + x) * 4]!;
        if (grey !== (isBlack(bitmap, x, y) ? 0 : 255)) mismatches++;
      }
    }
    assert.equal(mismatches, 0);
  });
}
