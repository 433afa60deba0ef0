/**
 * Node loads its fetch implementation (undici) the first time `fetch`, `Request` or `Response` is
 * used: about 60 ms on a counter PC, which would otherwise land on the first sale after start while
 * the customer waits for the QR (the API client and the training adapter both use them). Loaded in
 * the background just after start instead. Nothing is sent anywhere.
 */
export function warmUpFetch(): void {
  setImmediate(() => {
    void new Response('{}').json().catch(() => undefined);
  });
}
