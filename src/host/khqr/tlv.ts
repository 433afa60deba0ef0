// EMV TLV: `TT LL VALUE` with a 2-digit tag and a 2-digit length. KHQR lengths count characters
// (Unicode code points), not bytes or UTF-16 units, so we walk an array of code points and report
// offsets in code points too. Order is never assumed and unknown tags are kept, because bank QRs
// put 60 before 59 and add tags the SDK does not know.

import { KhqrError } from './errors.ts';

export interface TlvElement {
  tag: string;
  // Declared length, in code points.
  length: number;
  value: string;
  // Code point offset of the tag's first digit in the whole KHQR string.
  offset: number;
  // Set by the KHQR parser for templates (29, 30, 62, 64, and 99 when timestamp-shaped).
  children?: TlvElement[];
}

export interface TlvField {
  tag: string;
  value: string;
}

export interface ParseTlvOptions {
  // Offset of `text` inside the whole KHQR string, so nested errors point at the right place.
  baseOffset?: number;
  // Parent tag for nested templates: errors then name '62.01' rather than '01'.
  parentTag?: string;
}

const TWO_DIGITS = /^[0-9]{2}$/;

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function where(parentTag: string | undefined, offset: number): string {
  return parentTag === undefined
    ? `at character ${offset}`
    : `inside tag ${parentTag}, at character ${offset}`;
}

export function parseTlv(text: string, options: ParseTlvOptions = {}): TlvElement[] {
  const base = options.baseOffset ?? 0;
  const parent = options.parentTag;
  const path = (tag: string): string => (parent === undefined ? tag : `${parent}.${tag}`);
  const chars = Array.from(text);
  const out: TlvElement[] = [];
  const seen = new Set<string>();

  if (chars.length === 0 && parent === undefined) {
    throw new KhqrError('TLV_EMPTY', 'The KHQR text is empty.', { offset: 0 });
  }

  let i = 0;
  while (i < chars.length) {
    const at = base + i;
    const left = chars.length - i;
    if (left < 4) {
      throw new KhqrError(
        'TLV_TRUNCATED',
        `Truncated field ${where(parent, at)}: ${left} character(s) left, but a field needs at least 4 (2-digit tag and 2-digit length).`,
        { field: parent ?? null, offset: at },
      );
    }
    const tag = chars.slice(i, i + 2).join('');
    if (!TWO_DIGITS.test(tag)) {
      throw new KhqrError('TLV_BAD_TAG', `Expected a 2-digit tag ${where(parent, at)}, found "${tag}".`, {
        field: parent ?? null,
        offset: at,
      });
    }
    const lengthText = chars.slice(i + 2, i + 4).join('');
    if (!TWO_DIGITS.test(lengthText)) {
      throw new KhqrError(
        'TLV_BAD_LENGTH',
        `Tag ${path(tag)} ${where(parent, at)} has length "${lengthText}"; a length must be 2 digits.`,
        { field: path(tag), offset: at + 2 },
      );
    }
    const length = Number(lengthText);
    const available = chars.length - (i + 4);
    if (length > available) {
      throw new KhqrError(
        'TLV_TRUNCATED',
        `Tag ${path(tag)} ${where(parent, at)} declares ${length} character(s) but only ${available} remain.`,
        { field: path(tag), offset: at },
      );
    }
    if (seen.has(tag)) {
      throw new KhqrError('TLV_DUPLICATE_TAG', `Tag ${path(tag)} appears twice (second time ${where(parent, at)}).`, {
        field: path(tag),
        offset: at,
      });
    }
    seen.add(tag);
    out.push({ tag, length, value: chars.slice(i + 4, i + 4 + length).join(''), offset: at });
    i += 4 + length;
  }
  return out;
}

export function serialiseTlv(fields: readonly TlvField[]): string {
  let out = '';
  for (const { tag, value } of fields) {
    if (!TWO_DIGITS.test(tag)) {
      throw new KhqrError('TLV_BAD_TAG', `Cannot write tag "${tag}": a tag must be 2 digits.`, { field: tag });
    }
    const length = codePointLength(value);
    if (length > 99) {
      throw new KhqrError(
        'TLV_VALUE_TOO_LONG',
        `Cannot write tag ${tag}: its value is ${length} characters and a TLV field holds at most 99.`,
        { field: tag },
      );
    }
    out += tag + String(length).padStart(2, '0') + value;
  }
  return out;
}
