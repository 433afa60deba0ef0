import { useRef } from 'react';
import type { DisplayState } from '../../shared/contract.ts';
import { centsToRiel, formatRiel, formatUsd } from '../../shared/money.ts';
import { formatCountdown } from '../common/countdown.ts';
import { useElementSize, useQrImage } from '../common/hooks.ts';
import { receiverName } from '../common/khqr-fields.ts';
import { otherLanguage, translate } from '../i18n/index.ts';

/** The KHQR card: 20:29, red header band (12%) with the KHQR mark, receiver, amount, dashed divider, QR, countdown. */
export function KhqrCard({
  state,
  remaining,
  expired,
}: {
  state: DisplayState;
  remaining: number | null;
  expired: boolean;
}) {
  const qrBox = useRef<HTMLDivElement>(null);
  const box = useElementSize(qrBox);
  const qr = useQrImage(expired ? null : state.khqrString, box ? Math.min(box.width, box.height) : null);
  const name = receiverName(state.khqrString) ?? state.merchantName;
  // The QR's own amount (after cash, only what is left), so the card agrees with the customer's banking app.
  const cents = state.qrCents ?? state.amountCents ?? 0;
  const usd = formatUsd(cents);
  const second = otherLanguage(state.language);

  return (
    <figure className={`khqr-card${expired ? ' khqr-card--expired' : ''}`}>
      <div className="khqr-card__header">
        <span className="khqr-card__mark">KHQR</span>
      </div>
      <div className="khqr-card__info">
        <div className="khqr-card__name">{name}</div>
        <div className="khqr-card__amount num">
          <strong>{usd.replace(/^\$/, '')}</strong> <span className="khqr-card__currency">USD</span>
        </div>
        <div className="khqr-card__khr num">≈ {formatRiel(centsToRiel(cents, state.khrPerUsd))}</div>
      </div>
      <div className="khqr-card__divider" aria-hidden="true" />
      <div className="khqr-card__qr" ref={qrBox}>
        {expired ? (
          <div className="khqr-card__void">
            <span lang={state.language}>{translate(state.language, 'display.expired')}</span>
            <span lang={second}>{translate(second, 'display.expired')}</span>
          </div>
        ) : qr && 'url' in qr ? (
          <img
            className="khqr-card__img"
            src={qr.url}
            // Decoded before the frame that shows it, so the QR appears with the card, not a frame later.
            decoding="sync"
            width={qr.cssSize}
            height={qr.cssSize}
            alt={translate(state.language, 'display.qrAlt', { amount: usd, name })}
          />
        ) : (
          <div className="khqr-card__void khqr-card__void--loading" aria-hidden="true" />
        )}
      </div>
      <figcaption className="khqr-card__countdown">
        {remaining !== null && !expired && (
          <>
            <span className="khqr-card__expires">
              <span lang={state.language}>{translate(state.language, 'display.expiresIn')}</span>
              {' · '}
              <span lang={second}>{translate(second, 'display.expiresIn')}</span>
            </span>
            <span className="khqr-card__time num">{formatCountdown(remaining)}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
