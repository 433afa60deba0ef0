/**
 * Client for the hosted Bakong KHQR API (docs/hosted-api.md). The provider is a third party
 * reached over a shop's internet line, so every answer is treated as untrusted: bodies are size
 * capped, must be JSON of the documented shape, and anything else is a BakongApiError saying in
 * plain words what went wrong. Whether a QR may be shown is decided later, by payments/verify-qr.ts.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessageCode } from '../../shared/messages/index.ts';
import type { MessageParams } from '../../shared/messages/types.ts';
import { centsToDecimal, usdNumberToCents } from '../../shared/money.ts';
import { isAccountId } from '../../shared/rules/account-id.ts';
import { clip } from '../log-text.ts';

export type ApiFailureKind = 'network' | 'timeout' | 'http' | 'rate_limited' | 'redirect' | 'bad_response';

/**
 * The payment service could not be used. Its text is a catalog message (api.*) whose parameters are
 * only values the POS produced or validated (an HTTP status, a validated origin): the API's own words
 * go to the log, never to a screen or the ledger.
 */
export class BakongApiError extends PosError {
  override name = 'BakongApiError';
  readonly kind: ApiFailureKind;
  readonly httpStatus: number | null;
  /** From Retry-After on 429/503: how long the API asked us to wait. */
  readonly retryAfterMs: number | null;

  constructor(
    kind: ApiFailureKind,
    code: HostMessageCode,
    params: MessageParams | undefined = undefined,
    httpStatus: number | null = null,
    retryAfterMs: number | null = null,
  ) {
    super('api_error', hostMessage(code, params));
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

/**
 * The subset of fetch the client uses. `redirect` is always 'manual': a redirect is answered as an
 * error, never followed (an https URL redirected to plain http on another host must not be believed).
 * Training mode injects an in-process fetch; it never redirects.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal; redirect: 'manual' },
) => Promise<Response>;

export interface HttpApiOptions {
  baseUrl: string;
  fetch?: FetchLike;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  apiKey?: string | null;
}

/** A hostile server could stream forever; real answers are well under 4 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

export const DEFAULT_API_TIMEOUT_MS = 10_000;

export function createHttpBakongApi(options: HttpApiOptions): BakongApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;

  async function getJson(path: string, params: Record<string, string>): Promise<{ body: Record<string, unknown>; status: number }> {
    const url = `${baseUrl}${path}?${new URLSearchParams(params).toString()}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method: 'GET', headers, signal, redirect: 'manual' });
      // Checked before the body is read: a redirect's body is never looked at.
      if (isRedirect(response)) throw redirectError(response, path, url);
      text = await readCapped(response);
    } catch (error) {
      if (error instanceof BakongApiError) throw error;
      if (signal.aborted) throw new BakongApiError('timeout', 'api.timeout', { seconds: timeoutMs / 1000 });
      // The cause (ECONNREFUSED, a TLS error…) is for the log; the cashier gets the plain message.
      console.warn(`[api] ${path}: cannot reach the payment service (${describe(error)})`);
      throw new BakongApiError('network', 'api.network');
    }
    const { status } = response;
    if (status === 429) {
      logBody(path, status, text);
      throw new BakongApiError('rate_limited', 'api.rateLimited', { status }, 429, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (status < 200 || status > 299) {
      logBody(path, status, text);
      throw new BakongApiError('http', 'api.http', { status }, status, parseRetryAfter(response.headers.get('retry-after')));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      logBody(path, status, text);
      throw new BakongApiError('bad_response', 'api.notJson', { status }, status);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      logBody(path, status, text);
      throw new BakongApiError('bad_response', 'api.badShape', { status }, status);
    }
    return { body: body as Record<string, unknown>, status };
  }

  return {
    baseUrl,
    async create(request) {
      const { body, status } = await getJson('/api/khqr/create', {
        bakong_id: request.bakongId,
        merchantname: request.merchantName,
        amount: centsToDecimal(request.amountCents),
      });
      const khqrString = body.khqrString;
      const md5 = body.md5;
      if (typeof khqrString !== 'string' || khqrString.length === 0 || khqrString.length > 1024) {
        logBody('/api/khqr/create', status, JSON.stringify(body));
        throw new BakongApiError('bad_response', 'api.noKhqr', { status }, status);
      }
      if (typeof md5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(md5)) {
        logBody('/api/khqr/create', status, JSON.stringify(body));
        throw new BakongApiError('bad_response', 'api.badMd5', { status }, status);
      }
      return { khqrString, md5: md5.toLowerCase(), bakongQr: typeof body.bakong_qr === 'string' ? body.bakong_qr : null };
    },
    async check(request) {
      const path = '/api/khqr/check';
      const { body, status } = await getJson(path, { md5: request.md5, bakong_id: request.bakongId });
      if (body.success !== true) {
        logBody(path, status, JSON.stringify(body));
        throw new BakongApiError('bad_response', 'api.checkFailed', { status }, status);
      }
      const answer = body.status;
      if (answer !== 'PENDING' && answer !== 'PAID' && answer !== 'EXPIRED') {
        logBody(path, status, JSON.stringify(body));
        throw new BakongApiError('bad_response', 'api.unknownStatus', { status }, status);
      }
      let amountCents: number | null = null;
      if (body.amount !== undefined && body.amount !== null) {
        try {
          amountCents = usdNumberToCents(typeof body.amount === 'string' ? Number(body.amount) : body.amount);
        } catch {
          logBody(path, status, JSON.stringify(body));
          throw new BakongApiError('bad_response', 'api.badAmount', { status }, status);
        }
      }
      let bakongId: string | null = null;
      if (body.bakong_id !== undefined && body.bakong_id !== null) {
        // Only a well-formed account ID is ever compared or shown: no free text from the API on screen.
        if (!isAccountId(body.bakong_id)) {
          logBody(path, status, JSON.stringify(body));
          throw new BakongApiError('bad_response', 'api.badAccount', { status }, status);
        }
        bakongId = body.bakong_id;
      }
      return { status: answer, bakongId, amountCents };
    },
  };
}

function isRedirect(response: Response): boolean {
  // `redirected` catches an injected fetch that followed one anyway (its answer came from elsewhere).
  return (response.status >= 300 && response.status <= 399) || response.redirected || response.type === 'opaqueredirect';
}

/**
 * A redirect is said as far as the POS can vouch for it: the scheme of a Location that parses as an
 * http(s) URL and whether it stays on the API URL's host. The target's host name is the API's choice
 * of words (it could read "payment-received.hand-over-goods.com"), so it goes to the log only.
 */
function redirectError(response: Response, path: string, requestUrl: string): BakongApiError {
  const status = response.status;
  const location = response.headers.get('location');
  // A fetch that followed the redirect itself answers from its end: that URL is where it went.
  const target = location
    ? redirectTarget(location, response.url || requestUrl)
    : response.redirected ? redirectTarget(response.url, '') : null;
  const where = target ? target.origin : clip(location ?? '(no Location)');
  console.warn(response.redirected
    ? `[api] ${path}: the fetch given to the client followed a redirect to ${where}; its answer is not used`
    : `[api] ${path}: HTTP ${status} redirect to ${where}; not followed`);
  void response.body?.cancel().catch(() => undefined);
  if (!target) return new BakongApiError('redirect', 'api.redirectUnknown', { status }, status);
  const sameHost = target.hostname === hostnameOf(requestUrl);
  return new BakongApiError('redirect', sameHost ? 'api.redirectSameHost' : 'api.redirect', { status, scheme: target.scheme }, status);
}

/**
 * The validated target of a Location header (relative ones against the request URL), or null: its
 * origin (for the log), host name and scheme.
 */
export function redirectTarget(location: string | null, base: string): { origin: string; hostname: string; scheme: 'http' | 'https' } | null {
  if (!location) return null;
  let url: URL;
  try {
    url = base ? new URL(location, base) : new URL(location);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // URL has already normalised the host (punycode, lower case); keep only printable ASCII hosts.
  if (!/^[a-z0-9.\-[\]:]+$/.test(url.host) || url.host.length > 100) return null;
  return { origin: url.origin, hostname: url.hostname, scheme: url.protocol === 'https:' ? 'https' : 'http' };
}

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
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
      throw new BakongApiError('bad_response', 'api.oversized', { status: response.status }, response.status);
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

/** The API's own words, for whoever reads the log: clipped and printable, never shown to anyone else. */
function logBody(path: string, status: number, text: string): void {
  console.warn(`[api] ${path}: HTTP ${status}, unusable answer: ${clip(text)}`);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return clip(cause ?? (error instanceof Error ? error.message : String(error)), 80);
}
