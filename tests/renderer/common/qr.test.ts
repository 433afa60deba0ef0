import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { QR_MARGIN_MODULES, fitScale, qrDataUrl, qrDataUrlNow, qrModules } from '../../../src/renderer/common/qr.ts';

const require = createRequire(import.meta.url);
const jsQR = require('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Minimal PNG reader for 8-bit RGBA/RGB, non-interlaced (what `qrcode` writes). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, 'bit depth');
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : assert.fail(`colour type ${data[9]}`);
      assert.equal(data[12], 0, 'not interlaced');
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8ClampedArray(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x]! + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) out[(y * width + x) * 4 + k] = line[x * channels + k]!;
      out[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    previous = line;
  }
  return { width, height, rgba: out };
}

const payload =
  '00020101021229190015shop@aclb0000152045999530384054041.505802KH5909Sokha Cafe6010Phnom Penh' +
  '9934001317000000000000113170000090000063044A1B';

describe('QR rendering', () => {
  it('uses error correction M', () => {
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    assert.equal(qrModules(payload), qr.modules.size + 2 * QR_MARGIN_MODULES);
    assert.ok(QR_MARGIN_MODULES >= 4);
  });

  it('renders a PNG data URL that decodes to exactly the payload, with a white 4-module quiet zone', async () => {
    const scale = 6;
    const url = await qrDataUrl(payload, scale);
    assert.match(url, /^data:image\/png;base64,/);
    const { width, height, rgba } = decodePng(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    assert.equal(width, qrModules(payload) * scale);
    assert.equal(height, width);
    const quiet = QR_MARGIN_MODULES * scale;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (x >= quiet && x < width - quiet && y >= quiet && y < height - quiet) continue;
        assert.equal(rgba[(y * width + x) * 4], 255, `quiet zone pixel ${x},${y} is white`);
      }
    }
    // The first module of the finder pattern is black.
    assert.equal(rgba[(quiet * width + quiet) * 4], 0);
    assert.equal(jsQR(rgba, width, height)?.data, payload);
  });

  it('makes the image at once only where qrcode can (a browser canvas); in Node the caller falls back to qrDataUrl', () => {
    // The browser path (canvas, synchronous) is what the customer display uses: the e2e tests decode
    // the QR it draws and compare it with the ledger's payload.
    assert.equal(qrDataUrlNow(payload, 4), null);
  });

  it('picks a whole number of device pixels per module that fits the box', () => {
    assert.equal(fitScale(360, 1, 61), 5);
    assert.equal(fitScale(360, 2, 61), 11);
    assert.equal(fitScale(128, 1, 61), 2);
    assert.equal(fitScale(10, 1, 61), 1, 'never below 1');
    assert.equal(fitScale(0, 1, 61), 1);
    assert.ok(fitScale(360, 1.5, 61) * 61 <= 360 * 1.5);
  });
});
