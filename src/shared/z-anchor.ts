/**
 * A Z report's anchor as people read it and `npm run ledger -- verify --anchor` takes it
 * (src/host/ledger/journal/verify.ts parseAnchor): `CODE[-EPOCH]:SEQ:HASH16`, the till's code and
 * epoch taken from the Z number (`<code>[-<epoch>]-Z<n>`), so the paper names the till it anchors.
 * Without a Z number (an X report) it is the bare `SEQ:HASH16`. Runs everywhere: no Node or DOM APIs.
 */
export function anchorText(anchor: { seq: number; hash16: string }, zNumber: string | null = null): string {
  const till = zNumber ? /^(.+)-Z\d+$/.exec(zNumber)?.[1] : undefined;
  return till ? `${till}:${anchor.seq}:${anchor.hash16}` : `${anchor.seq}:${anchor.hash16}`;
}
