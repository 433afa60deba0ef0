/**
 * "Current state, then every change" over IPC, for both preloads: listen for pushes first, ask
 * for the current state, and deliver each state only if it is newer than the last one delivered.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Snapshot } from './wire.ts';

export function feed<T>(subscribeChannel: string, pushChannel: string, listener: (state: T) => void): () => void {
  let shown = -1;
  let active = true;
  const deliver = (version: number, state: T): void => {
    if (!active || typeof version !== 'number' || version <= shown) return;
    shown = version;
    listener(state);
  };
  const onPush = (_event: IpcRendererEvent, state: T, version: number): void => deliver(version, state);
  ipcRenderer.on(pushChannel, onPush);
  ipcRenderer.invoke(subscribeChannel).then(
    (snapshot: Snapshot<T>) => deliver(snapshot.version, snapshot.state),
    (error: unknown) => console.error(`[preload] ${subscribeChannel} failed:`, error),
  );
  // Removes only this subscriber's listener; others on the same channel keep theirs.
  return () => {
    active = false;
    ipcRenderer.removeListener(pushChannel, onPush);
  };
}
