/**
 * A clock the test moves by hand, for the sandbox and the host to share (both take `now`). A QR's
 * life, its grace period and an outage window then end when the test says so, never because the
 * machine was busy: the watcher still runs on real timers (fast test policies), but what it decides
 * depends only on this clock. It starts at the real time and stands still until moved.
 */
export interface TestClock {
  readonly now: () => number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** Moves the clock forward to `ms` (epoch ms); never backwards. */
  set(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      if (ms < 0) throw new Error('a test clock only moves forward');
      current += ms;
    },
    set(ms) {
      if (ms < current) throw new Error(`a test clock only moves forward (now ${current}, asked ${ms})`);
      current = ms;
    },
  };
}

/** Lets queued microtasks and immediates (screen updates, in-process API answers) run; no real time passes. */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
