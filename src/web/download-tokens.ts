/**
 * Single-use, short-lived tokens for the export download route. A download started by
 * `<a download href>` cannot send the cashier key header, and the key must never appear in a URL
 * (history, logs); so the page asks for a token with its key (POST, header) and the URL carries that
 * token instead: bound to one export id, good once, for TOKEN_TTL_MS.
 */
import { randomBytes } from 'node:crypto';
import { keyMatches } from './guard.ts';

export const TOKEN_TTL_MS = 60_000;

export class DownloadTokens {
  readonly #tokens = new Map<string, { exportId: string; expires: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(exportId: string): string {
    this.#sweep();
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { exportId, expires: this.#now() + TOKEN_TTL_MS });
    return token;
  }

  /** True once for a live token of this export; the token is spent whatever the answer. */
  redeem(token: string | null, exportId: string): boolean {
    if (typeof token !== 'string') return false;
    const entry = this.#tokens.get(token);
    if (!entry) return false;
    this.#tokens.delete(token);
    return entry.expires > this.#now() && keyMatches(entry.exportId, exportId);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, entry] of this.#tokens) if (entry.expires <= now) this.#tokens.delete(token);
  }
}
