/**
 * Where PostgreSQL is missing, the back-office tests skip and say why; under CI they fail instead,
 * so CI can never pass without having run them (tests/support/postgres.ts, .ci/run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from '../../src/launch/build-if-stale.ts';

function runWithoutPostgres(ci: boolean): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, POS_TEST_POSTGRES_ROOT: '/nonexistent/postgresql' };
  delete env.CI;
  delete env.NODE_TEST_CONTEXT; // a test file run by a test: report on its own, as `npm test` would
  if (ci) env.CI = '1';
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'tests/backoffice/migrations.test.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('without PostgreSQL the back-office tests skip, printing the reason', () => {
  const { status, output } = runWithoutPostgres(false);
  assert.equal(status, 0, output);
  assert.match(output, /skipping the back-office tests: PostgreSQL is not installed/);
  assert.match(output, /# skipped [1-9]/);
  assert.match(output, /# pass 0/);
});

test('under CI (CI=1) a missing PostgreSQL fails them instead', () => {
  const { status, output } = runWithoutPostgres(true);
  assert.notEqual(status, 0);
  assert.match(output, /CI must run the back-office tests against PostgreSQL, but PostgreSQL is not installed/);
});
