/**
 * The sandbox: a faithful simulator of the hosted Bakong KHQR API (shared/bakong-api.md), used
 * in-process by training mode and as an HTTP server by `npm run sandbox`. It answers the two
 * documented endpoints with real KHQR strings (built by our own codec, valid CRC, dynamic, USD,
 * tag 99 timestamps) and adds control endpoints so a test or a trainee can play the customer.
 *
 * Requests are plain data in, plain data out (SandboxRequest → SandboxResponse), so the same code
 * serves HTTP and in-process calls.
 */
import { buildKhqr, khqrMd5 } from '../host/khqr/index.ts';
import { AmountError, MAX_CHARGE_CENTS, centsToDecimal, parseUsdToCents } from '../shared/money.ts';

export interface SandboxPayment {
  md5: string;
  khqrString: string;
  bakongId: string;
  merchantName: string;
  amountCents: number;
  createdAt: number;
  expiresAt: number;
  paidAt: number | null;
}

export interface SandboxOptions {
  /** How long a QR stays payable. The hosted API uses 15 minutes. */
  ttlMs?: number;
  now?: () => number;
}

export interface SandboxRequest {
  method: string;
  /** Path and query, e.g. /api/khqr/check?md5=... */
  url: string;
  /** Origin the sandbox is reached at, for the bakong_qr link it returns. */
  origin: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TTL_MS = 15 * 60_000;

export class Sandbox {
  readonly ttlMs: number;
  readonly #now: () => number;
  readonly #payments = new Map<string, SandboxPayment>();
  #lastCreatedAt = 0;

  constructor(options: SandboxOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** What a customer's bank would do: pay the QR. `late` allows paying just after expiry, as real banks sometimes report. */
  pay(md5: string, options: { late?: boolean } = {}): SandboxPayment {
    const payment = this.#payments.get(md5);
    if (!payment) throw new SandboxError(404, `no payment with md5 ${md5}`);
    if (payment.paidAt !== null) throw new SandboxError(409, 'this QR is already paid');
    if (this.#now() > payment.expiresAt && !options.late) throw new SandboxError(409, 'this QR has expired');
    payment.paidAt = this.#now();
    return { ...payment };
  }

  payment(md5: string): SandboxPayment | null {
    const payment = this.#payments.get(md5);
    return payment ? { ...payment } : null;
  }

  statusOf(payment: SandboxPayment): 'PENDING' | 'PAID' | 'EXPIRED' {
    if (payment.paidAt !== null) return 'PAID';
    return this.#now() > payment.expiresAt ? 'EXPIRED' : 'PENDING';
  }

  handle(request: SandboxRequest): SandboxResponse {
    const url = new URL(request.url, 'http://sandbox.invalid');
    const params = url.searchParams;
    try {
      switch (url.pathname) {
        case '/api/khqr/create':
          requireMethod(request, 'GET');
          return json(200, this.#create(params, request.origin));
        case '/api/khqr/check':
          requireMethod(request, 'GET');
          return json(200, this.#check(params));
        case '/sandbox/pay': {
          requireMethod(request, 'POST');
          const paid = this.pay(requireMd5(params), { late: params.get('late') === '1' });
          return json(200, { success: true, status: 'PAID', md5: paid.md5, paid_at: paid.paidAt });
        }
        case '/sandbox/payment': {
          requireMethod(request, 'GET');
          const payment = this.payment(requireMd5(params));
          if (!payment) throw new SandboxError(404, 'no payment with that md5');
          return json(200, { ...payment, status: this.statusOf(payment) });
        }
        default:
          throw new SandboxError(404, `no such endpoint: ${url.pathname}`);
      }
    } catch (error) {
      if (error instanceof SandboxError) {
        return json(error.status, { success: false, error: error.message }, error.status === 405 ? { allow: error.allow ?? '' } : {});
      }
      return json(500, { success: false, error: 'internal sandbox error' });
    }
  }

  #create(params: URLSearchParams, origin: string): Record<string, unknown> {
    const bakongId = requireParam(params, 'bakong_id');
    if (!/^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+$/.test(bakongId) || bakongId.length > 32) {
      throw new SandboxError(400, 'bakong_id must look like name@bank (at most 32 characters)');
    }
    const merchantName = requireParam(params, 'merchantname');
    if ([...merchantName].length > 25) throw new SandboxError(400, 'merchantname must be at most 25 characters');
    let amountCents: number;
    try {
      amountCents = parseUsdToCents(requireParam(params, 'amount'));
    } catch (error) {
      if (error instanceof AmountError) throw new SandboxError(400, `amount: ${error.message}`);
      throw error;
    }
    if (amountCents <= 0 || amountCents > MAX_CHARGE_CENTS) {
      throw new SandboxError(400, `amount must be more than 0 and at most ${centsToDecimal(MAX_CHARGE_CENTS)}`);
    }
    // Two QRs must never share an md5, even when created in the same millisecond with equal data.
    const createdAt = Math.max(this.#now(), this.#lastCreatedAt + 1);
    this.#lastCreatedAt = createdAt;
    const khqrString = buildKhqr({
      accountType: 'individual',
      bakongAccountId: bakongId,
      merchantName,
      merchantCity: 'Phnom Penh',
      currency: 'USD',
      amountMinor: amountCents,
      createdAtMs: createdAt,
      expiresAtMs: createdAt + this.ttlMs,
    });
    const md5 = khqrMd5(khqrString);
    this.#payments.set(md5, {
      md5, khqrString, bakongId, merchantName, amountCents, createdAt, expiresAt: createdAt + this.ttlMs, paidAt: null,
    });
    return { bakong_qr: `${origin}/bakong-qr?md5=${md5}`, md5, khqrString };
  }

  #check(params: URLSearchParams): Record<string, unknown> {
    const md5 = requireMd5(params);
    const bakongId = requireParam(params, 'bakong_id');
    const payment = this.#payments.get(md5);
    if (!payment || payment.bakongId !== bakongId) throw new SandboxError(404, 'no payment with that md5 for this bakong_id');
    return {
      success: true,
      status: this.statusOf(payment),
      bakong_id: payment.bakongId,
      amount: Number(centsToDecimal(payment.amountCents)),
    };
  }
}

export class SandboxError extends Error {
  readonly status: number;
  readonly allow: string | undefined;
  constructor(status: number, message: string, allow?: string) {
    super(message);
    this.status = status;
    this.allow = allow;
  }
}

function requireMethod(request: SandboxRequest, method: string): void {
  if (request.method !== method) throw new SandboxError(405, `use ${method}`, method);
}

function requireParam(params: URLSearchParams, name: string): string {
  const values = params.getAll(name);
  if (values.length !== 1 || values[0]!.trim() === '') throw new SandboxError(400, `${name} is required (exactly once)`);
  return values[0]!;
}

function requireMd5(params: URLSearchParams): string {
  const md5 = requireParam(params, 'md5');
  if (!/^[0-9a-f]{32}$/.test(md5)) throw new SandboxError(400, 'md5 must be 32 lower-case hex digits');
  return md5;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}
