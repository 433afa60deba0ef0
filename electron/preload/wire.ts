/**
 * The IPC wire shared by the preloads and electron/ipc.ts. Channel names are spelled out here
 * (the preloads import nothing from the contract at run time) and `satisfies` ties them to
 * CHANNELS in src/shared/contract.ts, so a renamed channel fails type-checking instead of
 * silently going quiet.
 */
import type { CHANNELS } from '../../src/shared/contract.ts';

export const WIRE = {
  command: 'pos:command',
  cashierState: 'pos:cashier-state',
  displayState: 'pos:display-state',
  cashierSubscribe: 'pos:cashier-subscribe',
  displaySubscribe: 'pos:display-subscribe',
  saveExport: 'pos:save-export',
} as const satisfies typeof CHANNELS;

/**
 * A subscribe request's answer. Pushes carry the same `version` as their second argument: a
 * counter the main process bumps on every host change, so a screen can drop a state older than
 * one it already showed (the invoke reply and pushes do not share one ordered pipe).
 */
export interface Snapshot<T> {
  version: number;
  state: T;
}
