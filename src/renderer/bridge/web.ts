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
  CashierAccessProblem,
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

function onConnection(listener: (connected: boolean) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/**
 * Subscribes to an SSE stream. EventSource reconnects by itself after a network error (the host
 * stopped); an HTTP error (the cashier key refused) closes it for good, and `onRefused` is told.
 */
function subscribe<T>(url: string, event: string, listener: (value: T) => void, onRefused?: () => void): () => void {
  const source = new EventSource(url);
  const onMessage = (message: MessageEvent<string>): void => {
    setConnected(true);
    listener(JSON.parse(message.data) as T);
  };
  source.addEventListener(event, onMessage as EventListener);
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED && onRefused) onRefused();
    else setConnected(false);
  });
  return () => source.close();
}

export function createWebCashierBridge(): CashierBridge {
  const key = cashierKey();
  // Without a key nothing can work: the stream is never opened, and the screen says how to open the till.
  let problem: CashierAccessProblem | null = key ? null : 'missing_key';
  const problemListeners = new Set<(problem: CashierAccessProblem) => void>();
  const reportProblem = (value: CashierAccessProblem): void => {
    problem = value;
    for (const listener of problemListeners) listener(value);
  };
  return {
    async invoke(name: CommandName, args: unknown) {
      // A network failure throws: the store tells the cashier the host is not answering, in their language.
      const response = await fetch('/api/command', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-key': key },
        body: JSON.stringify({ name, args }),
      });
      return await response.json();
    },
    onState(listener: (state: CashierState) => void) {
      if (!key) return () => {};
      return subscribe(`/api/events/cashier?key=${encodeURIComponent(key)}`, 'state', listener, () => reportProblem('key_refused'));
    },
    onConnection,
    async saveExport(exportId: string, fileName: string) {
      // The key goes in a header for a single-use token; only that token is ever in a URL.
      const response = await fetch(`/api/exports/${encodeURIComponent(exportId)}/token`, { method: 'POST', headers: { 'x-pos-key': key } });
      if (!response.ok) return 'failed';
      const { url } = (await response.json()) as { url: string };
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      return 'saved';
    },
    onAccessProblem(listener: (problem: CashierAccessProblem) => void) {
      problemListeners.add(listener);
      if (problem) listener(problem);
      return () => problemListeners.delete(listener);
    },
  } as CashierBridge;
}

export function createWebDisplayBridge(): DisplayBridge {
  return {
    onDisplay(listener: (state: DisplayState) => void) {
      return subscribe('/api/events/display', 'state', listener);
    },
    onConnection,
  };
}
