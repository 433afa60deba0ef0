/**
 * `windows:<printer name>` where it can be checked without Windows: the exact PowerShell script
 * (against a reviewed copy in fixtures/), the exact program and arguments, the bytes in the private
 * job file, the outcome (printed only when Windows says so, else spooled), and every failure in words.
 * A fake process runner stands in for PowerShell and answers with the exit codes the script defines.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTransport } from '../../../../src/host/printing/transports/create-transport.ts';
import { parsePrinterSetting, PrinterSettingError } from '../../../../src/host/printing/transports/printer-setting.ts';
import type { ProcessResult, ProcessRunner } from '../../../../src/host/printing/transports/process-runner.ts';
import { listWindowsPrinters } from '../../../../src/host/printing/transports/windows-printers.ts';
import { LIST_PRINTERS_SCRIPT, SEND_RAW_SCRIPT } from '../../../../src/host/printing/transports/windows-scripts.ts';
import { powershellPath, WindowsTransport } from '../../../../src/host/printing/transports/windows-transport.ts';
import { englishText, hostMessageText } from '../../../../src/shared/messages/index.ts';
import { tempDir } from '../../../support/temp.ts';
import { failure } from './printer-failure.ts';

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const OPTIONS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'];
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

interface Call {
  program: string;
  args: string[];
  timeoutMs: number;
  /** The job file as PowerShell would have read it. */
  job: Uint8Array | null;
  jobMode: number | null;
  script: string;
  scriptMode: number;
  dirMode: number;
}

function fakePowerShell(answer: Partial<ProcessResult> | (() => Partial<ProcessResult>)) {
  const calls: Call[] = [];
  const run: ProcessRunner = async (program, args, { timeoutMs }) => {
    const scriptPath = args[args.indexOf('-File') + 1]!;
    const pathAt = args.indexOf('-Path');
    const jobPath = pathAt >= 0 ? args[pathAt + 1]! : null;
    calls.push({
      program,
      args: [...args],
      timeoutMs,
      job: jobPath ? new Uint8Array(readFileSync(jobPath)) : null,
      jobMode: jobPath ? statSync(jobPath).mode & 0o777 : null,
      script: readFileSync(scriptPath, 'utf8'),
      scriptMode: statSync(scriptPath).mode & 0o777,
      dirMode: statSync(join(scriptPath, '..')).mode & 0o777,
    });
    const result = typeof answer === 'function' ? answer() : answer;
    return { exitCode: 0, stdout: '', stderr: '', failure: null, ...result };
  };
  return { run, calls };
}

function setUp(t: Parameters<typeof tempDir>[0], answer: Partial<ProcessResult> | (() => Partial<ProcessResult>), name = 'POS-80C') {
  const spoolDir = join(tempDir(t), 'print-spool');
  const ps = fakePowerShell(answer);
  const transport = new WindowsTransport(name, { spoolDir, run: ps.run, systemRoot: 'C:\\Windows' });
  return { spoolDir, transport, calls: ps.calls };
}

const RECEIPT = Uint8Array.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff, 0x1d, 0x56, 0x42, 0]);

test('the send script is exactly the reviewed one: RAW through winspool, name and file only as parameters, ASCII', () => {
  assert.equal(SEND_RAW_SCRIPT, fixture('send-raw.ps1'), 'a change to the script must update tests/…/fixtures/send-raw.ps1 (and be reviewed on Windows)');
  assert.equal(LIST_PRINTERS_SCRIPT, fixture('list-printers.ps1'));
  for (const script of [SEND_RAW_SCRIPT, LIST_PRINTERS_SCRIPT]) {
    assert.match(script, /^[\x09\x0a\x0d\x20-\x7e]*$/, 'ASCII only: Windows PowerShell 5.1 reads a file without BOM in the ANSI code page');
    assert.doesNotMatch(script, /Invoke-Expression|iex |\[scriptblock\]::Create|Start-Process/i, 'nothing that would run text as code');
  }
  assert.match(SEND_RAW_SCRIPT, /param\(\s*\[Parameter\(Mandatory = \$true\)\]\[string\]\$Printer,\s*\[Parameter\(Mandatory = \$true\)\]\[string\]\$Path,/);
  assert.match(SEND_RAW_SCRIPT, /info\.pDatatype = "RAW";/);
  const calls = ['OpenPrinter(printer', 'StartDocPrinter(handle, 1, info)', 'StartPagePrinter(handle)', 'WritePrinter(handle, rest', 'EndPagePrinter(handle)) {', 'EndDocPrinter(handle)) {', 'ClosePrinter(handle)'];
  let at = SEND_RAW_SCRIPT.indexOf('public static int Send');
  for (const call of calls) {
    const next = SEND_RAW_SCRIPT.indexOf(call, at);
    assert.ok(next > at, `${call} comes next in Send`);
    at = next;
  }
  assert.match(SEND_RAW_SCRIPT, /\[KhqrPosRawPrinter\]::Send\(\$Printer, \$bytes, \[ref\]\$step, \[ref\]\$win32\)/);
  assert.match(SEND_RAW_SCRIPT, /ReadAllBytes\(\$Path\)/);
  // Exit codes the transport reads.
  for (const [code, meaning] of [[10, '1801'], [11, 'eq 5'], [12, '1722']] as const) {
    assert.match(SEND_RAW_SCRIPT, new RegExp(`${meaning}[^\\n]*Fail ${code} `));
  }
  assert.match(SEND_RAW_SCRIPT, /if \(\$status -match 'Printed'\) \{ \$state = 'printed'; break \}/, 'printed only when Windows marks the job Printed');
});

test('a job: exact program and arguments, its bytes in a private file that is removed after', async (t) => {
  const { spoolDir, transport, calls } = setUp(t, { stdout: '{"job":42,"state":"printed"}\r\n' });
  assert.equal(transport.description, 'Windows printer "POS-80C"');
  const outcome = await transport.print(RECEIPT, { jobId: 7 });
  assert.deepEqual(outcome, { state: 'printed' });
  assert.equal(calls.length, 1);
  const [call] = calls as [Call];
  assert.equal(call.program, POWERSHELL);
  const jobFile = call.args[OPTIONS.length + 5]!;
  assert.deepEqual(call.args, [...OPTIONS, '-File', join(spoolDir, 'send-raw.ps1'), '-Printer', 'POS-80C', '-Path', jobFile]);
  assert.match(jobFile, new RegExp(`^${spoolDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/job-7-[0-9a-f-]{36}\\.bin$`));
  assert.deepEqual(call.job, RECEIPT, 'the job file holds exactly the receipt bytes');
  assert.equal(call.jobMode, 0o600);
  assert.equal(call.scriptMode, 0o600);
  assert.equal(call.dirMode, 0o700);
  assert.equal(call.script, SEND_RAW_SCRIPT);
  assert.equal(call.timeoutMs, 60_000);
  assert.equal(existsSync(jobFile), false, 'the job file is removed once PowerShell answered');
});

test('a printer name that looks like code stays an argument: the script on disk never changes', async (t) => {
  const name = 'POS $(Remove-Item C:\\ -Recurse); 80';
  // Backslashes are only allowed in \\server\printer names, so this one is refused as a setting…
  assert.throws(() => parsePrinterSetting(`windows:${name}`, 'win32'), PrinterSettingError);
  // …and even handed to the transport directly, it is passed as one argument to a fixed script.
  const dollar = 'POS $(calc) & | ; 80';
  assert.deepEqual(parsePrinterSetting(`windows:${dollar}`, 'win32'), { kind: 'windows', name: dollar });
  const { calls, transport } = setUp(t, { stdout: '{"job":1,"state":"left-queue"}' }, dollar);
  await transport.print(RECEIPT, { jobId: 1 });
  assert.equal(calls[0]!.args[OPTIONS.length + 3], dollar);
  assert.equal(calls[0]!.script, SEND_RAW_SCRIPT);
  assert.ok(!calls[0]!.script.includes('calc'));
});

test('spooled unless Windows confirms it printed, and a note the cashier can read in Khmer', async (t) => {
  const cases: Array<[string, string, boolean]> = [
    ['{"job":3,"state":"left-queue"}', 'printer.windowsSpooled', false],
    ['{"job":3,"state":"queued"}', 'printer.windowsSpooled', false],
    ['{"job":3,"state":"attention"}', 'printer.windowsAttention', true],
    ['{"job":3,"state":"PRINTED"}', 'printer.windowsSpooled', false],
    ['{"job":-1,"state":"printed"}', 'printer.windowsSpooled', false],
    ['WARNING: something\r\nnot json', 'printer.windowsSpooled', false],
    ['', 'printer.windowsSpooled', false],
  ];
  for (const [stdout, code, attention] of cases) {
    const { transport } = setUp(t, { stdout });
    const outcome = await transport.print(RECEIPT, { jobId: 1 });
    assert.deepEqual(outcome, { state: 'spooled', note: { code, params: { name: 'POS-80C' } }, attention }, stdout);
  }
  const note = { code: 'printer.windowsSpooled' as const, params: { name: 'POS-80C' } };
  assert.match(englishText(note), /Windows does not confirm that it printed/);
  assert.match(hostMessageText(note, 'km'), /POS-80C.*[\u1780-\u17ff]/);
});

test('failures in words, from the exit codes and the structured line on stderr; Windows codes to the log', async (t) => {
  const marked = (step: string, win32: number) => `WARNING: noise\r\nKHQRPOS-ERROR {"step":"${step}","win32":${win32}}\r\n`;
  const cases: Array<[Partial<ProcessResult>, string, string, RegExp, string | RegExp]> = [
    [{ exitCode: 10, stderr: marked('OpenPrinter', 1801) }, 'not_found', 'printer.windowsNotFound', /Windows has no printer named "POS-80C"/, 'OpenPrinter failed (Win32 error 1801)'],
    [{ exitCode: 11, stderr: marked('StartDocPrinter', 5) }, 'access_denied', 'printer.windowsAccess', /does not let this user print to "POS-80C"/, 'StartDocPrinter failed (Win32 error 5)'],
    [{ exitCode: 12, stderr: marked('Spooler', 0) }, 'not_found', 'printer.windowsSpooler', /print spooler is not running.*Print Spooler/, 'Spooler failed (Win32 error 0)'],
    [{ exitCode: 13, stderr: marked('WritePrinter', 1804) }, 'io', 'printer.windowsFailed', /could not take the receipt for the printer "POS-80C"/, 'WritePrinter failed (Win32 error 1804)'],
    [{ exitCode: 14, stderr: marked('ReadJob', 0) }, 'io', 'printer.windowsFailed', /could not take the receipt/, 'ReadJob failed (Win32 error 0)'],
    [{ exitCode: 1, stderr: 'Add-Type : Cannot add type. Compilation errors occurred.' }, 'io', 'printer.windowsFailed', /details are in the POS log/, /^exit code 1: Add-Type : Cannot add type/],
    [{ exitCode: 13, stderr: 'KHQRPOS-ERROR {"step":"a b; rm","win32":"x"}' }, 'io', 'printer.windowsFailed', /could not take/, /^exit code 13: KHQRPOS-ERROR/],
    [
      { exitCode: 1, stderr: 'File C:\\pos\\print-spool\\send-raw.ps1 cannot be loaded because running scripts is disabled on this system.\r\n    + FullyQualifiedErrorId : UnauthorizedAccess' },
      'access_denied', 'printer.windowsScriptsBlocked', /Windows policy does not let the POS run its printing script/, /running scripts is disabled/,
    ],
    [{ exitCode: null, failure: { kind: 'missing', detail: 'spawn powershell.exe ENOENT' } }, 'driver', 'printer.windowsNoPowerShell', /PowerShell was not found/, 'spawn powershell.exe ENOENT'],
    [{ exitCode: null, failure: { kind: 'timeout', detail: 'killed after 60000 ms' } }, 'io', 'printer.windowsTimeout', /did not answer in time.*check the Windows print queue/, 'killed after 60000 ms'],
  ];
  for (const [answer, reason, code, words, detail] of cases) {
    const { transport, spoolDir } = setUp(t, answer);
    const error = await failure(transport.print(RECEIPT, { jobId: 1 }));
    const label = `${answer.exitCode} ${answer.failure?.kind ?? ''}`;
    assert.equal(error.reason, reason, label);
    assert.equal(error.text.code, code, label);
    assert.match(error.message, words, label);
    if (typeof detail === 'string') assert.equal(error.detail, detail, label);
    else assert.match(error.detail ?? '', detail, label);
    assert.doesNotMatch(JSON.stringify(error.text), /Win32|1801|ENOENT|Add-Type/, `${label}: system codes stay in the log`);
    assert.match(hostMessageText(error.text, 'km'), /[\u1780-\u17ff]/);
    assert.deepEqual(readFileSync(join(spoolDir, 'send-raw.ps1'), 'utf8'), SEND_RAW_SCRIPT);
  }
});

test('jobs go one at a time, and a failing one leaves no job file behind', async (t) => {
  let active = 0;
  let most = 0;
  const spoolDir = join(tempDir(t), 'print-spool');
  const transport = new WindowsTransport('POS-80C', {
    spoolDir,
    systemRoot: 'C:\\Windows',
    run: async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
      return { exitCode: 13, stdout: '', stderr: '', failure: null };
    },
  });
  const results = await Promise.allSettled([1, 2, 3].map((jobId) => transport.print(RECEIPT, { jobId })));
  assert.ok(results.every((r) => r.status === 'rejected'));
  assert.equal(most, 1);
  await transport.close();
  assert.deepEqual(readdirSync(spoolDir).filter((n) => n.endsWith('.bin')), []);
});

test('windows: is a transport on Windows only; elsewhere jobs fail as not configured', async (t) => {
  const spoolDir = join(tempDir(t), 'print-spool');
  const ps = fakePowerShell({ stdout: '{"job":1,"state":"printed"}' });
  const onWindows = createTransport('windows:POS-80C', { platform: 'win32', spoolDir, windows: { run: ps.run, systemRoot: 'C:\\Windows' } });
  assert.deepEqual(await onWindows.print(RECEIPT, { jobId: 1 }), { state: 'printed' });
  assert.equal(ps.calls.length, 1);
  const onLinux = createTransport('windows:POS-80C', { platform: 'linux', spoolDir, windows: { run: ps.run } });
  const error = await failure(onLinux.print(RECEIPT, { jobId: 2 }));
  assert.equal(error.reason, 'not_configured');
  assert.equal(ps.calls.length, 1, 'PowerShell is never started off Windows');
});

test('PowerShell by its full path, from a plain SystemRoot only', () => {
  assert.equal(powershellPath('D:\\WINDOWS'), 'D:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  assert.equal(powershellPath(undefined), POWERSHELL);
  assert.equal(powershellPath('\\\\evil\\share'), POWERSHELL);
  assert.equal(powershellPath('C:\\Windows" & calc'), POWERSHELL);
});

test('Settings lists the installed Windows printers, parsed strictly; problems in words', async (t) => {
  const spoolDir = join(tempDir(t), 'print-spool');
  const answer = {
    stdout: JSON.stringify([
      { name: 'POS-80C', port: 'USB001', offline: false },
      { name: 'Office Laser', port: '192.168.1.20', offline: true },
      { name: '\\\\server\\receipts', port: 'ne00:', offline: false },
      { name: 'Bad "quoted" name', port: 'USB002', offline: false },
      { name: 'Weird port', port: 'x'.repeat(200), offline: 'yes' },
      { port: 'USB003' },
      'not an object',
      { name: 'POS-80C', port: 'USB001', offline: false },
    ]) + '\r\n',
  };
  const ps = fakePowerShell(answer);
  const listing = await listWindowsPrinters({ spoolDir, run: ps.run, systemRoot: 'C:\\Windows' });
  assert.deepEqual(ps.calls[0]!.args, [...OPTIONS, '-File', join(spoolDir, 'list-printers.ps1')]);
  assert.equal(ps.calls[0]!.program, POWERSHELL);
  assert.equal(ps.calls[0]!.script, LIST_PRINTERS_SCRIPT);
  assert.deepEqual(listing.printers, [
    { name: 'POS-80C', port: 'USB001', offline: false, setting: 'windows:POS-80C' },
    { name: 'Office Laser', port: '192.168.1.20', offline: true, setting: 'windows:Office Laser' },
    { name: '\\\\server\\receipts', port: 'ne00:', offline: false, setting: 'windows:\\\\server\\receipts' },
    { name: 'Weird port', port: null, offline: false, setting: 'windows:Weird port' },
  ]);
  assert.equal(listing.problem, null);
  assert.equal(listing.details.length, 3, listing.details.join('\n'));

  for (const [bad, detail] of [
    [{ stdout: '{"name":"one"}' }, /not a JSON array/],
    [{ stdout: 'Get-CimInstance : Access denied' }, /not JSON/],
    [{ exitCode: 13, stderr: 'KHQRPOS-ERROR {"step":"Win32_Printer","win32":0}' }, /exit code 13/],
  ] as const) {
    const failing = await listWindowsPrinters({ spoolDir, run: fakePowerShell(bad).run });
    assert.deepEqual([failing.printers, failing.problem], [[], { code: 'printer.windowsListFailed' }]);
    assert.match(failing.details.join(), detail);
  }
  const missing = await listWindowsPrinters({ spoolDir, run: fakePowerShell({ exitCode: null, failure: { kind: 'missing', detail: 'ENOENT' } }).run });
  assert.deepEqual(missing.problem, { code: 'printer.windowsNoPowerShell' });
  const empty = await listWindowsPrinters({ spoolDir, run: fakePowerShell({ stdout: '[]' }).run });
  assert.deepEqual([empty.printers, empty.problem], [[], null]);
});

test('the Settings list has Windows printers on Windows only, and their problem first', async (t) => {
  const { PrinterService } = await import('../../../../src/host/printing/printer-service.ts');
  const spoolDir = join(tempDir(t), 'print-spool');
  const windowsList = async () => ({
    printers: [{ name: 'POS-80C', port: 'USB001', offline: false, setting: 'windows:POS-80C' }],
    problem: null,
    details: [],
  });
  const service = (platform: NodeJS.Platform) =>
    new PrinterService({
      jobs: undefined as never,
      ledger: undefined as never,
      settings: () => ({ printer: 'none' }) as never,
      tillCode: 'K7QX',
      now: () => 0,
      onChange: () => {},
      spoolDir,
      platform,
      listWindowsPrinters: windowsList,
    });
  const onWindows = await service('win32').list();
  assert.deepEqual(onWindows.windowsPrinters.map((p) => p.setting), ['windows:POS-80C']);
  const onLinux = await service('linux').list();
  assert.deepEqual(onLinux.windowsPrinters, []);
});
