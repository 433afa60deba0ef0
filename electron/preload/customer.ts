/**
 * Customer display preload (sandboxed, context-isolated): gives the page `window.posDisplay`, a
 * read-only DisplayBridge. It cannot send commands: there is no invoke here, and the main process
 * refuses commands from this window anyway (electron/ipc.ts).
 */
import { contextBridge } from 'electron';
import type { DisplayBridge, DisplayState } from '../../src/shared/contract.ts';
import { feed } from './state-feed.ts';
import { WIRE } from './wire.ts';

const posDisplay = {
  onDisplay: (listener) => feed<DisplayState>(WIRE.displaySubscribe, WIRE.displayState, listener),
} satisfies DisplayBridge;

contextBridge.exposeInMainWorld('posDisplay', posDisplay);
