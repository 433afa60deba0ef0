/**
 * The text a printed document draws: every string handed to the canvas while `render` runs, in the
 * order drawn, joined by spaces (a row's label then its value; a wrapped line's pieces in order). The
 * raster itself is what the printer gets (tests compare it with the decoded job, bit for bit); this
 * says which words made those dots, so a test can ask "is the approver's name on the paper?".
 */
import type { TestContext } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';

export function printedText<T>(t: TestContext, render: () => T): { result: T; text: string } {
  const context = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d')) as { fillText: (text: string, x: number, y: number) => void };
  const drawn = t.mock.method(context, 'fillText');
  try {
    const result = render();
    return { result, text: drawn.mock.calls.map((call) => String(call.arguments[0])).join(' ') };
  } finally {
    drawn.mock.restore();
  }
}
