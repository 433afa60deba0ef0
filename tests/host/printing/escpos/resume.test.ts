/**
 * Finishing a job cut off part-way: for every point a job can be cut at, what the printer then reads
 * (the part it got, the completion, the retried job) decodes with the strict decoder to our commands
 * only — no image data read as text, no retry bytes eaten as image data — and the retry's image is whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscPosJob } from '../../../../src/host/printing/escpos/decode.ts';
import { encodeRasterJob } from '../../../../src/host/printing/escpos/encode.ts';
import { completionAfter } from '../../../../src/host/printing/escpos/resume.ts';
import type { Bitmap } from '../../../../src/host/printing/types.ts';

/** 16 dots wide, 600 rows (3 slices), a pattern with no zero bytes so a misread is visible. */
function bitmap(): Bitmap {
  const data = new Uint8Array(2 * 600);
  for (let i = 0; i < data.length; i++) data[i] = (i % 251) + 1;
  return { width: 16, height: 600, data };
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function assertPrinterReadsOnlyOurCommands(stream: Uint8Array, retried: Bitmap, where: string) {
  const { commands } = decodeEscPosJob(stream);
  const stray = commands.filter((c) => c.kind === 'unknown');
  assert.deepEqual(stray, [], `${where}: bytes the printer would read as text or unknown commands`);
  // The retry is the last INIT onward: its image is exactly the receipt.
  const lastInit = commands.findLastIndex((c) => c.kind === 'init');
  const retry = decodeEscPosJob(stream.subarray(commands[lastInit]!.offset));
  assert.deepEqual(retry.raster, retried, `${where}: the retried receipt is whole`);
  assert.deepEqual(retry.commands.slice(-2).map((c) => c.kind), ['feed', 'cut']);
}

test('cut at any byte, known exactly: completion + retry decode cleanly, the retry prints whole', () => {
  const image = bitmap();
  const job = encodeRasterJob(image);
  for (let cut = 0; cut <= job.length; cut++) {
    const completion = completionAfter(job, { from: cut, to: cut });
    const stream = concat(job.subarray(0, cut), completion, job);
    assertPrinterReadsOnlyOurCommands(stream, image, `cut at ${cut}`);
    assert.ok(
      decodeEscPosJob(stream).commands.every((c) => c.kind !== 'padding'),
      `cut at ${cut}: an exact completion leaves no padding`,
    );
  }
});

test('without a completion a retry after a cut mid-image is read as garbage (the hole this closes)', () => {
  const image = bitmap();
  const job = encodeRasterJob(image);
  const cut = 2 + 8 + 300; // inside the first slice's image data
  const { commands } = decodeEscPosJob(concat(job.subarray(0, cut), job));
  assert.ok(commands.some((c) => c.kind === 'unknown'), 'the old block eats the retry, the rest is read as text');
});

test('cut somewhere in a range (the count is not known): zeros enough for the worst case, only NULs left over', () => {
  const image = bitmap();
  const job = encodeRasterJob(image);
  // Inside a command's identifying bytes or a raster header, zeros cannot make a valid command: the
  // printer sees ESC NUL, GS NUL, GS v NUL or an image of size 0, then NULs. The libusb backend
  // always reports the exact count, so this fallback serves a backend that cannot; those residual
  // cases are asserted as exactly that (a broken prefix, then only NULs), with the retry whole.
  const inHeader = new Set(
    decodeEscPosJob(job).commands.flatMap((c) => {
      const head = c.kind === 'raster' ? 8 : c.kind === 'init' || c.kind === 'feed' ? 2 : c.kind === 'cut' ? 3 : 1;
      return Array.from({ length: head - 1 }, (_, i) => c.offset + 1 + i);
    }),
  );
  const chunk = 64;
  let clean = 0;
  for (let from = 0; from < job.length; from += chunk) {
    const to = Math.min(job.length, from + chunk);
    const completion = completionAfter(job, { from, to });
    assert.ok(completion.every((b) => b === 0), 'all zeros');
    for (let cut = from; cut <= to; cut++) {
      const stream = concat(job.subarray(0, cut), completion, job);
      const where = `range ${from}–${to}, cut at ${cut}`;
      if (!inHeader.has(cut)) {
        assertPrinterReadsOnlyOurCommands(stream, image, where);
        clean++;
        continue;
      }
      const { commands } = decodeEscPosJob(stream);
      for (const stray of commands.filter((c) => c.kind === 'unknown')) {
        const bytes = stream.subarray(stray.offset, stray.offset + stray.length);
        assert.ok(stray.offset < cut && bytes.subarray(8).every((b) => b === 0), `${where}: only the broken command's own start (≤ 8 bytes), then NULs`);
      }
      const retry = decodeEscPosJob(stream.subarray(commands.findLast((c) => c.kind === 'init')!.offset));
      assert.deepEqual(retry.raster, image, `${where}: the retried receipt is whole`);
    }
  }
  assert.ok(clean > job.length - 40, `${clean} of ${job.length} cut points decode with no stray byte at all`);
});

test('bytes that are not our commands are not completed; a cut at a boundary needs nothing', () => {
  assert.deepEqual([...completionAfter(Uint8Array.of(1, 2, 3, 4, 5, 6), { from: 3, to: 3 })], []);
  assert.deepEqual([...completionAfter(Uint8Array.of(1, 2, 3, 4, 5, 6), { from: 0, to: 4 })], []);
  const job = encodeRasterJob(bitmap());
  assert.deepEqual([...completionAfter(job, { from: 2, to: 2 })], [], 'right after ESC @');
  assert.deepEqual([...completionAfter(job, { from: job.length, to: job.length })], []);
  // Mid-header: the header is finished as written, then zero image bytes.
  const completion = completionAfter(job, { from: 5, to: 5 });
  assert.deepEqual([...completion.subarray(0, 5)], [0, 2, 0, 255, 0]);
  assert.equal(completion.length, 5 + 2 * 255);
  assert.ok(completion.subarray(5).every((b) => b === 0));
});
