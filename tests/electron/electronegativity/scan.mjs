// Electronegativity scan of the Electron sources, gated: exits 1 on any HIGH or MEDIUM finding or
// on a file it could not parse (its own CLI always exits 0). Lives in its own folder with its own
// package.json because it crashes when it resolves the project's TypeScript.
//
//   cd tests/electron/electronegativity && npm install && node scan.mjs
//
// It scans electron/ plus the two renderer HTML pages (their <meta> CSP is the one it can see;
// the same CSP is also sent as a response header by electron/protocol.ts, which it cannot see).

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./', import.meta.url));
// An optional argument scans another checkout (used to check that the gate really fails).
const ROOT = process.argv[2] ?? join(HERE, '..', '..', '..');
const require = createRequire(join(HERE, 'package.json'));

if (!existsSync(join(HERE, 'node_modules', '@doyensec', 'electronegativity'))) {
  console.log('electronegativity: skipped: not installed (run `npm install` in tests/electron/electronegativity)');
  process.exit(0);
}
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

const input = mkdtempSync(join(tmpdir(), 'pos-electronegativity-'));
try {
  cpSync(join(ROOT, 'electron'), join(input, 'electron'), { recursive: true, filter: (src) => !src.endsWith('vite.config.ts') });
  for (const page of ['cashier', 'customer']) {
    cpSync(join(ROOT, 'src', 'renderer', page, 'index.html'), join(input, 'renderer', page, 'index.html'));
  }
  const result = await run({
    input,
    customScan: [],
    // The only check that goes to the network (Electron release notes); we pin Electron ourselves.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  }, false);

  const where = (file) => (file.startsWith(input) ? file.slice(input.length + 1) : file);
  const blocking = result.issues.filter((i) => i.severity.name === 'HIGH' || i.severity.name === 'MEDIUM');
  const unparsed = result.errors.filter((e) => !e.tolerable);
  for (const i of result.issues) {
    console.log(`${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id} ${where(i.file)}:${i.location.line} ${i.shortenedURL ?? ''}`);
  }
  for (const e of result.errors) console.log(`${e.tolerable ? 'warning' : 'ERROR'} could not fully parse ${where(e.file)}: ${e.message}`);
  console.log(`electronegativity ${electronVersion}: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${blocking.length} HIGH/MEDIUM, ${unparsed.length} unparsed files`);
  process.exitCode = blocking.length > 0 || unparsed.length > 0 ? 1 : 0;
} finally {
  rmSync(input, { recursive: true, force: true });
}
