/**
 * The web-mode transport: the same CashierBridge/DisplayBridge the Electron preloads expose, carried
 * over HTTP to the host on 127.0.0.1. Commands are POSTed as JSON; state arrives over Server-Sent
 * Events. These requests go only to the page's own origin (the host), never to the Bakong API.
 *
 * The cashier page is opened with a per-run key in the URL fragment (`#key=...`, never sent in a
 * request line by the browser); commands must carry it, so nothing else on the machine can drive
 * the till. The customer display needs no key: it can only read.
 */
import type {
  CashierBridge,
  CashierState,
  CommandName,
  DisplayBridge,
  DisplayState,
} from '../../shared/contract.ts';

const KEY_STORAGE = 'pos.cashierKey';

/** Reads the key from `#key=` once, keeps it for reloads in this tab, and hides it from the address bar. */
function cashierKey(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    sessionStorage.setItem(KEY_STORAGE, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

/** Who wants to know whether the host link is up; told by every stream's open and error events. */
const connectionListeners = new Set<(connected: boolean) => void>();
let connected = true;
function setConnected(value: boolean): void {
  if (value === connected) return;
  connected = value;
  for (const listener of connectionListeners) listener(value);
}

/** Subscribes to an SSE stream, reconnecting (EventSource does so itself) after host restarts. */
function subscribe<T>(url: string, event: string, listener: (value: T) => void): () => void {
  const source = new EventSource(url);
  const onMessage = (message: MessageEvent<string>): void => {
    setConnected(true);
    listener(JSON.parse(message.data) as T);
  };
  source.addEventListener(event, onMessage as EventListener);
  source.addEventListener('error', () => setConnected(false));
  return () => source.close();
}

export function createWebCashierBridge(): CashierBridge {
  const key = cashierKey();
  return {
    async invoke(name: CommandName, args: unknown) {
      try {
        const response = await fetch('/api/command', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pos-key': key },
          body: JSON.stringify({ name, args }),
        });
        return await response.json();
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: 'The POS host is not answering. Is it still running?' },
        };
      }
    },
    onState(listener: (state: CashierState) => void) {
      return subscribe(`/api/events/cashier?key=${encodeURIComponent(key)}`, 'state', listener);
    },
    onConnection(listener: (connected: boolean) => void) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  } as CashierBridge;
}

export function createWebDisplayBridge(): DisplayBridge {
  return {
    onDisplay(listener: (state: DisplayState) => void) {
      return subscribe('/api/events/display', 'state', listener);
    },
  };
}
