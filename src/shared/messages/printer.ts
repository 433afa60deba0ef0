/** Messages about printer: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const PRINTER_MESSAGES = {
} as const satisfies Catalog;
