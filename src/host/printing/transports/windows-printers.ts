/**
 * The installed Windows printers, for Settings → Printer on a Windows PC: PowerShell asks CIM
 * (Win32_Printer) and prints one line of JSON, read here strictly. A name that would not pass as a
 * `windows:` setting is left out (and logged) rather than offered and refused on saving.
 */
import type { WindowsPrinterInfo } from '../../../shared/contract.ts';
import { hostMessage, type HostMessage } from '../../../shared/messages/index.ts';
import { formatPrinterSetting, parsePrinterSetting } from './printer-setting.ts';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.ts';
import { POWERSHELL_OPTIONS, powershellPath, privateScript } from './windows-transport.ts';
import { LIST_PRINTERS_SCRIPT } from './windows-scripts.ts';

export const LIST_SCRIPT_FILE = 'list-printers.ps1';

export interface WindowsPrinterListing {
  printers: WindowsPrinterInfo[];
  problem: HostMessage | null;
  /** For the log only. */
  details: string[];
}

export async function listWindowsPrinters(deps: { spoolDir: string; run?: ProcessRunner; systemRoot?: string; timeoutMs?: number }): Promise<WindowsPrinterListing> {
  const failed = (detail: string): WindowsPrinterListing => ({ printers: [], problem: hostMessage('printer.windowsListFailed'), details: [detail] });
  let script: string;
  try {
    script = await privateScript(deps.spoolDir, LIST_SCRIPT_FILE, LIST_PRINTERS_SCRIPT);
  } catch (error) {
    return failed(`could not write the script in ${deps.spoolDir}: ${(error as Error).message}`);
  }
  const result = await (deps.run ?? nodeProcessRunner)(powershellPath(deps.systemRoot), [...POWERSHELL_OPTIONS, '-File', script], {
    timeoutMs: deps.timeoutMs ?? 30_000,
  });
  if (result.failure?.kind === 'missing') {
    return { printers: [], problem: hostMessage('printer.windowsNoPowerShell'), details: [result.failure.detail] };
  }
  if (result.failure || result.exitCode !== 0) {
    return failed(result.failure?.detail ?? `exit code ${result.exitCode}: ${result.stderr.trim().slice(0, 500)}`);
  }
  const line = result.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failed(`the printer list is not JSON: ${line.slice(0, 200)}`);
  }
  if (!Array.isArray(parsed)) return failed('the printer list is not a JSON array');
  const printers: WindowsPrinterInfo[] = [];
  const details: string[] = [];
  for (const entry of parsed) {
    const name = (entry as { name?: unknown } | null)?.name;
    const port = (entry as { port?: unknown } | null)?.port;
    const offline = (entry as { offline?: unknown } | null)?.offline;
    if (typeof name !== 'string') {
      details.push('an entry without a name was left out');
      continue;
    }
    let setting: string;
    try {
      setting = formatPrinterSetting(parsePrinterSetting(`windows:${name}`, 'win32'));
    } catch {
      details.push(`a printer whose name cannot be used as a setting was left out (${JSON.stringify(name.slice(0, 80))})`);
      continue;
    }
    if (printers.some((p) => p.setting === setting)) continue;
    printers.push({
      name,
      // The port says how it is attached (USB001, a network address…); shown as a hint only.
      port: typeof port === 'string' && /^[\x20-\x7e]{1,64}$/.test(port) ? port : null,
      offline: offline === true,
      setting,
    });
  }
  return { printers, problem: null, details };
}
