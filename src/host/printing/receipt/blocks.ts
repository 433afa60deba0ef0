/**
 * A receipt is a vertical stack of blocks. Each block is measured first (so the canvas can be made
 * exactly as tall as the content) and drawn afterwards at the top it is given.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { fontCss, type FontSpec } from './style.ts';
import { measureLine, wrapText } from './text.ts';

/** A rectangle of the canvas, in dots. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Block {
  height: number;
  /** Draws at `top`; white-on-black areas are added to `inverted` (they are thresholded the other way). */
  draw(ctx: SKRSContext2D, top: number, inverted: Rect[]): void;
}

/** Where content may go across the paper, plus a context to measure text with. */
export interface Frame {
  measure: SKRSContext2D;
  left: number;
  right: number;
  leading: number;
}

export type Align = 'left' | 'center' | 'right';
export type Ink = 'black' | 'white';

const INK: Record<Ink, string> = { black: '#000', white: '#fff' };

/** Blocks one under the other. */
export function stack(blocks: Block[]): Block {
  return {
    height: blocks.reduce((sum, b) => sum + b.height, 0),
    draw(ctx, top, inverted) {
      let y = top;
      for (const block of blocks) {
        block.draw(ctx, y, inverted);
        y += block.height;
      }
    },
  };
}

export function space(height: number): Block {
  return { height, draw() {} };
}

/** x where a line starts for the alignment; right alignment goes by the ink so digits line up. */
function lineX(frame: Frame, align: Align, width: number, inkRight: number): number {
  if (align === 'left') return frame.left;
  if (align === 'right') return frame.right - inkRight;
  return frame.left + (frame.right - frame.left - width) / 2;
}

/** Text wrapped to the frame, each line aligned; line height follows the line's own ink. */
export function text(frame: Frame, content: string, font: FontSpec, align: Align, ink: Ink = 'black'): Block {
  const css = fontCss(font);
  frame.measure.font = css;
  const lines = wrapText(frame.measure, content, frame.right - frame.left).map((line) => ({
    line,
    metrics: measureLine(frame.measure, line),
  }));
  return {
    height: lines.reduce((sum, l) => sum + l.metrics.ascent + l.metrics.descent + frame.leading, 0),
    draw(ctx, top) {
      ctx.font = css;
      ctx.fillStyle = INK[ink];
      let y = top;
      for (const { line, metrics } of lines) {
        const x = lineX(frame, align, metrics.width, metrics.inkRight);
        // Whole-dot positions keep the same glyph thresholding the same way every time.
        ctx.fillText(line, Math.round(x), y + metrics.ascent);
        y += metrics.ascent + metrics.descent + frame.leading;
      }
    },
  };
}

/**
 * Label at the left, value right-aligned on the same baseline. When both do not fit side by side
 * (a long label on 58 mm paper, a big amount), the value goes right-aligned under the label.
 */
export function row(frame: Frame, label: string, labelFont: FontSpec, value: string, valueFont: FontSpec, gap: number): Block {
  frame.measure.font = fontCss(labelFont);
  const l = measureLine(frame.measure, label);
  frame.measure.font = fontCss(valueFont);
  const v = measureLine(frame.measure, value);
  if (l.width + gap + v.inkRight > frame.right - frame.left) {
    return stack([text(frame, label, labelFont, 'left'), text(frame, value, valueFont, 'right')]);
  }
  // The value's own ink decides, so a big Latin amount is not padded for Khmer-height stacks.
  const ascent = Math.max(l.ascent, v.inkAscent);
  const descent = Math.max(l.descent, v.inkDescent);
  return {
    height: ascent + descent + frame.leading,
    draw(ctx, top) {
      ctx.fillStyle = INK.black;
      ctx.font = fontCss(labelFont);
      ctx.fillText(label, frame.left, top + ascent);
      ctx.font = fontCss(valueFont);
      ctx.fillText(value, Math.round(frame.right - v.inkRight), top + ascent);
    },
  };
}

/** A full-width horizontal line with space above and below. */
export function rule(frame: Frame, thickness: number, spaceAround: number): Block {
  return {
    height: spaceAround * 2 + thickness,
    draw(ctx, top) {
      ctx.fillStyle = INK.black;
      ctx.fillRect(frame.left, top + spaceAround, frame.right - frame.left, thickness);
    },
  };
}

/**
 * A box across the frame: filled black with white content (TRAINING, COPY), or outlined. The content
 * is built for the inner frame so it wraps inside the padding.
 */
export function box(frame: Frame, padding: number, style: 'filled' | 'outlined', content: (inner: Frame) => Block[]): Block {
  const border = 2;
  const inner: Frame = { ...frame, left: frame.left + padding + border, right: frame.right - padding - border };
  const body = stack(content(inner));
  return {
    height: body.height + 2 * (padding + border),
    draw(ctx, top, inverted) {
      const width = frame.right - frame.left;
      const height = body.height + 2 * (padding + border);
      ctx.fillStyle = INK.black;
      if (style === 'filled') {
        ctx.fillRect(frame.left, top, width, height);
        inverted.push({ x: frame.left, y: top, width, height });
      } else {
        ctx.fillRect(frame.left, top, width, border);
        ctx.fillRect(frame.left, top + height - border, width, border);
        ctx.fillRect(frame.left, top, border, height);
        ctx.fillRect(frame.right - border, top, border, height);
      }
      body.draw(ctx, top + padding + border, inverted);
    },
  };
}
