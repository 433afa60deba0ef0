/**
 * Every layout constant of the receipt, per paper width, in dots (203 dpi: 8 dots ≈ 1 mm).
 * Khmer glyphs sit small in the em and stack subscripts below, so text sizes are larger than a
 * Latin-only receipt would need; sizes were chosen by looking at the printed-size raster.
 */
import type { PaperWidth } from '../types.ts';
import { KHMER_FAMILY, LATIN_FAMILY } from './fonts.ts';

export interface FontSpec {
  size: number;
  bold: boolean;
}

export interface ReceiptStyle {
  /** Blank dots left and right of the content (cheap heads fade at the very edge). */
  margin: number;
  top: number;
  /** Blank dots under the last line; the printer's feed and cut add more. */
  bottom: number;
  /** Smallest space between a label and its right-aligned value. */
  gap: number;
  /** Extra dots between wrapped lines. */
  leading: number;
  /** Space above and below a section's rule, and the rule's thickness. */
  ruleSpace: number;
  ruleThickness: number;
  /** Space between blocks inside a section (e.g. header under the name). */
  blockSpace: number;
  /** Padding inside the TRAINING / COPY / late-payment boxes. */
  boxPadding: number;
  name: FontSpec;
  header: FontSpec;
  label: FontSpec;
  value: FontSpec;
  /** "Total / សរុប" stands out next to the amount. */
  totalLabel: FontSpec;
  amount: FontSpec;
  riel: FontSpec;
  banner: FontSpec;
  copy: FontSpec;
  note: FontSpec;
  footer: FontSpec;
}

export const RECEIPT_STYLE: Record<PaperWidth, ReceiptStyle> = {
  80: {
    margin: 8,
    top: 8,
    bottom: 24,
    gap: 16,
    leading: 2,
    ruleSpace: 12,
    ruleThickness: 2,
    blockSpace: 6,
    boxPadding: 10,
    name: { size: 44, bold: true },
    header: { size: 26, bold: false },
    label: { size: 26, bold: false },
    value: { size: 28, bold: false },
    totalLabel: { size: 28, bold: true },
    amount: { size: 60, bold: true },
    riel: { size: 32, bold: true },
    banner: { size: 30, bold: true },
    copy: { size: 52, bold: true },
    note: { size: 26, bold: false },
    footer: { size: 26, bold: false },
  },
  58: {
    margin: 6,
    top: 8,
    bottom: 24,
    gap: 12,
    leading: 2,
    ruleSpace: 10,
    ruleThickness: 2,
    blockSpace: 4,
    boxPadding: 6,
    name: { size: 36, bold: true },
    header: { size: 24, bold: false },
    label: { size: 24, bold: false },
    value: { size: 24, bold: false },
    totalLabel: { size: 24, bold: true },
    amount: { size: 48, bold: true },
    riel: { size: 28, bold: true },
    banner: { size: 23, bold: false },
    copy: { size: 44, bold: true },
    note: { size: 24, bold: false },
    footer: { size: 24, bold: false },
  },
};

/**
 * Grey level (0–255) under which an antialiased pixel becomes a printed dot. Above mid-grey so the
 * thin hairlines and small subscripts of Khmer survive; much higher and counters fill in.
 */
export const BLACK_THRESHOLD = 160;

/** CSS font string for the canvas: Latin face first, Khmer face for Khmer characters. */
export function fontCss(spec: FontSpec): string {
  return `${spec.bold ? 'bold ' : ''}${spec.size}px "${LATIN_FAMILY}", "${KHMER_FAMILY}"`;
}
