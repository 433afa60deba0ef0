/** A fresh data directory per test, removed afterwards: tests never share state with each other or a shop. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function tempDir(t: TestContext | { after(fn: () => void): void }, prefix = 'pos-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => removeQuietly(dir));
  return dir;
}

/**
 * Removes a test's folder without ever failing the hook. node:test runs a test's `after` hooks in
 * the order they were registered and stops at the first that throws, so a folder made before the
 * host (its printer's folder) is removed while that host may still be writing into it: rm then
 * meets a file that appeared meanwhile (ENOTEMPTY), and a throw here would skip the host's close
 * and the sandbox's, leaving the test file's process waiting forever. What cannot go now goes at exit.
 */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    process.once('exit', () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch (error) {
        console.warn(`[test] could not remove ${dir}: ${(error as Error).message}`);
      }
    });
  }
}

/**
 * Waits until `check` returns a truthy value, polling; fails with `what` after `timeoutMs`. The
 * limit only catches a hang: it is generous so a busy machine (CI on 2 shared cores) never fails a
 * test that is merely slow. Never use it to assert something happens within a short time: control
 * the clock instead (tests/support/clock.ts, or node:test's mock timers).
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
