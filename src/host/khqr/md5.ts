// The md5 of a KHQR is the payment's identity for status checks. Hash the exact string shown
// (CRC included) as UTF-8 bytes; never a re-serialised copy.

import { createHash } from 'node:crypto';

export function khqrMd5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
