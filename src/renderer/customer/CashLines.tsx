import type { DisplayCash, Language } from '../../shared/contract.ts';
import { formatMoney } from '../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { Both } from './Display.tsx';

/** The cash the customer handed over and, while some is due, what is left, in both currencies. */
export function CashLines({ cash, language }: { cash: DisplayCash; language: Language }) {
  const left = cash.remaining.usd > 0 || cash.remaining.khr > 0;
  return (
    <div className="cash-lines" data-testid="display-cash">
      <div className="cash-lines__row">
        <Both k="display.tendered" language={language} className="both--label" />
        <p className="cash-lines__amount num">{cash.tendered.map(formatMoney).join(' + ')}</p>
      </div>
      {left && (
        <div className="cash-lines__row cash-lines__row--left">
          <Both k="display.left" language={language} className="both--label" />
          <p className="cash-lines__amount num">
            {formatUsd(cash.remaining.usd)} <span aria-hidden="true">·</span> {formatRiel(cash.remaining.khr)}
          </p>
        </div>
      )}
    </div>
  );
}

/** After a cash payment: what was handed over and the change, large, in dollars and in riel. */
export function ChangeLines({ cash, language }: { cash: DisplayCash; language: Language }) {
  const { change } = cash;
  return (
    <>
      <CashLines cash={cash} language={language} />
      {(change.usd > 0 || change.khr > 0) && (
        <div className="change-lines" data-testid="display-change">
          <Both k="display.change" language={language} className="both--label" />
          <p className="change-lines__amounts num">
            <span>{formatUsd(change.usd)}</span>
            <span>{formatRiel(change.khr)}</span>
          </p>
        </div>
      )}
    </>
  );
}
