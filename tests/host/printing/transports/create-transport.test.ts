/**
 * createTransport() for each setting, and the real libusb backend on a machine with no USB printer
 * (this one: `usb` loads and lists no devices), which is as far as it can be exercised without hardware.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTransport } from '../../../../src/host/printing/transports/create-transport.ts';
import { listUsbPrinters } from '../../../../src/host/printing/transports/usb-discovery.ts';
import { tempDir } from '../../../support/temp.ts';
import { failure } from './printer-failure.ts';

test('none: every job fails as not_configured, saying how to set a printer up', async () => {
  const transport = createTransport('none');
  assert.equal(transport.description, 'no printer');
  const error = await failure(transport.print(Uint8Array.of(1), { jobId: 1 }));
  assert.equal(error.reason, 'not_configured');
  assert.match(error.message, /^No printer is set up/);
  await transport.close();
});

test('a setting that does not parse gives a transport that says why, instead of throwing', async () => {
  const transport = createTransport('usb:0x0416:0x5011');
  assert.match(transport.description, /not valid/);
  const error = await failure(transport.print(Uint8Array.of(1), { jobId: 1 }));
  assert.equal(error.reason, 'not_configured');
  assert.match(error.message, /^The printer setting is not valid: choose the printer again/);
  assert.match(error.detail ?? '', /4 hex digits/, 'why goes to the log');
});

test('file: writes the job into the folder', async (t) => {
  const dir = tempDir(t);
  const transport = createTransport(`file:${dir}/`);
  assert.equal(transport.description, `file:${dir}`);
  await transport.print(Uint8Array.of(0x1b, 0x40), { jobId: 3 });
  await transport.close();
  assert.deepEqual(readdirSync(dir), ['00000001-job-3.escpos']);
  assert.deepEqual([...readFileSync(join(dir, '00000001-job-3.escpos'))], [0x1b, 0x40]);
});

test('only a USB job loads the native usb module; none and file never do', (t) => {
  const dir = tempDir(t);
  const root = new URL('../../../../src/host/printing/transports/', import.meta.url).pathname;
  const script = `
    import { createRequire } from 'node:module';
    import { createTransport } from ${JSON.stringify(root + 'create-transport.ts')};
    import { usbLoaded } from ${JSON.stringify(root + 'libusb-backend.ts')};
    const inCache = () => Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\\\/]node_modules[\\\\/]usb[\\\\/]/.test(k));
    const steps = {};
    await createTransport('file:' + process.argv[1]).print(new Uint8Array([1]), { jobId: 1 });
    await createTransport('none').print(new Uint8Array([1]), { jobId: 2 }).catch(() => {});
    const usb = createTransport('usb:0416:5011');
    steps.beforeUsbJob = [inCache(), usbLoaded()];
    await usb.print(new Uint8Array([1]), { jobId: 3 }).catch((e) => { steps.code = e.reason; });
    steps.afterUsbJob = [inCache(), usbLoaded()];
    await usb.close();
    console.log(JSON.stringify(steps));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  const steps = JSON.parse(run.stdout) as { beforeUsbJob: boolean[]; afterUsbJob: boolean[]; code: string };
  assert.deepEqual(steps.beforeUsbJob, [false, false], 'creating transports loads nothing native');
  assert.deepEqual(steps.afterUsbJob, [true, true]);
  assert.equal(steps.code, 'not_found', 'no printer on this machine');
});

test('real libusb, no printer attached: usb and usb:vid:pid fail as not_found in words', async () => {
  const first = createTransport('usb');
  const none = await failure(first.print(Uint8Array.of(1), { jobId: 1 }));
  assert.equal(none.reason, 'not_found');
  assert.match(none.message, /No USB printer is plugged in .*cable/);
  await first.close();

  const specific = createTransport('usb:0416:5011');
  assert.equal(specific.description, 'USB printer 0416:5011');
  const missing = await failure(specific.print(Uint8Array.of(1), { jobId: 2 }));
  assert.equal(missing.reason, 'not_found');
  assert.match(missing.message, /USB printer 0416:5011 is not plugged in/);
  await specific.close(); // nothing was opened, nothing is left running (the test process would not exit)
});

test('real libusb, no printer attached: the Settings list is empty with no problem', async () => {
  assert.deepEqual(await listUsbPrinters(), { printers: [], problem: null, details: [] });
});
