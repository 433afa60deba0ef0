/**
 * The layer rules of docs/architecture.md are enforced by ESLint (eslint.config.js). These tests lint
 * small pieces of code as if they lived in each folder: every wrong-way import must fail the lint
 * with a message naming the rule, and the imports each layer really needs must pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../../src/launch/build-if-stale.ts';

const eslint = new ESLint({ cwd: ROOT });

/** The messages ESLint gives for `code` placed at `filePath` (relative to the project root). */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const WRONG: Array<[file: string, code: string, rule: string]> = [
  ['src/host/payments/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports'],
  ['src/host/payments/x.ts', "import { Sandbox } from '../../sandbox/simulator.ts';\nexport const a = Sandbox;\n", 'no-restricted-imports'],
  ['src/host/x.ts', "import { startWebServer } from '../web/server.ts';\nexport const a = startWebServer;\n", 'no-restricted-imports'],
  ['src/host/x.ts', "import { useT } from '../renderer/cashier/useT.ts';\nexport const a = useT;\n", 'no-restricted-imports'],
  ['src/host/ledger/x.ts', "import { runVerify } from '../../cli/commands/verify.ts';\nexport const a = runVerify;\n", 'no-restricted-imports'],
  ['src/host/x.ts', "export const a = await import('../cli/ledger.ts');\n", 'no-restricted-syntax'],
  ['src/cli/x.ts', "import { Sandbox } from '../sandbox/simulator.ts';\nexport const a = Sandbox;\n", 'no-restricted-imports'],
  ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
  ['src/shared/x.ts', "import { join } from 'path';\nexport const a = join;\n", 'no-restricted-imports'],
  ['src/shared/x.ts', "import type { Host } from '../host/host.ts';\nexport type A = Host;\n", 'no-restricted-imports'],
  ['src/shared/x.ts', 'export const a = () => document.title;\n', 'no-restricted-globals'],
  ['src/shared/x.ts', 'export const a = () => process.env.HOME;\n', 'no-restricted-globals'],
  ['src/renderer/cashier/x.ts', "import { createHost } from '../../host/host.ts';\nexport const a = createHost;\n", 'no-restricted-imports'],
  ['src/renderer/cashier/x.ts', "import type { Host } from '../../host/host.ts';\nexport type A = Host;\n", 'no-restricted-imports'],
  ['src/renderer/cashier/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
  ['src/renderer/cashier/x.ts', "export const a = () => fetch('https://example.com');\n", 'no-restricted-globals'],
  ['src/sandbox/x.ts', "import { createHost } from '../host/host.ts';\nexport const a = createHost;\n", 'no-restricted-imports'],
  ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
  // What no-restricted-imports does not see: import(), import() types, createRequire, require.
  ['src/host/x.ts', "export const a = await import('../sandbox/simulator.ts');\n", 'no-restricted-syntax'],
  ['src/host/payments/x.ts', "export const a = await import('electron');\n", 'no-restricted-syntax'],
  ['src/host/payments/x.ts', "export const a = await import('electron/main');\n", 'no-restricted-syntax'],
  ['src/host/x.ts', "const where = '../sandbox/simulator.ts';\nexport const a = await import(where);\n", 'no-restricted-syntax'],
  ['src/host/x.ts', 'export const a = await import(`../sandbox/simulator.ts`);\n', 'no-restricted-syntax'],
  ['src/host/x.ts', "export type A = import('../sandbox/simulator.ts').Sandbox;\n", 'no-restricted-syntax'],
  ['src/host/x.ts', "import { createRequire } from 'node:module';\nexport const a = createRequire(import.meta.url)('electron');\n", 'no-restricted-syntax'],
  ['src/host/x.ts', "import { createRequire } from 'node:module';\nexport const a = createRequire(import.meta.url)('electron');\n", 'no-restricted-imports'],
  ['src/host/x.ts', "import { createRequire as load } from 'module';\nexport const a = load(import.meta.url)('electron');\n", 'no-restricted-imports'],
  ['src/host/x.ts', "import * as nodeModule from 'node:module';\nexport const a = nodeModule.createRequire(import.meta.url)('electron');\n", 'no-restricted-syntax'],
  ['src/host/x.ts', "export const a = require('electron');\n", 'no-restricted-globals'],
  // libusb-backend.ts may load `usb` lazily, and nothing else, and only by calling createRequire's result at once.
  ['src/host/printing/transports/libusb-backend.ts', "import { createRequire } from 'node:module';\nexport const a = createRequire(import.meta.url)('electron');\n", 'no-restricted-syntax'],
  ['src/host/printing/transports/libusb-backend.ts', "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const a = [load('usb'), load('electron')];\n", 'no-restricted-syntax'],
  ['src/host/printing/transports/libusb-backend.ts', "export const a = await import('../../../sandbox/simulator.ts');\n", 'no-restricted-syntax'],
  ['src/renderer/cashier/x.ts', "export const a = await import('node:fs');\n", 'no-restricted-syntax'],
  ['src/renderer/cashier/x.ts', "export const a = await import('fs/promises');\n", 'no-restricted-syntax'],
  ['src/renderer/cashier/x.ts', "export const a = await import('../../host/host.ts');\n", 'no-restricted-syntax'],
  ['src/shared/x.ts', 'export const a = () => globalThis.process.env.HOME;\n', 'no-restricted-globals'],
  ['src/shared/x.ts', 'export const a = () => self.location.href;\n', 'no-restricted-globals'],
  ['src/shared/x.ts', "export const a = () => new Worker('x.js');\n", 'no-restricted-globals'],
  ['src/shared/x.ts', 'export const a = (f: () => void) => setImmediate(f);\n', 'no-restricted-globals'],
  ['src/shared/x.ts', "export const a = await import('node:fs');\n", 'no-restricted-syntax'],
  ['src/sandbox/x.ts', "export const a = await import('../host/host.ts');\n", 'no-restricted-syntax'],
  ['electron/preload/x.ts', "export const a = await import('node:child_process');\n", 'no-restricted-syntax'],
  // The back office shares only the journal's pure hashing with the till; neither imports the other otherwise.
  ['src/backoffice/x.ts', "import { openLedger } from '../host/ledger/database.ts';\nexport const a = openLedger;\n", 'no-restricted-imports'],
  ['src/backoffice/x.ts', "import { appendFor } from '../host/ledger/journal/journal.ts';\nexport const a = appendFor;\n", 'no-restricted-imports'],
  ['src/backoffice/x.ts', "import { rowHash } from '../host/ledger/journal/canonical.ts/../journal.ts';\nexport const a = rowHash;\n", 'no-restricted-imports'],
  ['src/backoffice/x.ts', "export const a = await import('../host/host.ts');\n", 'no-restricted-syntax'],
  ['src/backoffice/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", 'no-restricted-imports'],
  ['src/host/ledger/x.ts', "import { ingest } from '../../backoffice/ingest.ts';\nexport const a = ingest;\n", 'no-restricted-imports'],
  ['src/backoffice/x.ts', "import { saleRows } from '../host/export/sales-rows.ts';\nexport const a = saleRows;\n", 'no-restricted-imports'],
  ['src/host/export/csv.ts', "import { openLedger } from '../ledger/database.ts';\nexport const a = openLedger;\n", 'no-restricted-imports'],
  ['src/host/export/xlsx.ts', "import type { ExportSaleRow } from './sales-rows.ts';\nexport type A = ExportSaleRow;\n", 'no-restricted-imports'],
  ['src/shared/x.ts', "import type { Refusal } from '../backoffice/refusal.ts';\nexport type A = Refusal;\n", 'no-restricted-imports'],
  ['src/host/ledger/journal/canonical.ts', "import { hostMessage } from '../../../shared/messages/index.ts';\nexport const a = hostMessage;\n", 'no-restricted-imports'],
];

for (const [file, code, rule] of WRONG) {
  test(`lint refuses (${rule}) in ${file}: ${code.trim().replaceAll('\n', ' ⏎ ')}`, async () => {
    const found = await problems(file, code);
    assert.ok(found.some((p) => p.startsWith(`${rule}:`)), `expected ${rule}, got ${JSON.stringify(found)}`);
  });
}

const RIGHT: Array<[file: string, code: string]> = [
  ['src/host/payments/x.ts', "import { readFileSync } from 'node:fs';\nimport { centsToDecimal } from '../../shared/money.ts';\nexport const a = [readFileSync, centsToDecimal];\n"],
  ['src/shared/x.ts', "import { centsToDecimal } from './money.ts';\nexport const a = centsToDecimal;\n"],
  ['src/renderer/cashier/x.ts', "import type { CashierState } from '../../shared/contract.ts';\nexport type A = CashierState;\n"],
  ['src/sandbox/x.ts', "import { buildKhqr } from '../host/khqr/index.ts';\nexport const a = buildKhqr;\n"],
  ['src/cli/commands/x.ts', "import { openLedger } from '../../host/ledger/database.ts';\nimport { readFileSync } from 'node:fs';\nexport const a = [openLedger, readFileSync];\n"],
  ['src/web/x.ts', "import { createHost } from '../host/host.ts';\nexport const a = createHost;\n"],
  ['electron/x.ts', "import { app } from 'electron';\nimport { createHost } from '../src/host/host.ts';\nexport const a = [app, createHost];\n"],
  // The one lazy load the host has: `usb`, only when a USB printer is configured.
  ['src/host/printing/transports/libusb-backend.ts', "import { createRequire } from 'node:module';\nexport const load = (): unknown => createRequire(import.meta.url)('usb');\n"],
  // import() of what a layer may import statically stays allowed (e.g. a screen split into chunks).
  ['src/host/x.ts', "export const a = await import('./khqr/index.ts');\n"],
  ['src/renderer/cashier/x.ts', "export const a = await import('./SellView.tsx');\n"],
  ['src/backoffice/x.ts', "import pg from 'pg';\nimport { rowHash } from '../host/ledger/journal/canonical.ts';\nimport { centsToDecimal } from '../shared/money.ts';\nexport const a = [pg, rowHash, centsToDecimal];\n"],
  ['src/host/ledger/journal/canonical.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;\n"],
  ['src/backoffice/x.ts', "import { writeCsv } from '../host/export/csv.ts';\nimport { writeXlsx } from '../host/export/xlsx.ts';\nexport const a = [writeCsv, writeXlsx];\n"],
  ['src/host/export/xlsx.ts', "import ExcelJS from 'exceljs';\nimport { COLUMNS } from '../../shared/export/columns.ts';\nexport const a = [ExcelJS, COLUMNS];\n"],
];

for (const [file, code] of RIGHT) {
  test(`lint accepts in ${file}: ${code.split('\n')[0]}`, async () => {
    assert.deepEqual(await problems(file, code), []);
  });
}
