/**
 * Who may talk to the host over IPC. A message is trusted only when it comes from the top frame of
 * the window we opened for that page, currently showing our own app:// page. Anything else (an
 * iframe, another window, a page that somehow navigated away, a destroyed frame) is refused.
 *
 * Written against the few fields it reads rather than Electron's classes, so it runs (and is
 * tested) in plain Node; the real IpcMainInvokeEvent and BrowserWindow satisfy these shapes.
 */
import { isPageUrl, type PageName } from './app-url.ts';

interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
  isDestroyed(): boolean;
}

export interface SenderEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly id: number; readonly mainFrame: FrameLike };
}

export function isTrustedSender(event: SenderEventLike, window: WindowLike | null | undefined, page: PageName): boolean {
  if (!window || window.isDestroyed()) return false;
  // Same web contents as our window: not some other window that happens to show the same page.
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  // null once the sending frame has navigated or been destroyed: we can no longer tell who it was.
  if (!frame || frame.isDestroyed()) return false;
  // The top frame only: never an iframe, even a same-origin one.
  const top = window.webContents.mainFrame;
  if (frame.parent !== null || frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  return isPageUrl(frame.url, page);
}
