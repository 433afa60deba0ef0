/**
 * The exchange rate, riel per dollar, a whole number. Its bounds are the settings' bounds and the
 * arithmetic's: at most 10,000 ៛/$, half a cent is at most 50 ៛, so a cent rounded half up never
 * leaves 50 ៛ or more unpaid (docs/cash.md). Runs everywhere.
 */
import { PosError } from '../errors.ts';
import { hostMessage } from '../messages/index.ts';

export const KHR_PER_USD_RANGE = { min: 1000, max: 10000 } as const;

export function isKhrPerUsd(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= KHR_PER_USD_RANGE.min && value <= KHR_PER_USD_RANGE.max;
}

export function assertKhrPerUsd(value: unknown): asserts value is number {
  if (!isKhrPerUsd(value)) throw new PosError('invalid_request', hostMessage('settings.khrPerUsd', KHR_PER_USD_RANGE));
}
