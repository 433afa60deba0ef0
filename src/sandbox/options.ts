/** Sandbox settings from the environment, shared by `npm run sandbox` and training mode. */
import { DEFAULT_TTL_MS, type SandboxOptions } from './simulator.ts';

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const ttl = env.SANDBOX_QR_TTL_SECONDS;
  if (ttl === undefined || ttl === '') return { ttlMs: DEFAULT_TTL_MS };
  if (!/^\d+$/.test(ttl) || Number(ttl) < 1) throw new Error(`SANDBOX_QR_TTL_SECONDS must be a whole number of seconds, got "${ttl}"`);
  return { ttlMs: Number(ttl) * 1000 };
}
