/** A submitted form (application/x-www-form-urlencoded), at most FORM_LIMIT bytes, strictly UTF-8. */
import type { IncomingMessage } from 'node:http';

const FORM_LIMIT = 16 * 1024;

export class BadForm extends Error {
  override name = 'BadForm';
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\s*(;.*)?$/i.test(req.headers['content-type'] ?? '')) throw new BadForm('not a form');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) throw new BadForm('too large');
    chunks.push(chunk);
  }
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new BadForm('not UTF-8');
  }
}

/** A text field, trimmed; null when missing. */
export function field(form: URLSearchParams, name: string): string | null {
  const value = form.get(name);
  return value === null ? null : value.trim();
}
