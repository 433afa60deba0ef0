import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileTransport, fileError, nodeFileIo, printFileName, type FileIo } from '../../../../src/host/printing/transports/file-transport.ts';
import { PrinterError } from '../../../../src/host/printing/types.ts';
import { tempDir } from '../../../support/temp.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const escposJob = (n: number) => Uint8Array.from([0x1b, 0x40, ...new TextEncoder().encode(`job ${n}\n`), 0x1d, 0x56, 0x00]);

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

async function rejectsWith(promise: Promise<unknown>, code: string, words: RegExp): Promise<PrinterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PrinterError, `expected a PrinterError, got ${String(error)}`);
    assert.equal(error.reason, code, error.message);
    assert.match(error.message, words);
    return error;
  }
  assert.fail('expected the print to fail');
}

test('each job becomes one file with exactly its bytes, named by sequence and job id', async (t) => {
  const dir = join(tempDir(t), 'prints'); // does not exist yet: the transport creates it
  const transport = new FileTransport(dir);
  assert.equal(transport.description, `file:${dir}`);
  const job = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff); // every byte value, larger than one write
  await transport.print(job, { jobId: 17 });
  await transport.print(bytes(0x1b, 0x40, 0x00, 0xff), { jobId: 18 });
  await transport.close();
  assert.deepEqual(readdirSync(dir), ['00000001-job-17.escpos', '00000002-job-18.escpos']);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, '00000001-job-17.escpos'))), job);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, '00000002-job-18.escpos'))), bytes(0x1b, 0x40, 0x00, 0xff));
  assert.equal(printFileName(42, 17), '00000042-job-17.escpos');
});

test('names sort in print order across restarts, reprints and many queued jobs', async (t) => {
  const dir = tempDir(t);
  const first = new FileTransport(dir);
  for (const jobId of [5, 3, 9]) await first.print(escposJob(jobId), { jobId });
  await first.close();

  // A "restart": a new instance continues after the highest number already in the folder.
  const second = new FileTransport(dir);
  const order = [9, 1, ...Array.from({ length: 120 }, (_, i) => 200 + i)]; // a reprint of 9, then a burst
  await Promise.all(order.map((jobId) => second.print(escposJob(jobId), { jobId }))); // queued all at once
  await second.close();

  const names = readdirSync(dir).sort();
  assert.equal(names.length, 3 + order.length);
  assert.deepEqual(names.slice(0, 5), ['00000001-job-5.escpos', '00000002-job-3.escpos', '00000003-job-9.escpos', '00000004-job-9.escpos', '00000005-job-1.escpos']);
  // Plain text order is print order, and each file holds the job it names.
  const printed = names.map((name) => readFileSync(join(dir, name), 'latin1'));
  assert.deepEqual(printed.map((text) => Number(/job (\d+)/.exec(text)![1])), [5, 3, 9, ...order]);
  assert.ok(names.every((name) => /^\d{8}-job-\d+\.escpos$/.test(name)), 'no temporary files are left');
});

test('the sequence also continues after files from another day in the folder, ignoring unrelated files', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, '00000041-job-2.escpos'), 'old');
  writeFileSync(join(dir, 'notes.txt'), 'support notes');
  writeFileSync(join(dir, '99999999.escpos'), 'not one of ours');
  await new FileTransport(dir).print(bytes(1), { jobId: 7 });
  assert.ok(readdirSync(dir).includes('00000042-job-7.escpos'));
});

test('a failure while writing leaves no file that looks complete, and the next job still prints', async (t) => {
  const dir = tempDir(t);
  let failNext = true;
  const io: FileIo = {
    ...nodeFileIo,
    async writeNew(path, data) {
      if (!failNext) return nodeFileIo.writeNew(path, data);
      failNext = false;
      await writeFile(path, data.subarray(0, data.length >> 1)); // half the job reached the disk…
      throw errno('EIO'); // …then the disk failed
    },
  };
  const transport = new FileTransport(dir, { io });
  await rejectsWith(transport.print(escposJob(1), { jobId: 1 }), 'io', /failed while writing/);
  assert.deepEqual(readdirSync(dir), [], 'neither a complete-looking file nor the temporary one remains');

  await transport.print(escposJob(2), { jobId: 2 });
  assert.deepEqual(readdirSync(dir), ['00000001-job-2.escpos']);
  assert.equal(readFileSync(join(dir, '00000001-job-2.escpos'), 'latin1'), new TextDecoder('latin1').decode(escposJob(2)));
});

test('a failing rename (full disk) removes the temporary file and says the disk is full', async (t) => {
  const dir = tempDir(t);
  const io: FileIo = { ...nodeFileIo, rename: async () => Promise.reject(errno('ENOSPC')) };
  const error = await rejectsWith(new FileTransport(dir, { io }).print(escposJob(1), { jobId: 1 }), 'io', /full/);
  assert.equal(error.detail, 'ENOSPC');
  assert.deepEqual(readdirSync(dir), []);
});

test('a temporary file left by a crash is cleared and never counted as a job', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, '00000006-job-2.escpos'), 'complete');
  writeFileSync(join(dir, '.00000007-job-3.escpos.tmp'), 'half a jo'); // the POS died before the rename
  await new FileTransport(dir).print(escposJob(4), { jobId: 4 });
  assert.deepEqual(readdirSync(dir).sort(), ['00000006-job-2.escpos', '00000007-job-4.escpos']);
});

test('a folder whose parent is a file (ENOTDIR, also as root) fails in words', async (t) => {
  const base = tempDir(t);
  writeFileSync(join(base, 'stick'), 'a regular file');
  await rejectsWith(new FileTransport(join(base, 'stick', 'prints')).print(bytes(1), { jobId: 1 }), 'not_found', /is a file/);
  // The print folder itself replaced by a file.
  const replaced = await rejectsWith(new FileTransport(join(base, 'stick')).print(bytes(1), { jobId: 1 }), 'not_found', /is a file/);
  assert.equal(replaced.detail, 'ENOTDIR', 'the system code goes to the log');
});

test('a removed USB stick (parent folder gone) is reported as disconnected, and nothing is written elsewhere', async (t) => {
  const base = tempDir(t);
  const mount = join(base, 'media', 'STICK');
  mkdirSync(mount, { recursive: true });
  const dir = join(mount, 'prints');
  const transport = new FileTransport(dir);
  await transport.print(bytes(1), { jobId: 1 });
  rmSync(mount, { recursive: true }); // the stick is pulled out: its mount point disappears
  await rejectsWith(transport.print(bytes(2), { jobId: 2 }), 'disconnected', /USB stick/);
  assert.deepEqual(readdirSync(join(base, 'media')), [], 'the missing mount point was not recreated on the internal disk');
  mkdirSync(mount); // plugged back in (empty stick)
  await transport.print(bytes(3), { jobId: 3 });
  assert.deepEqual(readdirSync(dir), ['00000001-job-3.escpos'], 'the folder is scanned again after an error');
});

test('permission and read-only errors become access_denied in words', async (t) => {
  const dir = tempDir(t);
  const failing = (code: string): FileIo => ({ ...nodeFileIo, writeNew: async () => Promise.reject(errno(code)) });
  await rejectsWith(new FileTransport(dir, { io: failing('EACCES') }).print(bytes(1), { jobId: 1 }), 'access_denied', /No permission to write/);
  await rejectsWith(new FileTransport(dir, { io: failing('EROFS') }).print(bytes(1), { jobId: 1 }), 'access_denied', /read-only.*write-protected/);
  await rejectsWith(new FileTransport(dir, { io: failing('EDQUOT') }).print(bytes(1), { jobId: 1 }), 'io', /full/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a real read-only folder is refused (only meaningful when not running as root)', { skip: process.getuid?.() === 0 ? 'root ignores permission bits' : false }, async (t) => {
  const dir = join(tempDir(t), 'locked');
  mkdirSync(dir, { mode: 0o555 }); // stays empty, so the temp-dir cleanup can still remove it
  await rejectsWith(new FileTransport(dir).print(bytes(1), { jobId: 1 }), 'access_denied', /No permission/);
});

/** Real full and read-only disks: small tmpfs mounts in a private mount namespace (root with unshare only). */
function canMountPrivately(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { stdio: 'ignore' }).status === 0;
}

test('a really full disk and a really read-only disk fail in words, leaving no partial file', { skip: canMountPrivately() ? false : 'needs root and unshare to mount tmpfs' }, (t) => {
  const base = tempDir(t);
  const module = new URL('../../../../src/host/printing/transports/file-transport.ts', import.meta.url).pathname;
  const script = `
    import { readdirSync } from 'node:fs';
    import { FileTransport } from ${JSON.stringify(module)};
    const out = {};
    const small = new FileTransport(process.argv[1] + '/small/prints');
    await small.print(new Uint8Array(20000), { jobId: 1 });
    await small.print(new Uint8Array(100000), { jobId: 2 }).catch((e) => { out.full = [e.reason, e.message, e.detail]; });
    out.left = readdirSync(process.argv[1] + '/small/prints');
    await new FileTransport(process.argv[1] + '/ro/prints').print(new Uint8Array(1), { jobId: 3 }).catch((e) => { out.ro = [e.reason, e.message, e.detail]; });
    console.log(JSON.stringify(out));`;
  mkdirSync(join(base, 'small'));
  mkdirSync(join(base, 'ro'));
  const shell = `mount -t tmpfs -o size=64k tmpfs "$1/small" && mount -t tmpfs -o ro,size=64k tmpfs "$1/ro" && exec "$2" --input-type=module -e "$3" "$1"`;
  const run = spawnSync('unshare', ['-m', 'sh', '-c', shell, 'sh', base, process.execPath, script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { full: [string, string, string]; left: string[]; ro: [string, string, string] };
  assert.equal(out.full[0], 'io');
  assert.match(out.full[1], /is full/);
  assert.equal(out.full[2], 'ENOSPC');
  assert.deepEqual(out.left, ['00000001-job-1.escpos'], 'the job that did not fit left nothing behind');
  assert.equal(out.ro[0], 'access_denied');
  assert.match(out.ro[1], /read-only/);
  assert.equal(out.ro[2], 'EROFS');
});

test('file errors map to codes and words', () => {
  const dir = '/media/pos/prints';
  const table: Array<[string, string, RegExp]> = [
    ['ENOSPC', 'io', /full/],
    ['EACCES', 'access_denied', /permission/],
    ['EPERM', 'access_denied', /permission/],
    ['EROFS', 'access_denied', /read-only/],
    ['ENOENT', 'disconnected', /missing/],
    ['ENODEV', 'disconnected', /went away/],
    ['ENOTDIR', 'not_found', /is a file/],
    ['EBUSY', 'busy', /busy/],
    ['EIO', 'io', /disk error/],
    ['EMFILE', 'io', /Could not write/],
  ];
  for (const [code, expected, words] of table) {
    const mapped = fileError(errno(code), dir);
    assert.equal(mapped.reason, expected, code);
    assert.match(mapped.message, words, code);
    assert.ok(mapped.message.includes(dir), 'the message names the folder');
    assert.doesNotMatch(mapped.message, new RegExp(code), `${code}: the system's code goes to the log, not the screen`);
    assert.equal(mapped.detail, code);
  }
  const original = new PrinterError('busy', 'printer.fileBusy', { dir: '/x' });
  assert.equal(fileError(original, dir), original);
});

test('a job id that is not a whole number is a programming error', async (t) => {
  const transport = new FileTransport(tempDir(t));
  await assert.rejects(transport.print(bytes(1), { jobId: 1.5 }), TypeError);
  await assert.rejects(transport.print(bytes(1), { jobId: -1 }), TypeError);
});

test('the bytes are taken when print() is called, even if the caller reuses its buffer', async (t) => {
  const dir = tempDir(t);
  const transport = new FileTransport(dir);
  const buffer = Buffer.from([1, 2, 3]); // a Node Buffer, whose slice() would not copy
  const done = transport.print(buffer, { jobId: 1 });
  buffer.fill(9);
  await done;
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, '00000001-job-1.escpos'))), bytes(1, 2, 3));
});
