/** Messages about ledger: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const LEDGER_MESSAGES = {
} as const satisfies Catalog;
