/**
 * The sandbox: a faithful simulator of the hosted Bakong KHQR API (docs/hosted-api.md), used
 * in-process by training mode and as an HTTP server by `npm run sandbox`. It answers the two
 * documented endpoints with real KHQR strings (built by our own codec, valid CRC, dynamic, USD,
 * tag 99 timestamps) and adds control endpoints so a test or a trainee can play the customer.
 *
 * Requests are plain data in, plain data out (SandboxRequest → SandboxResponse), so the same code
 * serves HTTP and in-process calls.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { buildKhqr, crc16, khqrMd5, parseTlv, serialiseTlv } from '../host/khqr/index.ts';
import { isAccountId } from '../shared/rules/account-id.ts';
import { MERCHANT_NAME_MAX_LENGTH, charCount } from '../shared/rules/text.ts';
import { AmountError, MAX_CHARGE_CENTS, centsToDecimal, parseUsdToCents } from '../shared/money.ts';
import { ATTACKER_ACCOUNT, NO_FAULTS, RELAY_ACCOUNT, parseFaults, seededRandom, type SandboxFaults } from './faults.ts';

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
  faults?: SandboxFaults;
  /** Seed for the fault dice, so a run can be repeated exactly. */
  seed?: number;
  /**
   * Where to keep the payments between runs (training mode keeps them in the data directory, so
   * a trainee who restarts the POS mid-payment can still finish it). In memory when absent.
   */
  statePath?: string;
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
  /** Outage: close the connection without answering. */
  drop?: boolean;
}

export const DEFAULT_TTL_MS = 15 * 60_000;

export class Sandbox {
  readonly ttlMs: number;
  readonly #now: () => number;
  readonly #payments = new Map<string, SandboxPayment>();
  readonly #random: () => number;
  #lastCreatedAt = 0;
  faults: SandboxFaults;
  /** API requests answered so far (all of them, faulty or not), for tests and the benchmark. */
  apiRequests = { create: 0, check: 0 };

  constructor(options: SandboxOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#now = options.now ?? Date.now;
    this.faults = options.faults ?? NO_FAULTS;
    this.#random = seededRandom(options.seed ?? 1);
    this.#statePath = options.statePath ?? null;
    for (const payment of loadPayments(this.#statePath)) this.#payments.set(payment.md5, payment);
  }

  readonly #statePath: string | null;

  /** Writes the payments of the last day to statePath (atomically: a crash leaves the old file). */
  #save(): void {
    if (!this.#statePath) return;
    const since = this.#now() - 24 * 60 * 60_000;
    const recent = [...this.#payments.values()].filter((payment) => payment.createdAt > since);
    const temp = `${this.#statePath}.tmp`;
    writeFileSync(temp, JSON.stringify(recent));
    renameSync(temp, this.#statePath);
  }

  /** What a customer's bank would do: pay the QR. `late` allows paying just after expiry, as real banks sometimes report. */
  pay(md5: string, options: { late?: boolean } = {}): SandboxPayment {
    const payment = this.#payments.get(md5);
    if (!payment) throw new SandboxError(404, `no payment with md5 ${md5}`);
    if (payment.paidAt !== null) throw new SandboxError(409, 'this QR is already paid');
    if (this.#now() > payment.expiresAt && !options.late) throw new SandboxError(409, 'this QR has expired');
    payment.paidAt = this.#now();
    this.#save();
    return { ...payment };
  }

  /**
   * Ends a QR's life now, as if its lifetime had run out: check answers EXPIRED from here on and
   * the customer can no longer pay it (a late bank report still can). Lets a test expire a QR
   * without waiting on the clock.
   */
  expire(md5: string): SandboxPayment {
    const payment = this.#payments.get(md5);
    if (!payment) throw new SandboxError(404, `no payment with md5 ${md5}`);
    if (payment.paidAt !== null) throw new SandboxError(409, 'this QR is already paid');
    payment.expiresAt = Math.min(payment.expiresAt, this.#now() - 1);
    this.#save();
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

  async handle(request: SandboxRequest): Promise<SandboxResponse> {
    let url: URL;
    try {
      url = new URL(request.url, 'http://sandbox.invalid');
    } catch {
      return json(400, { success: false, error: 'the request URL cannot be read' });
    }
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/khqr/create') this.apiRequests.create += 1;
      if (url.pathname === '/api/khqr/check') this.apiRequests.check += 1;
      const fault = await this.#fault();
      if (fault) return fault;
    }
    return this.#answer(request, url);
  }

  /** Applies the configured faults to one API request: a delay, then maybe a broken answer. */
  async #fault(): Promise<SandboxResponse | null> {
    const f = this.faults;
    if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
    const now = this.#now();
    if (f.outage && now >= f.outage.start && now < f.outage.end) return { status: 0, headers: {}, body: '', drop: true };
    if (f.rateLimitRate > 0 && this.#random() < f.rateLimitRate) {
      return json(429, { success: false, error: 'rate limit exceeded' }, { 'retry-after': String(f.retryAfterSeconds) });
    }
    if (f.errorRate > 0 && this.#random() < f.errorRate) return json(500, { success: false, error: 'internal server error' });
    if (f.malformedRate > 0 && this.#random() < f.malformedRate) {
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success": true, "status": "PAI' };
    }
    return null;
  }

  #answer(request: SandboxRequest, url: URL): SandboxResponse {
    const params = url.searchParams;
    try {
      switch (url.pathname) {
        case '/api/khqr/create':
          requireMethod(request, 'GET');
          return json(200, this.#create(params, request.origin));
        case '/api/khqr/check':
          requireMethod(request, 'GET');
          return json(200, this.#check(params));
        case '/sandbox/faults': {
          requireMethod(request, 'POST');
          try {
            this.faults = parseFaults(params, this.faults, this.#now());
          } catch (error) {
            throw new SandboxError(400, (error as Error).message);
          }
          return json(200, { success: true, faults: this.faults });
        }
        case '/sandbox/pay': {
          requireMethod(request, 'POST');
          const paid = this.pay(requireMd5(params), { late: params.get('late') === '1' });
          return json(200, { success: true, status: 'PAID', md5: paid.md5, paid_at: paid.paidAt });
        }
        case '/sandbox/expire': {
          requireMethod(request, 'POST');
          const expired = this.expire(requireMd5(params));
          return json(200, { success: true, status: 'EXPIRED', md5: expired.md5, expires_at: expired.expiresAt });
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
    if (!isAccountId(bakongId)) {
      throw new SandboxError(400, 'bakong_id must look like name@bank (at most 32 characters)');
    }
    const merchantName = requireParam(params, 'merchantname');
    if (charCount(merchantName) > MERCHANT_NAME_MAX_LENGTH) {
      throw new SandboxError(400, `merchantname must be at most ${MERCHANT_NAME_MAX_LENGTH} characters`);
    }
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
    this.#save();
    return this.#hostileCreate({ bakong_qr: `${origin}/bakong-qr?md5=${md5}`, md5, khqrString },
      { bakongId, merchantName, amountCents, createdAt });
  }

  /** What a compromised or buggy API might send instead of the real QR. */
  #hostileCreate(
    honest: { bakong_qr: string; md5: string; khqrString: string },
    sale: { bakongId: string; merchantName: string; amountCents: number; createdAt: number },
  ): Record<string, unknown> {
    const hostile = this.faults.hostile;
    const base = {
      accountType: 'individual' as const, bakongAccountId: sale.bakongId, merchantName: sale.merchantName, merchantCity: 'Phnom Penh',
      currency: 'USD' as const, amountMinor: sale.amountCents, createdAtMs: sale.createdAt, expiresAtMs: sale.createdAt + this.ttlMs,
    };
    let khqrString = honest.khqrString;
    // The account the QR really pays: its payment is known (and checked) under that account, as at the real API.
    let payTo = sale.bakongId;
    if (hostile.includes('other_account')) khqrString = buildKhqr({ ...base, bakongAccountId: (payTo = ATTACKER_ACCOUNT) });
    else if (hostile.includes('relay_account')) khqrString = buildKhqr({ ...base, bakongAccountId: (payTo = RELAY_ACCOUNT) });
    else if (hostile.includes('other_amount')) khqrString = buildKhqr({ ...base, amountMinor: sale.amountCents + 100 });
    else if (hostile.includes('static_qr')) khqrString = buildKhqr({ ...base, amountMinor: undefined, createdAtMs: undefined, expiresAtMs: undefined });
    else if (hostile.includes('extra_payee')) {
      // The shop's own 29 plus a 26 naming someone else: an app may pay (or show) either.
      khqrString = withField(honest.khqrString, { tag: '26', value: serialiseTlv([{ tag: '00', value: ATTACKER_ACCOUNT }]) });
    } else if (hostile.includes('alt_name')) {
      khqrString = buildKhqr({ ...base, alternateLanguage: { languagePreference: 'km', merchantName: 'Attacker Shop' } });
    } else if (hostile.includes('short_life')) {
      khqrString = buildKhqr({ ...base, expiresAtMs: sale.createdAt + 30_000 });
    } else if (hostile.includes('no_expiry')) {
      const fields = parseTlv(buildKhqr(base)).filter((field) => field.tag !== '99' && field.tag !== '63');
      const body = `${serialiseTlv(fields)}6304`;
      khqrString = body + crc16(body);
    } else if (hostile.includes('bad_crc')) {
      const crc = honest.khqrString.slice(-4);
      khqrString = honest.khqrString.slice(0, -4) + (crc === '0000' ? '0001' : '0000');
    }
    if (khqrString !== honest.khqrString) {
      this.#payments.set(khqrMd5(khqrString), { ...this.#payments.get(honest.md5)!, md5: khqrMd5(khqrString), khqrString, bakongId: payTo });
    }
    const md5 = hostile.includes('md5_mismatch') ? khqrMd5(`${khqrString}x`) : khqrMd5(khqrString);
    return { ...honest, md5, khqrString };
  }

  #check(params: URLSearchParams): Record<string, unknown> {
    const md5 = requireMd5(params);
    const bakongId = requireParam(params, 'bakong_id');
    const payment = this.#payments.get(md5);
    if (!payment || payment.bakongId !== bakongId) throw new SandboxError(404, 'no payment with that md5 for this bakong_id');
    const hostile = this.faults.hostile;
    const status = this.statusOf(payment);
    return {
      success: true,
      status: hostile.includes('check_unknown_status') ? 'SETTLED' : status,
      bakong_id: hostile.includes('check_other_account') ? ATTACKER_ACCOUNT : payment.bakongId,
      ...(hostile.includes('check_paid_without_amount') && status === 'PAID' ? {} : {
        amount: Number(centsToDecimal(payment.amountCents + (hostile.includes('check_other_amount') ? 100 : 0))),
      }),
    };
  }
}

/** The KHQR with one more root field, in tag order, and its CRC made right again. */
export function withField(khqrString: string, field: { tag: string; value: string }): string {
  const fields = parseTlv(khqrString).filter((f) => f.tag !== '63').map(({ tag, value }) => ({ tag, value }));
  fields.push(field);
  fields.sort((a, b) => a.tag.localeCompare(b.tag));
  const body = `${serialiseTlv(fields)}6304`;
  return body + crc16(body);
}

function loadPayments(path: string | null): SandboxPayment[] {
  if (!path || !existsSync(path)) return [];
  try {
    const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(list) ? (list as SandboxPayment[]).filter((p) => typeof p?.md5 === 'string') : [];
  } catch {
    return []; // a damaged training file only loses training payments
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
