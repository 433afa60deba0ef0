/**
 * The owner's recovery code on paper, drawn like a receipt: printed when the owner asks, from the
 * dialog that shows a new code (first start, a recovery, or a new code from Settings → Users). The code exists only in this raster and the
 * printer's memory: the POS keeps its hash alone (src/host/auth/credentials.ts), never the code,
 * and no journal row or print_jobs column holds it.
 */
import { englishText, hostMessage, hostMessageText } from '../../../shared/messages/index.ts';
import type { Bitmap, PaperWidth } from '../types.ts';
import { rule, space, text, type Block } from './blocks.ts';
import { drawDocument, formatReceiptDateTime, toPrinterBitmap } from './layout.ts';

export function renderRecoveryCode(data: { paperWidth: PaperWidth; merchantName: string; code: string; at: number }): Bitmap {
  const title = hostMessage('auth.recoveryTitle');
  const hint = hostMessage('auth.recoveryHint');
  return toPrinterBitmap(drawDocument(data.paperWidth, (frame, s): Block[] => [
    space(s.top),
    text(frame, data.merchantName, s.name, 'center'),
    text(frame, englishText(title), s.totalLabel, 'center'),
    text(frame, hostMessageText(title, 'km'), s.totalLabel, 'center'),
    rule(frame, s.ruleThickness, s.ruleSpace),
    text(frame, data.code, s.name, 'center'),
    rule(frame, s.ruleThickness, s.ruleSpace),
    text(frame, englishText(hint), s.note, 'left'),
    text(frame, hostMessageText(hint, 'km'), s.note, 'left'),
    text(frame, formatReceiptDateTime(data.at), s.note, 'left'),
    space(s.bottom),
  ]));
}
