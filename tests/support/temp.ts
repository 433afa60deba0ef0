/** A fresh data directory per test, removed afterwards: tests never share state with each other or a shop. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function tempDir(t: TestContext | { after(fn: () => void): void }, prefix = 'pos-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
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
