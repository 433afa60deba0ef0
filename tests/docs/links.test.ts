/**
 * The project carries its own knowledge: source comments cite docs/ files of this repository (a
 * clone has them), never documents outside it, and every docs/ file or relative link they name exists.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../src/launch/build-if-stale.ts';

const SKIP = new Set(['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.git']);

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const SOURCES = ['src', 'electron', 'tests'].flatMap((folder) => files(join(ROOT, folder), /\.(ts|tsx|mjs|js|css|html)$/))
  .concat([join(ROOT, 'eslint.config.js')]);
const DOCS = [join(ROOT, 'README.md'), ...files(join(ROOT, 'docs'), /\.md$/)];

test('no source cites a document outside the repository (../shared/*.md)', () => {
  const outside = SOURCES.filter((file) => /(^|[^\w/])(\.\.\/)*shared\/[\w-]+\.md/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  assert.deepEqual(outside, []);
});

test('every docs/ file a source or document names exists', () => {
  const missing: string[] = [];
  for (const file of [...SOURCES, ...DOCS]) {
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/\bdocs\/([\w./-]+\.md)\b/g)) {
      if (!existsSync(join(ROOT, 'docs', path!))) missing.push(`${relative(ROOT, file)} → docs/${path}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every relative link in README and docs/ resolves', () => {
  const broken: string[] = [];
  for (const file of DOCS) {
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      if (!existsSync(join(dirname(file), target!))) broken.push(`${relative(ROOT, file)} → ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});
