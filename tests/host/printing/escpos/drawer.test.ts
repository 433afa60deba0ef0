/**
 * The drawer kick (src/host/printing/escpos/drawer.ts): ESC p m t1 t2 byte for byte for each pin,
 * pulse times in 2 ms units within the safe bounds, read back by the strict decoder; a kick cut off
 * part-way is finished as a 0 ms pulse, so it can never open the drawer later.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscPosJob } from '../../../../src/host/printing/escpos/decode.ts';
import { encodeDrawerKick } from '../../../../src/host/printing/escpos/drawer.ts';
import { encodeRasterJob } from '../../../../src/host/printing/escpos/encode.ts';
import { completionAfter } from '../../../../src/host/printing/escpos/resume.ts';

test('pin 2 is ESC p 0, pin 5 is ESC p 1, both is pin 2 then pin 5; times in 2 ms units', () => {
  assert.deepEqual([...encodeDrawerKick({ pin: 2, onMs: 100, offMs: 500 })], [0x1b, 0x70, 0, 50, 250]);
  assert.deepEqual([...encodeDrawerKick({ pin: 5, onMs: 50, offMs: 50 })], [0x1b, 0x70, 1, 25, 25]);
  assert.deepEqual([...encodeDrawerKick({ pin: 'both', onMs: 250, offMs: 510 })], [0x1b, 0x70, 0, 125, 255, 0x1b, 0x70, 1, 125, 255]);
});

test('pulse times outside the safe bounds, odd, or a rest shorter than the pulse are refused, never sent rounded', () => {
  for (const [onMs, offMs] of [[48, 500], [252, 510], [101, 500], [100, 512], [100, 49], [200, 100], [Number.NaN, 100]] as const) {
    assert.throws(() => encodeDrawerKick({ pin: 2, onMs, offMs }), /safe bounds/, `${onMs}/${offMs}`);
  }
  assert.throws(() => encodeDrawerKick({ pin: 3 as never, onMs: 100, offMs: 500 }), /not 2, 5 or both/);
});

test('the decoder reads a kick back (pin and times), and still refuses a pin mode the POS never writes', () => {
  const { commands } = decodeEscPosJob(encodeDrawerKick({ pin: 'both', onMs: 120, offMs: 300 }));
  assert.deepEqual(commands, [
    { kind: 'drawer', offset: 0, length: 5, pin: 2, onMs: 120, offMs: 300 },
    { kind: 'drawer', offset: 5, length: 5, pin: 5, onMs: 120, offMs: 300 },
  ]);
  assert.equal(decodeEscPosJob(Uint8Array.of(0x1b, 0x70, 0x30, 50, 250)).commands[0]?.kind, 'unknown');
  assert.equal(decodeEscPosJob(Uint8Array.of(0x1b, 0x70, 0)).commands[0]?.kind, 'unknown', 'a kick cut short is not a kick');
});

test('a kick cut off at any byte is finished as ESC p with a 0 ms pulse: the printer never opens the drawer afterwards', () => {
  const kick = encodeDrawerKick({ pin: 2, onMs: 100, offMs: 500 });
  const receipt = encodeRasterJob({ width: 8, height: 2, data: Uint8Array.of(0xff, 0x81) });
  for (let cut = 1; cut < kick.length; cut++) {
    const stream = Uint8Array.from([...kick.subarray(0, cut), ...completionAfter(kick, { from: cut, to: cut }), ...receipt]);
    const { commands } = decodeEscPosJob(stream);
    assert.deepEqual(commands.map((c) => c.kind), ['drawer', 'init', 'raster', 'feed', 'cut'], `cut at ${cut}`);
    const drawer = commands[0]!;
    assert.ok(drawer.kind === 'drawer' && drawer.onMs === (cut >= 4 ? 100 : 0), `cut at ${cut}: the pulse the printer gets is what it already had, or 0 ms`);
  }
});
