/**
 * The back office's schema changes, numbered, in order. Never edit one that has been released: add
 * the next number (src/backoffice/migrate.ts records each one's checksum and refuses a changed one).
 */
import * as initial from './001-initial.ts';
import * as tillSyncState from './002-till-sync-state.ts';
import * as sessions from './003-sessions.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial, tillSyncState, sessions];
