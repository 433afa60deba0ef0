/**
 * What the host needs from training mode, and nothing more: a payment API that behaves like the
 * hosted one, and a way to play the customer. The launchers (web mode, Electron, tests) build it
 * from src/sandbox/training.ts and pass it in, so the host never imports the sandbox (the layer
 * rules of docs/architecture.md, enforced by eslint.config.js).
 */
import type { BakongApi } from './bakong-client.ts';

export interface TrainingMode {
  /** The API that training sales are created and checked through (never the shop's real one). */
  readonly api: BakongApi;
  /**
   * Pays the training QR with this md5 as a customer's banking app would. Throws (with a reason for
   * the log) when it cannot: unknown, already paid or expired. The host has already checked the sale
   * is a training sale; the watcher then finds the payment exactly as it would a real one.
   */
  simulatePayment(md5: string): void;
}

export interface TrainingContext {
  /** The host's data directory: training state lives beside the ledger, so a restart keeps it. */
  dataDir: string;
  now: () => number;
}

/** Called once by createHost, after it has locked the data directory. */
export type TrainingModeFactory = (context: TrainingContext) => TrainingMode;
