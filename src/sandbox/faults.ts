/**
 * Fault modes, so tests and demos reproduce what a real API over a shop's internet line does:
 * slow answers, server errors, rate limits, outages, broken JSON, and hostile answers (a QR that
 * pays someone else, asks another amount, has a bad CRC or an md5 that does not match; a check that
 * reports another account, another amount or a status nobody documented).
 *
 * Set from the environment (`SANDBOX_FAULTS`, see parseFaults) or at run time with
 * `POST /sandbox/faults?<same keys>`. Faults touch only the two API endpoints, never the controls.
 */

export const HOSTILE_CREATE = [
  'other_account', 'relay_account', 'other_amount', 'bad_crc', 'md5_mismatch', 'static_qr', 'no_expiry',
  'extra_payee', 'alt_name', 'short_life',
] as const;
/** The account `relay_account` QRs pay: an owner may allow it in Settings (a relay's settlement account). */
export const RELAY_ACCOUNT = 'relay@wing';
/** The account `other_account` QRs pay. */
export const ATTACKER_ACCOUNT = 'attacker@wing';
export const HOSTILE_CHECK = ['check_other_account', 'check_other_amount', 'check_unknown_status', 'check_paid_without_amount'] as const;
export type HostileCreate = (typeof HOSTILE_CREATE)[number];
export type HostileCheck = (typeof HOSTILE_CHECK)[number];

export interface SandboxFaults {
  /** Added before every API answer. */
  latencyMs: number;
  /** Fraction (0–1) of API requests answered HTTP 500. */
  errorRate: number;
  /** Fraction (0–1) of API requests answered 429 with Retry-After: retryAfterSeconds. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Fraction (0–1) of API requests answered 200 with a body that is not JSON. */
  malformedRate: number;
  /** While now is in [start, end) (epoch ms) the API drops every connection unanswered. */
  outage: { start: number; end: number } | null;
  hostile: Array<HostileCreate | HostileCheck>;
}

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0, errorRate: 0, rateLimitRate: 0, retryAfterSeconds: 1, malformedRate: 0, outage: null, hostile: [],
};

/**
 * Parses `key=value` pairs separated by `,` or `&` (the env form) or URLSearchParams (the HTTP form):
 *   latency_ms=300, error_rate=0.2, rate_limit=0.5, retry_after=2, malformed=0.1,
 *   outage=<seconds from now>:<duration seconds>, hostile=other_account+bad_crc (also `|`-separated)
 * An empty value switches that fault off. Unknown keys or bad values throw, naming the key.
 */
export function parseFaults(input: string | URLSearchParams, base: SandboxFaults = NO_FAULTS, now = Date.now()): SandboxFaults {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/,/g, '&')) : input;
  const faults: SandboxFaults = { ...base, hostile: [...base.hostile] };
  for (const [rawKey, rawValue] of params) {
    const key = rawKey.trim();
    const value = rawValue.trim();
    switch (key) {
      case 'latency_ms':
        faults.latencyMs = wholeNumber(key, value, 60_000);
        break;
      case 'error_rate':
        faults.errorRate = fraction(key, value);
        break;
      case 'rate_limit':
        faults.rateLimitRate = fraction(key, value);
        break;
      case 'retry_after':
        faults.retryAfterSeconds = wholeNumber(key, value, 3600);
        break;
      case 'malformed':
        faults.malformedRate = fraction(key, value);
        break;
      case 'outage': {
        if (value === '') {
          faults.outage = null;
          break;
        }
        const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
        if (!match) throw new Error('outage must be <seconds from now>:<duration seconds>, e.g. 0:30');
        const start = now + Number(match[1]) * 1000;
        faults.outage = { start, end: start + Number(match[2]) * 1000 };
        break;
      }
      case 'hostile': {
        const names = value === '' ? [] : value.split(/[+| ]/).filter(Boolean);
        for (const name of names) {
          if (!(HOSTILE_CREATE as readonly string[]).includes(name) && !(HOSTILE_CHECK as readonly string[]).includes(name)) {
            throw new Error(`hostile: unknown mode "${name}" (known: ${[...HOSTILE_CREATE, ...HOSTILE_CHECK].join(', ')})`);
          }
        }
        faults.hostile = names as SandboxFaults['hostile'];
        break;
      }
      default:
        throw new Error(`unknown fault "${key}"`);
    }
  }
  return faults;
}

function fraction(key: string, value: string): number {
  if (value === '') return 0;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || n < 0 || n > 1) throw new Error(`${key} must be a fraction from 0 to 1`);
  return n;
}

function wholeNumber(key: string, value: string, max: number): number {
  if (value === '') return 0;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new Error(`${key} must be a whole number up to ${max}`);
  return Number(value);
}

/** A small seeded PRNG (mulberry32) so fault sequences repeat exactly in tests and benchmarks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
