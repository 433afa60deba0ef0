/**
 * Client for the hosted Bakong KHQR API (shared/bakong-api.md). The provider is a third party
 * reached over a shop's internet line, so every answer is treated as untrusted: bodies are size
 * capped, must be JSON of the documented shape, and anything else is a BakongApiError saying in
 * plain words what went wrong. Whether a QR may be shown is decided later, by payments/verify-qr.ts.
 */
import { centsToDecimal, usdNumberToCents } from '../../shared/money.ts';

export type ApiFailureKind = 'network' | 'timeout' | 'http' | 'rate_limited' | 'bad_response';

export class BakongApiError extends Error {
  override name = 'BakongApiError';
  readonly kind: ApiFailureKind;
  readonly httpStatus: number | null;
  /** From Retry-After on 429/503: how long the API asked us to wait. */
  readonly retryAfterMs: number | null;

  constructor(kind: ApiFailureKind, message: string, httpStatus: number | null = null, retryAfterMs: number | null = null) {
    super(message);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface CreateRequest {
  bakongId: string;
  merchantName: string;
  amountCents: number;
}

export interface CreateResponse {
  md5: string;
  khqrString: string;
  /** The hosted image URL; recorded for support, never displayed. */
  bakongQr: string | null;
}

export type CheckStatus = 'PENDING' | 'PAID' | 'EXPIRED';

export interface CheckResponse {
  status: CheckStatus;
  bakongId: string | null;
  amountCents: number | null;
}

export interface BakongApi {
  readonly baseUrl: string;
  create(request: CreateRequest): Promise<CreateResponse>;
  check(request: { md5: string; bakongId: string }): Promise<CheckResponse>;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export interface HttpApiOptions {
  baseUrl: string;
  fetch?: FetchLike;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  apiKey?: string | null;
}

/** A Bakong account ID: name@bank, at most 32 characters (KHQR tag 29/30.00). */
const ACCOUNT_ID = /^[A-Za-z0-9._-]{1,32}@[A-Za-z0-9._-]{1,32}$/;

/** A hostile server could stream forever; real answers are well under 4 KB. */
const MAX_BODY_BYTES = 64 * 1024;

export function createHttpBakongApi(options: HttpApiOptions): BakongApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function getJson(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${baseUrl}${path}?${new URLSearchParams(params).toString()}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method: 'GET', headers, signal });
      text = await readCapped(response);
    } catch (error) {
      if (error instanceof BakongApiError) throw error;
      if (signal.aborted) throw new BakongApiError('timeout', `The payment service did not answer within ${timeoutMs / 1000} s`);
      throw new BakongApiError('network', `Cannot reach the payment service (${describe(error)})`);
    }
    if (response.status === 429) {
      throw new BakongApiError('rate_limited', 'The payment service says too many requests; waiting before asking again',
        429, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (response.status < 200 || response.status > 299) {
      const detail = errorDetail(text);
      throw new BakongApiError('http', `The payment service answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
        response.status, parseRetryAfter(response.headers.get('retry-after')));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new BakongApiError('bad_response', 'The payment service sent an answer that is not JSON', response.status);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BakongApiError('bad_response', 'The payment service sent JSON that is not an object', response.status);
    }
    return body as Record<string, unknown>;
  }

  return {
    baseUrl,
    async create(request) {
      const body = await getJson('/api/khqr/create', {
        bakong_id: request.bakongId,
        merchantname: request.merchantName,
        amount: centsToDecimal(request.amountCents),
      });
      const khqrString = body.khqrString;
      const md5 = body.md5;
      if (typeof khqrString !== 'string' || khqrString.length === 0 || khqrString.length > 1024) {
        throw new BakongApiError('bad_response', 'The payment service did not return a KHQR string');
      }
      if (typeof md5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(md5)) {
        throw new BakongApiError('bad_response', 'The payment service did not return a valid md5');
      }
      return { khqrString, md5: md5.toLowerCase(), bakongQr: typeof body.bakong_qr === 'string' ? body.bakong_qr : null };
    },
    async check(request) {
      const body = await getJson('/api/khqr/check', { md5: request.md5, bakong_id: request.bakongId });
      if (body.success !== true) {
        const detail = errorDetail(JSON.stringify(body));
        throw new BakongApiError('bad_response', `The payment service reported a failed check${detail ? `: ${detail}` : ''}`);
      }
      const status = body.status;
      if (status !== 'PENDING' && status !== 'PAID' && status !== 'EXPIRED') {
        throw new BakongApiError('bad_response', `The payment service sent an unknown status ${shown(status)}`);
      }
      let amountCents: number | null = null;
      if (body.amount !== undefined && body.amount !== null) {
        try {
          amountCents = usdNumberToCents(typeof body.amount === 'string' ? Number(body.amount) : body.amount);
        } catch {
          throw new BakongApiError('bad_response', `The payment service sent an unusable amount ${shown(body.amount)}`);
        }
      }
      let bakongId: string | null = null;
      if (body.bakong_id !== undefined && body.bakong_id !== null) {
        // Only a well-formed account ID is ever compared or shown: no free text from the API on screen.
        if (typeof body.bakong_id !== 'string' || body.bakong_id.length > 32 || !ACCOUNT_ID.test(body.bakong_id)) {
          throw new BakongApiError('bad_response', `The payment service sent an unusable account ${shown(body.bakong_id)}`);
        }
        bakongId = body.bakong_id;
      }
      return { status, bakongId, amountCents };
    },
  };
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new BakongApiError('bad_response', 'The payment service sent an oversized answer', response.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Retry-After is either seconds or an HTTP date. Capped at 10 minutes so a bad header cannot stall us forever. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), 10 * 60_000);
}

/** A short, printable detail from an error body, if it has one. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['error', 'message', 'detail']) {
      if (typeof body[key] === 'string') return clip(body[key] as string);
    }
  } catch {
    // not JSON: say nothing more
  }
  return '';
}

function clip(text: string, max = 120): string {
  const printable = text.replace(/[^\x20-\x7e\u1780-\u17ff]/g, ' ').trim();
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

/** A value from the API as it may appear in a message: printable, short, quoted. */
function shown(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value), 40);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
