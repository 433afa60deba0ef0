/** Sandbox settings from the environment, shared by `npm run sandbox` and training mode. */
import { parseFaults } from './faults.ts';
import { DEFAULT_TTL_MS, type SandboxOptions } from './simulator.ts';

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const ttl = env.SANDBOX_QR_TTL_SECONDS;
  if (ttl !== undefined && ttl !== '' && (!/^\d+$/.test(ttl) || Number(ttl) < 1)) {
    throw new Error(`SANDBOX_QR_TTL_SECONDS must be a whole number of seconds, got "${ttl}"`);
  }
  const seed = env.SANDBOX_SEED;
  if (seed !== undefined && seed !== '' && !/^\d+$/.test(seed)) throw new Error(`SANDBOX_SEED must be a whole number, got "${seed}"`);
  let faults;
  try {
    faults = parseFaults(env.SANDBOX_FAULTS ?? '');
  } catch (error) {
    throw new Error(`SANDBOX_FAULTS: ${(error as Error).message}`, { cause: error });
  }
  return {
    ttlMs: ttl ? Number(ttl) * 1000 : DEFAULT_TTL_MS,
    faults,
    seed: seed ? Number(seed) : 1,
  };
}
