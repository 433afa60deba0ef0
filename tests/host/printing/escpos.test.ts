import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscPosJob, type EscPosCommand } from '../../../src/host/printing/escpos/decode.ts';
import { encodeRasterJob } from '../../../src/host/printing/escpos/encode.ts';
import type { Bitmap } from '../../../src/host/printing/types.ts';

/** A bitmap whose every row is different, so a lost, repeated or reordered row is caught. */
function patterned(width: number, height: number): Bitmap {
  const data = new Uint8Array((width / 8) * height);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + Math.floor(i / (width / 8)) * 11) & 0xff;
  return { width, height, data };
}

const kinds = (commands: EscPosCommand[]) => commands.map((c) => c.kind);

test('slices are at most 255 rows and reassemble bit-for-bit at every slice boundary', () => {
  for (const height of [1, 254, 255, 256, 510, 511, 1000]) {
    const bitmap = patterned(384, height);
    const { commands, raster } = decodeEscPosJob(encodeRasterJob(bitmap));
    const slices = commands.filter((c) => c.kind === 'raster');
    assert.equal(slices.length, Math.ceil(height / 255), `height ${height}`);
    for (const s of slices) assert.ok(s.rows >= 1 && s.rows <= 255 && s.bytesPerRow === 48);
    assert.deepEqual(raster, bitmap);
  }
});

test('the job is ESC @, GS v 0 slices, ESC d 3, GS V 66 0, byte for byte', () => {
  const job = encodeRasterJob({ width: 16, height: 2, data: Uint8Array.of(0xff, 0x00, 0x81, 0x7e) });
  assert.deepEqual(
    Array.from(job),
    [0x1b, 0x40, 0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0xff, 0x00, 0x81, 0x7e, 0x1b, 0x64, 3, 0x1d, 0x56, 0x42, 0],
  );
});

test('feed and cut can be changed or left out', () => {
  const bitmap = patterned(8, 3);
  const noCut = decodeEscPosJob(encodeRasterJob(bitmap, { feedLines: 6, cut: false })).commands;
  assert.deepEqual(kinds(noCut), ['init', 'raster', 'feed']);
  const feed = noCut[2];
  assert.ok(feed?.kind === 'feed' && feed.lines === 6);
  assert.deepEqual(kinds(decodeEscPosJob(encodeRasterJob(bitmap, { feedLines: 0 })).commands), ['init', 'raster', 'cut']);
});

test('the encoder refuses bitmaps and options the printer would misread', () => {
  assert.throws(() => encodeRasterJob({ width: 12, height: 1, data: new Uint8Array(2) }), /multiple of 8/);
  assert.throws(() => encodeRasterJob({ width: 16, height: 2, data: new Uint8Array(3) }), /does not match/);
  assert.throws(() => encodeRasterJob(patterned(8, 1), { feedLines: 256 }), /feedLines/);
  assert.throws(() => encodeRasterJob(patterned(8, 1), { feedLines: 1.5 }), /feedLines/);
});

test('a job cut short anywhere inside a command is flagged as truncated at that command', () => {
  const job = encodeRasterJob(patterned(16, 300));
  const whole = decodeEscPosJob(job).commands;
  const starts = new Set(whole.map((c) => c.offset));
  for (let length = 1; length < job.length; length++) {
    if (starts.has(length)) continue; // ends between commands: a shorter valid job (checked below)
    const { commands } = decodeEscPosJob(job.subarray(0, length));
    const last = commands.at(-1)!;
    assert.equal(last.kind, 'unknown', `length ${length}`);
    assert.match((last as { reason: string }).reason, /truncated/, `length ${length}`);
    const cutCommand = whole.find((c) => c.offset < length && length < c.offset + c.length)!;
    assert.equal(last.offset, cutCommand.offset, `length ${length}`);
  }
  // Ending exactly between commands loses the cut (and the rest): visible as a missing cut.
  const withoutCut = decodeEscPosJob(job.subarray(0, job.length - 4)).commands;
  assert.notEqual(withoutCut.at(-1)?.kind, 'cut');
});

test('text bytes and commands we never send are reported as unknown with their offset', () => {
  const job = encodeRasterJob(patterned(8, 2));
  const text = new TextEncoder().encode('Hello');
  const selectCodePage = [0x1b, 0x74, 0x10];
  const spliced = Uint8Array.from([...job.subarray(0, 2), ...text, ...selectCodePage, ...job.subarray(2)]);
  const { commands, raster } = decodeEscPosJob(spliced);
  assert.deepEqual(kinds(commands), ['init', 'unknown', 'raster', 'feed', 'cut']);
  assert.deepEqual(commands[1], { kind: 'unknown', offset: 2, length: 8, reason: 'unexpected byte 0x48' });
  assert.deepEqual(raster, patterned(8, 2), 'the raster after the junk is still recovered');
});

test('raster variants we never emit (scaled mode, mixed widths, empty) are unknown, not image', () => {
  const scaled = Uint8Array.of(0x1d, 0x76, 0x30, 1, 1, 0, 1, 0, 0xff);
  const scaledJob = decodeEscPosJob(scaled);
  assert.equal(scaledJob.commands[0]?.kind, 'unknown');
  assert.equal(scaledJob.raster, null);

  const mixed = Uint8Array.of(0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff, 0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0xaa, 0xbb);
  const mixedJob = decodeEscPosJob(mixed);
  assert.deepEqual(kinds(mixedJob.commands), ['raster', 'unknown']);
  assert.match((mixedJob.commands[1] as { reason: string }).reason, /2 bytes wide after 1/);
  assert.deepEqual(mixedJob.raster, { width: 8, height: 1, data: Uint8Array.of(0xff) });

  assert.deepEqual(kinds(decodeEscPosJob(Uint8Array.of(0x1d, 0x76, 0x30, 0, 0, 0, 0, 0)).commands), ['unknown']);
  assert.deepEqual(decodeEscPosJob(new Uint8Array(0)), { commands: [], raster: null });
});
