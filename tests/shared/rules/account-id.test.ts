/** The Bakong account ID rule, tested once here; every place that accepts an ID uses it (see the import test below). */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../../src/launch/build-if-stale.ts';
import { ACCOUNT_ID_MAX_LENGTH, isAccountId } from '../../../src/shared/rules/account-id.ts';

test('name@bank with letters, digits, . _ - on each side, at most 32 characters', () => {
  for (const good of ['john_smith@devb', 'shop@aclb', 'a@b', 'my.shop-2@wing', `${'s'.repeat(27)}@abaa`]) {
    assert.ok(isAccountId(good), good);
  }
  assert.equal(ACCOUNT_ID_MAX_LENGTH, 32);
  for (const bad of [
    '', 'shop', '@aclb', 'shop@', 'a@b@c', 'shop @aclb', ' shop@aclb', 'shop@aclb\n', 'ហាង@aclb', 'shop@ac/lb',
    'shop<script>@aclb', `${'s'.repeat(28)}@abaa`, 'sh\u0000op@aclb',
  ]) {
    assert.equal(isAccountId(bad), false, JSON.stringify(bad));
  }
  for (const notText of [null, undefined, 42, ['a@b'], { id: 'a@b' }]) assert.equal(isAccountId(notText), false);
});

/** Every TypeScript file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('no other copy of the rule: no account-ID pattern outside src/shared/rules', () => {
  // An "@" between two character classes or groups in a regular expression literal is an account pattern.
  const copies = ['src', 'electron'].flatMap((folder) => sources(join(ROOT, folder)))
    .filter((file) => !file.includes(join('src', 'shared', 'rules')))
    .filter((file) => /[\])+*}]@[[(]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  assert.deepEqual(copies, []);
});
