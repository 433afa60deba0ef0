/**
 * `ledger export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx --out FILE`: the accountant's
 * file (src/host/export/, README "Export for the accountant") from the ledger of POS_DATA_DIR,
 * opened read-only while the POS keeps selling. The export reads one snapshot: sales committed
 * after it began are not in it. FILE is private (0600) and either whole or not there at all.
 */
import { resolve } from 'node:path';
import { checkExportByZ, checkExportRequest, exportSales, type ExportFormat, type ExportResult } from '../../host/export/export-sales.ts';
import type { Total } from '../../shared/export/summary.ts';
import { PosError } from '../../shared/errors.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { usageError } from '../args.ts';
import { checkOutTarget } from '../out-target.ts';
import { CliError, EXIT, errorCode, errorText, type ExitCode } from '../exit-codes.ts';
import { openReadOnly } from '../open-read-only.ts';

export interface ExportOptions {
  dataDir: string;
  /** Either a range of business dates… */
  from?: string;
  to?: string;
  /** …or one Z report (its shift number). */
  z?: number;
  format: string;
  out: string;
  force: boolean;
  usage: string;
}

export async function runExport(options: ExportOptions, print: (line: string) => void): Promise<ExitCode> {
  const target = resolve(options.out);
  try {
    if (options.z !== undefined) checkExportByZ({ z: options.z, format: options.format as ExportFormat });
    else checkExportRequest({ from: options.from ?? '', to: options.to ?? '', format: options.format as ExportFormat });
  } catch (error) {
    throw classify(error, target, '', options.usage);
  }
  checkOutTarget(target, options.dataDir, options.force);
  const { db, file } = openReadOnly(options.dataDir);
  let result: ExportResult;
  try {
    const format = options.format as ExportFormat;
    result = await exportSales(db, options.z !== undefined
      ? { z: options.z, format, out: target, replace: options.force }
      : { from: options.from ?? '', to: options.to ?? '', format, out: target, replace: options.force });
  } catch (error) {
    throw classify(error, target, file, options.usage);
  } finally {
    db.close();
  }
  const total = (t: Total) => `${t.count} sale(s), ${formatUsd(t.cents)} / ${formatRiel(t.riel)}`;
  const what = result.z
    ? `Z report ${result.z.zNumber}, business date ${result.from}, anchor ${result.z.anchor.seq}:${result.z.anchor.hash16}`
    : `business dates ${result.from} to ${result.to}`;
  print(`Export written: ${target} (${result.format}, ${result.rows} row(s), ${what}; private file, mode 0600).`);
  print(`Takings (paid to the shop's own account): ${total(result.takings)}.`);
  print(`Apart, not takings: paid to other accounts ${total(result.otherAccount)}; training ${total(result.training)}.`);
  print(`It reads the ledger as it was when the export began: sales committed later are not in it.`);
  return EXIT.ok;
}

function classify(error: unknown, target: string, ledger: string, usage: string): CliError {
  if (error instanceof CliError) return error;
  // A refused range or format, in the catalog's English words.
  if (error instanceof PosError) return usageError(error.message, usage);
  const code = errorCode(error);
  const detail = errorText(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CliError(EXIT.cannotWrite, `The disk is full: the export ${target} could not be written. Nothing was left behind.`, detail);
  }
  if (code === 'EEXIST') {
    return new CliError(EXIT.cannotWrite, `${target} appeared while the export was being written: it was left as it is. Choose a new name, or add --force.`, detail);
  }
  if (['EACCES', 'EPERM', 'EROFS'].includes(code)) {
    return new CliError(EXIT.cannotWrite, `No permission to write ${target} (or its folder is read-only).`, detail);
  }
  if (code.startsWith('SQLITE_')) {
    return new CliError(EXIT.cannotRead, `The ledger ${ledger} could not be read, so no export was written. Run "npm run ledger -- verify".`, detail);
  }
  return new CliError(EXIT.cannotWrite, `The export ${target} could not be written.`, detail);
}
