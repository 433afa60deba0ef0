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
    inkRight: inkRight(ctx, text, m.width, m.actualBoundingBoxRight),
    ascent: Math.ceil(Math.max(m.fontBoundingBoxAscent, m.actualBoundingBoxAscent)),
    descent: Math.ceil(Math.max(m.fontBoundingBoxDescent, m.actualBoundingBoxDescent)),
    inkAscent: Math.ceil(m.actualBoundingBoxAscent),
    inkDescent: Math.ceil(m.actualBoundingBoxDescent),
  };
}

/**
 * Rightmost ink of a line. @napi-rs/canvas 1.0.x reports actualBoundingBoxRight for the first font
 * run only, so a line ending in a fallback-font run ("50,000៛": Latin then Khmer) would look shorter
 * than it is and right-align past the margin. The advance width minus the last grapheme's own right
 * side bearing (measured alone, in one font) is right whichever fonts the line mixes.
 */
function inkRight(ctx: SKRSContext2D, text: string, width: number, reported: number): number {
  const last = Array.from(graphemes.segment(text)).at(-1)?.segment;
  if (!last || /^\s+$/.test(last)) return reported > 0 ? reported : width;
  const alone = ctx.measureText(last);
  const bearing = alone.width - alone.actualBoundingBoxRight;
  return Math.max(reported, width - bearing);
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
