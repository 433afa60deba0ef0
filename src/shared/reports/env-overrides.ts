/**
 * Format 7 of the X/Z report (issue 9): the settings POS_* environment variables fixed while a range
 * was journaled, from the last `settings.envOverrides` row up to the range's end (docs/journal.md).
 * The till reads that row from its ledger (src/host/reports/shift-report.ts), the back office from the
 * rows the till pushed (journal-fold.ts); the keys, never the values, are flagged on the X and Z.
 */
import type { ShiftReport } from '../contract.ts';

export const ENV_OVERRIDES_ROW_TYPE = 'settings.envOverrides';

/** The report's `envOverrides` from that row's payload (undefined: none journaled yet); null when it fixed nothing. */
export function envOverridesSection(payload: string | undefined): NonNullable<ShiftReport['envOverrides']> | null {
  if (payload === undefined) return null;
  const p = JSON.parse(payload) as { overrides: Record<string, unknown>; apiKeyFromEnv: boolean };
  const keys = Object.keys(p.overrides).sort();
  return keys.length === 0 && !p.apiKeyFromEnv ? null : { keys, apiKeyFromEnv: p.apiKeyFromEnv === true };
}
