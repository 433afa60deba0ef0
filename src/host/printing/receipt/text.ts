/**
 * Measuring and wrapping text on the canvas. Khmer writes words without spaces, so line breaks come
 * from ICU's word segmenter (it has a Khmer dictionary); a word wider than the line is split between
 * grapheme clusters, which keep a consonant and its stacked subscripts together.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';

export interface LineMetrics {
  /** Advance width: where the next text would start. */
  width: number;
  /** Rightmost ink relative to the origin; used to right-align by ink, not by advance. */
  inkRight: number;
  /** Dots above and below the baseline this line needs (font box or ink, whichever is larger). */
  ascent: number;
  descent: number;
  /** Dots the ink itself reaches above and below the baseline. */
  inkAscent: number;
  inkDescent: number;
}

/** Metrics of one line in the context's current font. */
export function measureLine(ctx: SKRSContext2D, text: string): LineMetrics {
  const m = ctx.measureText(text);
  return {
    width: m.width,
    inkRight: m.actualBoundingBoxRight > 0 ? m.actualBoundingBoxRight : m.width,
    ascent: Math.ceil(Math.max(m.fontBoundingBoxAscent, m.actualBoundingBoxAscent)),
    descent: Math.ceil(Math.max(m.fontBoundingBoxDescent, m.actualBoundingBoxDescent)),
    inkAscent: Math.ceil(m.actualBoundingBoxAscent),
    inkDescent: Math.ceil(m.actualBoundingBoxDescent),
  };
}

const words = new Intl.Segmenter('km', { granularity: 'word' });
const graphemes = new Intl.Segmenter('km', { granularity: 'grapheme' });

/** Pieces between which a line may break; punctuation stays glued to the word before it. */
function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const { segment, isWordLike } of words.segment(text)) {
    const previous = pieces.at(-1);
    const glue = !isWordLike && !/^\s+$/.test(segment) && previous !== undefined && !/\s$/.test(previous);
    if (glue) pieces[pieces.length - 1] = previous + segment;
    else pieces.push(segment);
  }
  return pieces;
}

/**
 * Splits text into lines no wider than maxWidth in the context's current font. Explicit newlines are
 * kept; spaces at line ends are dropped. Always returns at least one line.
 */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const fits = (s: string) => ctx.measureText(s).width <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    const pieces = breakPieces(paragraph).flatMap((piece) =>
      fits(piece.trim()) ? [piece] : Array.from(graphemes.segment(piece), (g) => g.segment),
    );
    for (const piece of pieces) {
      // Measure the whole candidate line: shaping and kerning make widths non-additive.
      if (line === '' || fits((line + piece).trimEnd())) {
        line = line === '' ? piece.trimStart() : line + piece;
      } else {
        lines.push(line.trimEnd());
        line = piece.trimStart();
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
