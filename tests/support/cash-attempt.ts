/**
 * The `cash.tender` command's `attempt` (the cash screen's id for one press of Take cash) for tests
 * that are not about it: a fresh one per call unless the test gives its own.
 */
import { randomBytes } from 'node:crypto';
import type { CashTenderArgs } from '../../src/shared/contract.ts';

/** 128 random bits as 32 lowercase hex digits, as the cash screen makes them. */
export const attemptId = (): string => randomBytes(16).toString('hex');

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A cash tender's arguments, `attempt` optional. */
export type TenderArgs = Without<CashTenderArgs, 'attempt'> & { attempt?: string };

export function withAttempt(args: TenderArgs): CashTenderArgs {
  return { attempt: attemptId(), ...args } as CashTenderArgs;
}
