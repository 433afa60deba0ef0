/**
 * Exports asked for from the screens (command `export.create`): written into POS_DATA_DIR/exports
 * (folder 0700, files 0600, never replacing one: each name carries a random part), each through a
 * read-only connection of its own, opened for that export and closed after it — never the selling
 * connection, which a long export would otherwise keep busy. The rows are read one at a time as the
 * file is written (export-sales.ts), so a sale committed meanwhile is not held up.
 *
 * The result names the file by an opaque export id (random, known only to this run of the POS): the
 * web server's download route and Electron's save dialog ask for a file by that id, never by a path.
 *
 * The folder does not grow: an export is deleted once it has been handed over (downloaded in full,
 * or copied where the owner chose in Electron), and any export file older than EXPORT_KEEP_MS (one
 * not fetched, a cancelled save dialog, one of an earlier run) is deleted at start and before each
 * new export. Only files named as this module names them are ever removed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExportCreated, ExportCreateArgs } from '../../shared/contract.ts';
import { LEDGER_FILE, type Db } from '../ledger/database.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { checkExportByZ, checkExportRequest, exportSales, type ExportFormat } from './export-sales.ts';

export const EXPORTS_FOLDER = 'exports';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportFile {
  path: string;
  /** The file's name, safe for a Content-Disposition and a save dialog: [A-Za-z0-9._-] only. */
  fileName: string;
  format: ExportFormat;
  contentType: string;
}

/** How long an export that was not handed over stays in POS_DATA_DIR/exports: a day. */
export const EXPORT_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * The names this module gives its files, and their temporaries (private-file.ts) a crash may leave
 * behind: the only files it ever deletes.
 */
const EXPORT_NAME = /^\.?sales-(?:\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}|z\d+)-[A-Za-z0-9]{8}\.(?:csv|xlsx)(?:\.\d+\.[0-9a-f]{12}\.tmp)?$/;

/** An export id as this module makes them (a shape check before any lookup). */
export const EXPORT_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * A file system error writing the export, in the owner's words (a full disk above all); null for
 * anything else. private-file.ts has already removed its temporary file.
 */
export function writeRefusal(error: unknown): PosError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new PosError('storage_error', hostMessage('export.diskFull'), { cause: error });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EIO') {
    console.error(`[export] could not write the export: ${(error as Error).message}`);
    return new PosError('storage_error', hostMessage('export.cannotWrite'), { cause: error });
  }
  return null;
}

export class ExportFiles {
  readonly folder: string;
  readonly #ledger: string;
  readonly #files = new Map<string, ExportFile>();
  readonly #now: () => number;

  constructor(dataDir: string, now: () => number = Date.now) {
    this.folder = join(dataDir, EXPORTS_FOLDER);
    this.#ledger = join(dataDir, LEDGER_FILE);
    this.#now = now;
  }

  /**
   * Deletes the export files older than EXPORT_KEEP_MS (by their modification time); returns their
   * names. Never throws: a file that cannot be removed is tried again next time.
   */
  prune(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return [];
    }
    const removed: string[] = [];
    const cutoff = this.#now() - EXPORT_KEEP_MS;
    for (const name of names) {
      if (!EXPORT_NAME.test(name)) continue;
      const path = join(this.folder, name);
      try {
        if (statSync(path).mtimeMs > cutoff) continue;
        rmSync(path, { force: true });
        removed.push(name);
      } catch (error) {
        console.warn(`[export] could not remove the old export ${name}: ${(error as Error).message}`);
        continue;
      }
      for (const [id, file] of this.#files) if (file.path === path) this.#files.delete(id);
    }
    return removed;
  }

  /** The export was handed over in full (downloaded, or saved where the owner chose): its file goes. */
  delivered(exportId: string): void {
    const file = this.#files.get(exportId);
    if (!file) return;
    this.#files.delete(exportId);
    try {
      rmSync(file.path, { force: true });
    } catch (error) {
      console.warn(`[export] could not remove the delivered export ${file.fileName}: ${(error as Error).message}`);
    }
  }

  async create(request: ExportCreateArgs): Promise<ExportCreated> {
    // Refused in words before any folder, file or connection exists.
    if (request.z !== undefined) checkExportByZ(request);
    else checkExportRequest(request);
    this.prune();
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    chmodSync(this.folder, 0o700);
    const exportId = randomBytes(16).toString('base64url');
    const what = request.z !== undefined ? `z${request.z}` : `${request.from}_to_${request.to}`;
    const fileName = `sales-${what}-${exportId.slice(0, 8).replace(/[^A-Za-z0-9]/g, 'x')}.${request.format}`;
    const path = join(this.folder, fileName);
    const db: Db = new Database(this.#ledger, { readonly: true, fileMustExist: true });
    let result;
    try {
      db.pragma('busy_timeout = 5000');
      result = await exportSales(db, { ...request, out: path, replace: false });
    } catch (error) {
      throw writeRefusal(error) ?? error;
    } finally {
      db.close();
    }
    this.#files.set(exportId, { path, fileName, format: request.format, contentType: EXPORT_CONTENT_TYPES[request.format] });
    return {
      exportId,
      fileName,
      format: request.format,
      from: result.from,
      to: result.to,
      zNumber: result.z?.zNumber ?? null,
      rows: result.rows,
      takings: result.takings,
    };
  }

  /** The file of an export made by this run of the POS, or null. */
  file(exportId: unknown): ExportFile | null {
    if (typeof exportId !== 'string' || !EXPORT_ID.test(exportId)) return null;
    return this.#files.get(exportId) ?? null;
  }
}
