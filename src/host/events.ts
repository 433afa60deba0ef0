/**
 * The host's events: what happened, announced after it was committed, so the parts that react to it
 * (the print queue, the log) do not have to be called from inside the code that did it. A small
 * typed emitter: each event name has one payload type, and a listener that throws is logged without
 * stopping the others or the code that emitted (the event is already history in the ledger).
 */
import type { RecordedPayment } from './ledger/sales.ts';

export interface HostEventMap {
  /** A tender was recorded paid (emitted after the transaction committed; its sale's receipt job exists once completed). */
  'sale.paid': RecordedPayment;
}

export type HostEventName = keyof HostEventMap;
export type HostEventListener<E extends HostEventName> = (payload: HostEventMap[E]) => void;

export class HostEvents {
  // One set per event name; on() and emit() keep each set to its event's listener type.
  readonly #listeners = new Map<HostEventName, Set<(payload: never) => void>>();

  /** Listens to one event; returns the way to stop listening. */
  on<E extends HostEventName>(name: E, listener: HostEventListener<E>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<E extends HostEventName>(name: E, payload: HostEventMap[E]): void {
    const listeners = [...(this.#listeners.get(name) ?? [])] as Array<HostEventListener<E>>;
    for (const listener of listeners) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`[host] a "${name}" listener failed:`, error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
