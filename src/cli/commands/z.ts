/**
 * `ledger z --list` and `ledger z --show N [--json]`: the Z reports stored at each close
 * (src/host/ledger/shifts.ts, docs/journal.md "Shifts and the close"), read-only while the POS runs.
 * What is printed is the report as it was stored; `ledger verify` checks each against the journal.
 * Times are shown in Phnom Penh time (UTC+7, the POS's business dates), whatever the machine's zone.
 */
import type { ShiftMoney, ShiftReport } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { anchorText } from '../../shared/z-anchor.ts';
import { CliError, EXIT, type ExitCode } from '../exit-codes.ts';
import { openReadOnly } from '../open-read-only.ts';
import { PHNOM_PENH_OFFSET_MS } from '../../host/ledger/shifts.ts';
import type { Db } from '../../host/ledger/database.ts';

function phnomPenhTime(at: number | null): string {
  if (at === null) return '—';
  return `${new Date(at + PHNOM_PENH_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} (UTC+7)`;
}

function money(m: ShiftMoney): string {
  return `${m.count} · ${formatUsd(m.cents)} · ${formatRiel(m.riel)}`;
}

function hasZReports(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'z_reports'").get() !== undefined;
}

function withLedger<T>(dataDir: string, read: (db: Db, file: string) => T): T {
  const { db, file } = openReadOnly(dataDir);
  try {
    return read(db, file);
  } finally {
    db.close();
  }
}

export function runZList(dataDir: string, print: (line: string) => void): ExitCode {
  const reports = withLedger(dataDir, (db) => hasZReports(db)
    ? (db.prepare('SELECT report FROM z_reports ORDER BY shift').all() as Array<{ report: string }>).map((r) => JSON.parse(r.report) as ShiftReport)
    : []);
  if (reports.length === 0) {
    print('No Z report yet: no shift has been closed.');
    return EXIT.ok;
  }
  print('Z number       business date  closed                    takings (count · USD · KHR)      anchor');
  for (const z of reports) {
    print(`${(z.zNumber ?? '').padEnd(14)} ${(z.businessDate ?? '').padEnd(14)} ${phnomPenhTime(z.closedAt).padEnd(25)} ${money(z.takings).padEnd(32)} ${anchorText(z.anchor, z.zNumber)}`);
  }
  return EXIT.ok;
}

export function runZShow(dataDir: string, n: number, json: boolean, print: (line: string) => void): ExitCode {
  const stored = withLedger(dataDir, (db, file) => {
    const row = hasZReports(db) ? (db.prepare('SELECT report FROM z_reports WHERE shift = ?').get(n) as { report: string } | undefined) : undefined;
    if (!row) throw new CliError(EXIT.usage, `There is no Z report ${n} in ${file}: \`npm run ledger -- z --list\` lists them.`);
    return row.report;
  });
  if (json) {
    print(stored);
    return EXIT.ok;
  }
  const z = JSON.parse(stored) as ShiftReport;
  const list = (sales: readonly number[]) => (sales.length === 0 ? 'none' : sales.map((s) => `#${s}`).join(', '));
  print(`Z report ${z.zNumber ?? ''} — till ${z.till.code}, shift ${z.shift ?? '?'}, business date ${z.businessDate ?? '?'}`);
  print(`  opened   ${phnomPenhTime(z.openedAt)} (${z.openReason ?? '?'}, by ${z.openedBy ?? '?'})`);
  print(`  closed   ${phnomPenhTime(z.closedAt)}`);
  print(`  journal  rows ${z.fromSeq}–${z.toSeq}; anchor ${anchorText(z.anchor, z.zNumber)} (npm run ledger -- verify --anchor ${anchorText(z.anchor, z.zNumber)})`);
  print(`  TAKINGS  ${money(z.takings)}   (KHQR ${money(z.takings.byTender.khqr)})`);
  print('  Real sales (count · USD · KHR at each sale\'s rate):');
  for (const key of ['opened', 'paid', 'paidLate', 'expired', 'cancelled', 'failed'] as const) print(`    ${key.padEnd(10)} ${money(z.byStatus[key])}`);
  if (z.tenders) print(`  Takings by tender: ${z.tenders.length === 0 ? 'none' : z.tenders.map((t) => `${t.kind} ${t.currency} ${t.count} · ${t.currency === 'USD' ? formatUsd(t.amount) : `${t.amount} riel`}`).join('; ')}`);
  if (z.overpaid) print(`  Overpaid, in the takings and owed back: ${money(z.overpaid)}; sales ${list(z.overpaid.sales)}`);
  print(`  Paid to another account (not takings): ${money(z.otherAccount)}; sales ${list(z.otherAccount.sales)}`);
  print('  Training (apart, never takings):');
  for (const key of ['opened', 'paid', 'expired', 'cancelled', 'failed'] as const) print(`    ${key.padEnd(10)} ${money(z.training[key])}`);
  print(`  First sale ${z.firstSale ? `#${z.firstSale.sale} at ${phnomPenhTime(z.firstSale.at)}` : 'none'}; last sale ${z.lastSale ? `#${z.lastSale.sale} at ${phnomPenhTime(z.lastSale.at)}` : 'none'}`);
  print(`  Paid late: ${list(z.paidLate)}; cancelled: ${list(z.cancelled)}; failed: ${list(z.failed)}`);
  if (z.unpaid) print(`  Left unpaid (open, no QR pending): ${list(z.unpaid)}`);
  print(`  Still unresolved at the close (carried into the next shift): ${z.unresolved.length === 0 ? 'none' : z.unresolved.map((u) => `#${u.sale} ${formatUsd(u.amountCents)} (${u.status})`).join(', ')}`);
  return EXIT.ok;
}
