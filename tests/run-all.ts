/**
 * `npm test`: every runner in turn — the type check, ESLint with the layer rules, Node's test runner (host, web, renderer logic,
 * Electron static checks), the Electronegativity scan and Playwright (web mode in Chromium; Electron where installed) — then one
 * closing line summing them all: `N passed, N failed, N skipped`. Exits non-zero if anything failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/launch/build-if-stale.ts';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

/** Runs a command with its output shown live; resolves with its exit code and captured stdout. */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function typecheck(): Promise<Counts> {
  console.log('\n== type check (tsc) ==');
  const { code } = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  console.log(code === 0 ? 'type check: clean' : 'type check: FAILED');
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

/** ESLint: TypeScript rules and the layer boundaries (eslint.config.js); one result for the whole tree. */
async function lint(): Promise<Counts> {
  console.log('\n== lint (eslint) ==');
  const { code } = await run(bin('eslint'), ['--max-warnings=0', '.']);
  console.log(code === 0 ? 'lint: clean' : 'lint: FAILED');
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

async function nodeTests(): Promise<Counts> {
  console.log('\n== node --test ==');
  const { code, stdout } = await run(process.execPath, [
    // The per-test limit only catches a hang (named, and failed) on the busiest machine; no test comes near it.
    '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=600000',
    'tests/**/*.test.ts',
  ]);
  const count = (label: string): number => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(stdout)?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed before reporting
  return counts;
}

/** Electronegativity's Electron security scan, installed in its own folder on first use (see its scan.mjs). */
async function electronegativity(): Promise<Counts> {
  console.log('\n== electronegativity ==');
  const dir = join(ROOT, 'tests', 'electron', 'electronegativity');
  if (!existsSync(join(dir, 'node_modules', '@doyensec', 'electronegativity'))) {
    const install = await run('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error']);
    if (install.code !== 0) return { passed: 0, failed: 1, skipped: 0 };
  }
  const { code } = await run(process.execPath, [join(dir, 'scan.mjs')]);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

async function playwright(): Promise<Counts> {
  console.log('\n== playwright ==');
  const report = join(ROOT, 'test-results', 'e2e.json');
  rmSync(report, { force: true });
  const { code } = await run(bin('playwright'), ['test', '-c', 'tests/playwright.config.ts']);
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: Record<string, number> }).stats;
  const counts = {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const only = process.argv[2];
const runners: Array<[string, () => Promise<Counts>]> = [
  ['typecheck', typecheck],
  ['lint', lint],
  ['node', nodeTests],
  ['electronegativity', electronegativity],
  ['playwright', playwright],
];
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
for (const [name, runner] of runners) {
  if (only && only !== name) continue;
  const counts = await runner();
  lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}
console.log('\n== summary ==');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
