/**
 * `file:<dir>`: each job's bytes become ONE file in that folder, for tests, demos and support
 * ("send us the folder"). Names are `<sequence>-job-<jobId>.escpos` (a drawer kick:
 * `<sequence>-drawer.escpos`), the sequence zero-padded to
 * 8 digits and continuing after the highest one already there, so `ls` order is print order, also
 * across restarts and reprints of the same job. Files appear atomically: written under a hidden
 * temporary name, fsynced, then renamed, so a crash or a pulled USB stick never leaves a half job
 * that looks complete. Only the folder itself is created: if its parent is gone (a removed stick)
 * the job fails as 'disconnected' rather than quietly writing to the internal disk.
 */
import { open, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostMessageCode } from '../../../shared/messages/index.ts';
import { PrinterError, type PrintMeta, type PrinterErrorCode, type PrinterTransport } from '../types.ts';

/** 8 digits: 100 million jobs before the names grow a digit and stop sorting as plain text. */
export const SEQUENCE_DIGITS = 8;
const FINAL = /^(\d+)-(?:job-\d+|drawer)\.escpos$/;
const TEMP = /^\.\d+-(?:job-\d+|drawer)\.escpos\.tmp$/;

/** `<sequence>-job-<jobId>.escpos`, or `<sequence>-drawer.escpos` for a drawer kick (not a job: printing/drawer.ts). */
export function printFileName(sequence: number, jobId: number | 'drawer'): string {
  return `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${jobId === 'drawer' ? 'drawer' : `job-${jobId}`}.escpos`;
}

/** The file-system calls the transport makes; injectable so tests can make them fail. */
export interface FileIo {
  /** Creates the folder (not its parents); resolves if it already exists. */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  /** Creates `path` (which must not exist), writes all of `data`, fsyncs and closes it. */
  writeNew(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename in `dir` durable; best effort (not every system can fsync a folder). */
  syncDir(dir: string): Promise<void>;
}

export const nodeFileIo: FileIo = {
  async mkdir(dir) {
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  },
  readdir: (dir) => readdir(dir),
  async writeNew(path, data) {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  async syncDir(dir) {
    if (process.platform === 'win32') return; // folders cannot be opened for fsync there; NTFS journals renames
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // The file itself is complete and renamed; some file systems (FUSE, SMB) refuse a folder fsync.
    }
  },
};

export class FileTransport implements PrinterTransport {
  readonly description: string;
  readonly #dir: string;
  readonly #io: FileIo;
  /** Next sequence number; null until the folder has been scanned (again after any error). */
  #next: number | null = null;
  #chain: Promise<void> = Promise.resolve();

  constructor(dir: string, deps: { io?: FileIo } = {}) {
    this.#dir = dir;
    this.#io = deps.io ?? nodeFileIo;
    this.description = `file:${dir}`;
  }

  print(job: Uint8Array, meta: PrintMeta): Promise<void> {
    const label = 'jobId' in meta ? meta.jobId : 'drawer';
    if (label !== 'drawer' && (!Number.isSafeInteger(label) || label < 0)) {
      return Promise.reject(new TypeError(`jobId must be a whole number ≥ 0, got ${label}`));
    }
    const bytes = new Uint8Array(job); // a copy (Buffer#slice would not be one): the caller may reuse its buffer while this job waits
    // One job at a time, so sequence numbers are handed out in print order.
    const run = this.#chain.then(() => this.#write(bytes, label));
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Nothing stays open between jobs; waits for a job being written. */
  close(): Promise<void> {
    return this.#chain;
  }

  async #write(bytes: Uint8Array, jobId: number | 'drawer'): Promise<void> {
    const io = this.#io;
    let temp: string | null = null;
    try {
      await io.mkdir(this.#dir);
      const sequence = this.#next ?? (await this.#scan());
      const name = printFileName(sequence, jobId);
      temp = join(this.#dir, `.${name}.tmp`);
      await io.writeNew(temp, bytes);
      await io.rename(temp, join(this.#dir, name));
      temp = null;
      this.#next = sequence + 1;
      await io.syncDir(this.#dir);
    } catch (error) {
      if (temp) await io.unlink(temp).catch(() => {});
      this.#next = null; // the folder may have been swapped (another stick): look again next time
      throw fileError(error, this.#dir);
    }
  }

  /** Highest sequence in the folder + 1; clears temporary files left by a crash (never complete jobs). */
  async #scan(): Promise<number> {
    let highest = 0;
    for (const name of await this.#io.readdir(this.#dir)) {
      const match = FINAL.exec(name);
      if (match) highest = Math.max(highest, Number(match[1]));
      else if (TEMP.test(name)) await this.#io.unlink(join(this.#dir, name)).catch(() => {});
    }
    return highest + 1;
  }
}

/** A file-system failure as a message a shop owner can act on; the system's code goes to the log (detail). */
export function fileError(error: unknown, dir: string): PrinterError {
  if (error instanceof PrinterError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const detail = code || (error instanceof Error ? error.message : String(error));
  const fail = (reason: PrinterErrorCode, message: HostMessageCode) => new PrinterError(reason, message, { dir }, { detail, cause: error });
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return fail('io', 'printer.fileDiskFull');
    case 'EACCES':
    case 'EPERM':
      return fail('access_denied', 'printer.fileNoPermission');
    case 'EROFS':
      return fail('access_denied', 'printer.fileReadOnly');
    case 'ENOENT':
      return fail('disconnected', 'printer.fileUnreachable');
    case 'ENODEV':
    case 'ENXIO':
    case 'ESTALE':
    case 'ENOTCONN':
    case 'EHOSTDOWN':
      return fail('disconnected', 'printer.fileDiskGone');
    case 'ENOTDIR':
    case 'EISDIR':
      return fail('not_found', 'printer.fileNotFolder');
    case 'EBUSY':
      return fail('busy', 'printer.fileBusy');
    case 'EIO':
      return fail('io', 'printer.fileDiskError');
    default:
      return fail('io', 'printer.fileWriteFailed');
  }
}
