/**
 * Reads a few root fields of a KHQR (EMV TLV) payload for display only, e.g. the receiver name in
 * tag 59 so the card shows the same name the customer's banking app will. Lengths count code points.
 * Never used to build or re-serialise a QR: the screen renders exactly the string it was given.
 */
export function readRootTags(payload: string): Map<string, string> {
  const chars = Array.from(payload);
  const tags = new Map<string, string>();
  let i = 0;
  while (i + 4 <= chars.length) {
    const tag = chars.slice(i, i + 2).join('');
    const lengthText = chars.slice(i + 2, i + 4).join('');
    if (!/^[0-9]{2}$/.test(tag) || !/^[0-9]{2}$/.test(lengthText)) break;
    const length = Number(lengthText);
    if (i + 4 + length > chars.length) break;
    if (!tags.has(tag)) tags.set(tag, chars.slice(i + 4, i + 4 + length).join(''));
    i += 4 + length;
  }
  return tags;
}

/** The receiver (merchant) name in tag 59, or null when the payload has none or cannot be read. */
export function receiverName(payload: string | null): string | null {
  if (!payload) return null;
  const name = readRootTags(payload).get('59')?.trim();
  return name ? name : null;
}
