/**
 * The two PowerShell scripts behind `windows:<printer name>`: one hands a job's bytes to an installed
 * Windows printer through the spooler with the RAW datatype (so the printer driver passes the ESC/POS
 * bytes through untouched), one lists the installed printers for Settings. No npm package is needed:
 * Windows PowerShell 5.1 ships with every Windows 10/11, and Add-Type compiles the few winspool.drv
 * calls at run time.
 *
 * The scripts are fixed text. The printer name and the job file reach them only as parameters
 * (-Printer, -Path), never spliced into the script, so no printer name can change what runs.
 * They answer through exit codes and one line each on stdout or stderr:
 *   stdout  {"job":<id>,"state":"printed"|"left-queue"|"queued"|"attention"}   (exit 0)
 *           printed: Windows marked the job Printed; left-queue: it left the queue (sent to the
 *           printer's port, nothing confirms paper came out); queued: still waiting after the watch;
 *           attention: Windows says the printer needs attention (paper out, offline, error).
 *   stderr  KHQRPOS-ERROR {"step":"<step>","win32":<error>}                       (exit 10–14)
 */

/** Exit codes the send script uses; anything else (PowerShell itself failing) is a generic failure. */
export const EXIT = {
  ok: 0,
  printerNotFound: 10,
  accessDenied: 11,
  spoolerStopped: 12,
  windowsError: 13,
  jobFileUnreadable: 14,
} as const;

/** Marks the one structured line on stderr. */
export const ERROR_MARK = 'KHQRPOS-ERROR ';

/** How long the send script watches the job in the Windows queue before answering (seconds). */
export const WATCH_SECONDS = 5;

export const SEND_RAW_SCRIPT = String.raw`# KHQR POS: send one job's bytes to a Windows printer as RAW (no driver rendering).
param(
  [Parameter(Mandatory = $true)][string]$Printer,
  [Parameter(Mandatory = $true)][string]$Path,
  [int]$WatchSeconds = 5
)
$ErrorActionPreference = 'Stop'

function Fail([int]$Code, [string]$Step, [int]$Win32) {
  [Console]::Error.WriteLine('KHQRPOS-ERROR ' + (ConvertTo-Json -Compress -InputObject ([ordered]@{ step = $Step; win32 = $Win32 })))
  exit $Code
}

try { $spooler = Get-Service -Name Spooler } catch { Fail 12 'Spooler' 0 }
if ($spooler.Status -ne 'Running') { Fail 12 'Spooler' 0 }

try { $bytes = [System.IO.File]::ReadAllBytes($Path) } catch { Fail 14 'ReadJob' 0 }

Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;

public static class KhqrPosRawPrinter
{
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    public class DOC_INFO_1
    {
        public string pDocName;
        public string pOutputFile;
        public string pDatatype;
    }

    [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
    static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool ClosePrinter(IntPtr handle);
    [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
    static extern int StartDocPrinter(IntPtr handle, int level, [In] DOC_INFO_1 info);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool StartPagePrinter(IntPtr handle);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool EndPagePrinter(IntPtr handle);
    [DllImport("winspool.drv", SetLastError = true)]
    static extern bool EndDocPrinter(IntPtr handle);

    // Returns the Windows job id; on failure 0, with the step and the Win32 error.
    public static int Send(string printer, byte[] bytes, out string step, out int error)
    {
        step = "OpenPrinter";
        error = 0;
        IntPtr handle;
        if (!OpenPrinter(printer, out handle, IntPtr.Zero)) { error = Marshal.GetLastWin32Error(); return 0; }
        try
        {
            step = "StartDocPrinter";
            DOC_INFO_1 info = new DOC_INFO_1();
            info.pDocName = "KHQR POS receipt";
            info.pDatatype = "RAW";
            int job = StartDocPrinter(handle, 1, info);
            if (job == 0) { error = Marshal.GetLastWin32Error(); return 0; }
            step = "StartPagePrinter";
            if (!StartPagePrinter(handle)) { error = Marshal.GetLastWin32Error(); EndDocPrinter(handle); return 0; }
            step = "WritePrinter";
            int offset = 0;
            while (offset < bytes.Length)
            {
                byte[] rest = new byte[bytes.Length - offset];
                Array.Copy(bytes, offset, rest, 0, rest.Length);
                int written;
                if (!WritePrinter(handle, rest, rest.Length, out written) || written <= 0)
                {
                    error = Marshal.GetLastWin32Error();
                    EndPagePrinter(handle);
                    EndDocPrinter(handle);
                    return 0;
                }
                offset += written;
            }
            step = "EndPagePrinter";
            if (!EndPagePrinter(handle)) { error = Marshal.GetLastWin32Error(); EndDocPrinter(handle); return 0; }
            step = "EndDocPrinter";
            if (!EndDocPrinter(handle)) { error = Marshal.GetLastWin32Error(); return 0; }
            return job;
        }
        finally
        {
            ClosePrinter(handle);
        }
    }
}
'@

$step = ''
$win32 = 0
$job = [KhqrPosRawPrinter]::Send($Printer, $bytes, [ref]$step, [ref]$win32)
if ($job -eq 0) {
  if ($win32 -eq 1801) { Fail 10 $step $win32 }           # ERROR_INVALID_PRINTER_NAME
  if ($win32 -eq 5) { Fail 11 $step $win32 }              # ERROR_ACCESS_DENIED
  if ($win32 -eq 1722 -or $win32 -eq 1753) { Fail 12 $step $win32 }  # the spooler (RPC) is not there
  Fail 13 $step $win32
}

# The job is in the Windows queue. Watch it briefly: only a job Windows marks Printed counts as printed.
# Without the PrintManagement module the state stays 'queued': spooled, nothing confirmed.
$state = 'queued'
$canWatch = $null -ne (Get-Command Get-PrintJob -ErrorAction SilentlyContinue)
$until = (Get-Date).AddSeconds($WatchSeconds)
while ($canWatch -and (Get-Date) -lt $until) {
  try { $entry = Get-PrintJob -PrinterName $Printer -ID $job }
  catch {
    if ($_.CategoryInfo.Category -eq 'ObjectNotFound') { $state = 'left-queue' }
    break
  }
  $status = [string]$entry.JobStatus
  if ($status -match 'Printed') { $state = 'printed'; break }
  if ($status -match 'Error|Offline|PaperOut|UserIntervention|Blocked') { $state = 'attention'; break }
  Start-Sleep -Milliseconds 250
}
[Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject ([ordered]@{ job = $job; state = $state })))
exit 0
`;

export const LIST_PRINTERS_SCRIPT = String.raw`# KHQR POS: the installed Windows printers, as one line of JSON.
$ErrorActionPreference = 'Stop'
try {
  $printers = @(Get-CimInstance -ClassName Win32_Printer | ForEach-Object {
    [ordered]@{ name = [string]$_.Name; port = [string]$_.PortName; offline = [bool]$_.WorkOffline }
  })
} catch {
  [Console]::Error.WriteLine('KHQRPOS-ERROR ' + (ConvertTo-Json -Compress -InputObject ([ordered]@{ step = 'Win32_Printer'; win32 = 0 })))
  exit 13
}
[Console]::Out.WriteLine((ConvertTo-Json -Compress -Depth 3 -InputObject $printers))
exit 0
`;
