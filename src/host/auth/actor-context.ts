/**
 * Who a journal row is written for. A command runs inside `asActor(user:<uuid>, …)` (commands.ts):
 * every row its work appends — at once or after an await, e.g. the QR attached when the API answers —
 * records that user, without each ledger writer being handed the user. Outside any command (the
 * watcher, the print queue, start-up) there is no one: the row is the POS's own (`system`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, UserActor } from '../ledger/journal/events.ts';

const current = new AsyncLocalStorage<UserActor>();

export function asActor<T>(actor: UserActor | null, run: () => T): T {
  return actor === null ? current.exit(run) : current.run(actor, run);
}

/** The row's actor: a writer's `cashier` ("the person at the till") becomes the command's user, or `system`. */
export function resolveActor(actor: Actor): Actor {
  if (actor !== 'cashier') return actor;
  return current.getStore() ?? 'system';
}
