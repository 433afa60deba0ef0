/**
 * Training mode: the sandbox simulator run inside the POS process, reached without a socket
 * (in-process.ts), its payments kept in the data directory so a trainee who restarts the POS
 * mid-payment can still finish it. The launchers create it with `trainingMode()` and hand it to
 * createHost; the host sees only the TrainingMode interface (src/host/api/training-mode.ts).
 */
import { join } from 'node:path';
import { createHttpBakongApi, type BakongApi } from '../host/api/bakong-client.ts';
import type { TrainingContext, TrainingMode, TrainingModeFactory } from '../host/api/training-mode.ts';
import { TRAINING_ORIGIN, inProcessFetch } from './in-process.ts';
import { sandboxOptionsFromEnv } from './options.ts';
import { Sandbox, type SandboxOptions } from './simulator.ts';

/** The file, in the data directory, that keeps training payments between runs. */
export const TRAINING_STATE_FILE = 'training-sandbox.json';

export class TrainingSandbox implements TrainingMode {
  /** The simulator itself, for tests and the benchmark (request counts, faults). */
  readonly sandbox: Sandbox;
  readonly api: BakongApi;

  constructor(options: SandboxOptions) {
    this.sandbox = new Sandbox(options);
    this.api = createHttpBakongApi({ baseUrl: TRAINING_ORIGIN, fetch: inProcessFetch(this.sandbox) });
  }

  simulatePayment(md5: string): void {
    this.sandbox.pay(md5);
  }
}

/**
 * Training mode for createHost, configured from SANDBOX_* variables (QR lifetime, faults, seed;
 * see options.ts). The variables are read when the host starts, so a bad value stops the start-up
 * with its reason, like any other bad setting.
 */
export function trainingMode(env: NodeJS.ProcessEnv = process.env): TrainingModeFactory {
  return ({ dataDir, now }: TrainingContext) =>
    new TrainingSandbox({ ...sandboxOptionsFromEnv(env), now, statePath: join(dataDir, TRAINING_STATE_FILE) });
}
