/**
 * `npm run sandbox`: the simulator as an HTTP server on 127.0.0.1.
 * SANDBOX_PORT picks the port (0 = any free one, default 8790); SANDBOX_QR_TTL_SECONDS shortens
 * QR lifetime for demos of expiry. Prints `sandbox: <url>` once ready.
 */
import { startSandboxServer } from './server.ts';
import { Sandbox } from './simulator.ts';
import { sandboxOptionsFromEnv } from './options.ts';

const port = Number(process.env.SANDBOX_PORT ?? 8790);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, got "${process.env.SANDBOX_PORT}"`);
  process.exit(2);
}
const running = await startSandboxServer(new Sandbox(sandboxOptionsFromEnv(process.env)), port);
console.log(`sandbox: ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)));
}
