/**
 * The till's calls to the back office (docs/backoffice.md): POST or GET JSON, read the JSON answer.
 * Redirects are refused (the token must go to the address the owner typed, nowhere else) and an
 * answer is read as data only: its `error` code is looked up, its `detail` text goes to the log.
 */
import type { RowHead } from './outbox.ts';

export type SyncFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface RequestOptions { token?: string; signal?: AbortSignal }

/** The answer, or throws (network error, abort, not JSON): the caller treats a throw as "unreachable". */
export function postJson(fetcher: SyncFetch, url: string, body: unknown, options: RequestOptions = {}): Promise<Answer> {
  return requestJson(fetcher, url, { method: 'POST', body: JSON.stringify(body) }, options);
}

/** A GET of `url` with the till's token (its own rows back: download.ts). */
export function getJson(fetcher: SyncFetch, url: string, options: RequestOptions = {}): Promise<Answer> {
  return requestJson(fetcher, url, { method: 'GET' }, options);
}

async function requestJson(fetcher: SyncFetch, url: string, init: { method: string; body?: string }, options: RequestOptions): Promise<Answer> {
  const response = await fetcher(url, {
    ...init,
    redirect: 'error',
    signal: options.signal,
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const object = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, body: object };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The back office's `head`, if it is one: epoch ≥ 1, seq ≥ 0, a 64-hex hash (or anything at seq 0). */
export function headOf(value: unknown): RowHead | null {
  if (typeof value !== 'object' || value === null) return null;
  const { epoch, seq, hash } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(epoch) || (epoch as number) < 1 || !Number.isSafeInteger(seq) || (seq as number) < 0) return null;
  if (typeof hash !== 'string' || (seq !== 0 && !HEX64.test(hash))) return null;
  return { epoch: epoch as number, seq: seq as number, hash };
}

/** The back office's refusal code, when it is one (letters and `_` only; never shown, only looked up). */
export function refusalCode(answer: Answer): string | null {
  const code = answer.body.error;
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : null;
}

export const sameHead = (a: RowHead, b: RowHead): boolean => a.epoch === b.epoch && a.seq === b.seq && a.hash === b.hash;
