/**
 * Electron's half of "Export": the host has written the file (export.create, POS_DATA_DIR/exports);
 * the main process asks where to put it (a save dialog on the cashier window) and copies it there,
 * private (0600). The page names the export by its opaque id only: it never gives or sees a path.
 */
import { chmod, copyFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';
import { checkDataDirTarget } from '../src/host/data-dir-target.ts';
import type { Host } from '../src/host/host.ts';
import type { SaveExportOutcome } from '../src/shared/contract.ts';

export async function saveExport(host: Host, window: BrowserWindow | null, exportId: unknown): Promise<SaveExportOutcome> {
  const file = host.exports.file(exportId);
  if (!file || !window) return 'failed';
  const options = {
    title: 'Save the export',
    defaultPath: file.fileName,
    filters: [file.format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'Excel workbook', extensions: ['xlsx'] }],
  };
  const choice = await dialog.showSaveDialog(window, options);
  if (choice.canceled || !choice.filePath) return 'cancelled';
  // Never over the ledger or into the data folder: a copy over the ledger or its -wal destroys sales.
  if (!checkDataDirTarget(choice.filePath, host.dataDir).ok) {
    console.warn('[export] refused to save an export into the POS data folder');
    return 'refused';
  }
  try {
    await copyFile(file.path, choice.filePath);
    await chmod(choice.filePath, 0o600);
    // Saved where the owner chose: the copy in POS_DATA_DIR/exports is no longer needed.
    host.exports.delivered(exportId as string);
    return 'saved';
  } catch (error) {
    console.error('[export] could not save the export:', error);
    return 'failed';
  }
}
