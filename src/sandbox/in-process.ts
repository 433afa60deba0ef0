/**
 * Training mode's connection to the embedded sandbox: a fetch-shaped function that hands the
 * request to the simulator without a socket, so the API client parses its answers exactly as it
 * parses the hosted API's.
 */
import type { FetchLike } from '../host/api/bakong-client.ts';
import type { Sandbox } from './simulator.ts';

export const TRAINING_ORIGIN = 'http://training.sandbox';

export function inProcessFetch(sandbox: Sandbox): FetchLike {
  return async (url, init) => {
    init.signal.throwIfAborted();
    const target = new URL(url);
    const result = await sandbox.handle({ method: init.method, url: target.pathname + target.search, origin: TRAINING_ORIGIN });
    if (result.drop) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    return new Response(result.body, { status: result.status, headers: result.headers });
  };
}
