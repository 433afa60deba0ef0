import { useCallback, useEffect, useState } from 'react';
import type { CommandError, DrawerCount, ShiftReport, ZReportSummary } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { formatClock } from '../common/countdown.ts';
import { CashFigures, CashPanel } from './CashPanel.tsx';
import { OpenDrawer } from './OpenDrawer.tsx';
import { RefundPanel } from './RefundPanel.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { CountResult, DrawerCountPanel } from './DrawerCountPanel.tsx';
import { ZCloseSections } from './ZCloseSections.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { partlyPaidLine, takingsLines } from '../../shared/reports/takings-lines.ts';
import { anchorText, isPaymentWatched, reportLines, saleList } from './shift.ts';
import { invoke, useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

function when(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${formatClock(ms)}`;
}

/** An X or Z report as a table: counts and totals (USD, and KHR at each sale's own rate). */
function ReportTable({ report }: { report: ShiftReport }) {
  const t = useT();
  const lists: Array<[Parameters<typeof t>[0], string | null]> = [
    ['shift.unresolved', saleList(report.unresolved.map((u) => u.sale))],
    ['shift.paidLateList', saleList(report.paidLate)],
    ['shift.overpaidList', saleList(report.overpaid?.sales ?? [])],
    ['shift.unpaidList', saleList(report.unpaid ?? [])],
    // Format 8: their cash is in the drawer; takings once completed.
    ['shift.partlyPaidList', report.partlyPaid && report.partlyPaid.length > 0 ? report.partlyPaid.map((p) => t('shift.partlyPaidLine', partlyPaidLine(p))).join('; ') : null],
    ['shift.cancelledList', saleList(report.cancelled)],
    ['shift.failedList', saleList(report.failed)],
    ['shift.otherAccountList', saleList(report.otherAccount.sales)],
    ['shift.envOverrides', report.envOverrides ? [...report.envOverrides.keys, ...(report.envOverrides.apiKeyFromEnv ? ['POS_BAKONG_API_KEY'] : [])].join(', ') : null],
  ];
  return (
    <>
      <table className="shift__table">
        <thead>
          <tr>
            <th scope="col">{t('shift.col.what')}</th>
            <th scope="col" className="num">{t('shift.col.count')}</th>
            <th scope="col" className="num">{t('shift.col.usd')}</th>
            <th scope="col" className="num">{t('shift.col.khr')}</th>
          </tr>
        </thead>
        <tbody>
          {reportLines(report).map((line) => (
            <tr key={line.key} className={line.apart ? 'shift__apart' : undefined} data-line={line.key}>
              <th scope="row">{t(line.key)}</th>
              <td className="num">{line.money.count}</td>
              <td className="num">{formatUsd(line.money.cents)}</td>
              <td className="num">{formatRiel(line.money.riel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shift__note">{t('shift.apartNote')}</p>
      <TakingsByTender report={report} />
      <dl className="shift__lists">
        {lists.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value ?? t('shift.none')}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Format 8: the takings by tender in the currency taken, each with its riel at the sales' rates, adding up to the sum of the sales due. */
function TakingsByTender({ report }: { report: ShiftReport }) {
  const t = useT();
  const shown = takingsLines(report);
  if (!shown) return null;
  return (
    <>
      <h3>{t('shift.byTender.title')}</h3>
      <dl className="shift__lists" data-testid="takings-by-tender">
        {shown.lines.map((l) => (
          <div key={l.key} data-line={l.key}><dt>{t(`shift.byTender.${l.key}`)}</dt><dd className="num">{t('shift.byTender.line', { count: l.count, amount: l.amount, exact: l.exact })}</dd></div>
        ))}
        <div data-line="total"><dt>{t('shift.byTender.total')}</dt><dd className="num">{shown.total}</dd></div>
      </dl>
      <p className="shift__note">{t('shift.byTender.note')}</p>
    </>
  );
}

/** A Z report: its number, the anchor to check the ledger against, and its table. */
function ZReportPanel({ report, onReprint, onClose }: { report: ShiftReport; onReprint: () => void; onClose: () => void }) {
  const t = useT();
  // Export is the owner's (a manager sees the Z, not the file).
  const isOwner = useCashier((s) => s.state?.auth?.user?.role === 'owner');
  return (
    <section className="panel shift__z" aria-labelledby="z-title" data-testid="z-report">
      <h2 id="z-title">{t('shift.zTitle', { z: report.zNumber ?? '' })}</h2>
      <dl className="shift__meta">
        <div><dt>{t('shift.businessDate')}</dt><dd>{report.businessDate ?? '—'}</dd></div>
        <div><dt>{t('shift.openedAt')}</dt><dd>{when(report.openedAt)}</dd></div>
        <div><dt>{t('shift.closedAt')}</dt><dd>{when(report.closedAt)}</dd></div>
        <div>
          <dt>{t('shift.anchor')}</dt>
          <dd className="shift__anchor" data-testid="z-anchor">{anchorText(report.anchor, report.zNumber)}</dd>
        </div>
      </dl>
      <p className="shift__note">{t('shift.anchorHint')}</p>
      <ReportTable report={report} />
      {report.cash && <CashFigures cash={report.cash} />}
      <ZCloseSections report={report} />
      <div className="shift__actions">
        <button type="button" className="btn" onClick={onReprint}>{t('shift.reprint')}</button>
        <button type="button" className="btn btn--ghost" onClick={onClose}>{t('shift.hideZ')}</button>
      </div>
      {/* The accountant's file for exactly this Z (export.create with `z`): a download, or a save dialog in Electron. */}
      {report.shift !== null && isOwner && <ExportPanel key={report.shift} zShift={report.shift} />}
    </section>
  );
}

/**
 * The Shift tab: the open shift's X report (refetched whenever the sales revision changes), the
 * close (confirmed; refused while a payment is watched, then wait or carry it over), the Z report
 * it produces and every past Z, each viewable and reprintable (as a COPY).
 */
/**
 * The Shift tab. The X and Z reports, the count and the close are the owner's or a manager's; a
 * cashier sees Refunds and Open drawer only (each approved there by an owner's or manager's PIN).
 */
export function ShiftView() {
  const t = useT();
  const role = useCashier((s) => s.state?.auth?.user?.role ?? null);
  if (role === 'cashier') {
    return (
      <main className="shift">
        <RefundPanel />
        <section className="panel cash" aria-label={t('cash.openDrawer')}>
          <OpenDrawer />
        </section>
      </main>
    );
  }
  return <ShiftReports />;
}

function ShiftReports() {
  const t = useT();
  const language = useLanguage();
  const revision = useCashier((s) => s.state?.salesRevision ?? 0);
  const [x, setX] = useState<ShiftReport | null>(null);
  const [zList, setZList] = useState<ZReportSummary[]>([]);
  const [shown, setShown] = useState<ShiftReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  // The close: the blind count first, then the count against what was expected, then the confirmation.
  const [counting, setCounting] = useState(false);
  const [count, setCount] = useState<DrawerCount | null>(null);
  const [watched, setWatched] = useState<HostMessage | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [xReply, listReply] = await Promise.all([invoke('shift.x', {}), invoke('shift.zList', {})]);
    if (xReply.ok) setX(xReply.value);
    else setError(xReply.error);
    if (listReply.ok) setZList(listReply.value);
  }, []);

  useEffect(() => {
    void refresh();
  }, [revision, refresh]);

  const close = async (carryOver: boolean) => {
    setConfirming(false);
    setWatched(null);
    setBusy(true);
    setError(null);
    setNotice(null);
    const reply = await invoke('shift.close', carryOver ? { carryOver: true } : {});
    setBusy(false);
    if (reply.ok) {
      setShown(reply.value);
      setCount(null);
      await refresh();
    } else if (isPaymentWatched(reply.error)) {
      setWatched(reply.error.text);
    } else {
      setError(reply.error);
    }
  };

  const view = async (n: number) => {
    setError(null);
    const reply = await invoke('shift.z', { shift: n });
    if (reply.ok) setShown(reply.value);
    else setError(reply.error);
  };

  const reprint = async (n: number, z: string) => {
    setError(null);
    setNotice(null);
    const reply = await invoke('shift.zReprint', { n });
    if (reply.ok) setNotice(t('shift.reprinted', { z }));
    else setError(reply.error);
  };

  const canClose = x !== null && x.shift !== null && !busy;

  return (
    <main className="shift" aria-labelledby="shift-title">
      <h1 id="shift-title" className="visually-hidden">{t('shift.title')}</h1>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div role="status" className="shift__notice">{notice ?? ''}</div>
      {shown && shown.shift !== null && (
        <ZReportPanel report={shown} onReprint={() => void reprint(shown.shift!, shown.zNumber ?? '')} onClose={() => setShown(null)} />
      )}
      <section className="panel" aria-labelledby="x-title" data-testid="x-report">
        <h2 id="x-title">{t('shift.xTitle')}</h2>
        {x === null ? (
          <p>{t('shift.loading')}</p>
        ) : (
          <>
            <dl className="shift__meta">
              <div><dt>{t('shift.number')}</dt><dd data-testid="shift-number">{x.shift ?? t('shift.noneOpen')}</dd></div>
              <div><dt>{t('shift.businessDate')}</dt><dd>{x.businessDate ?? '—'}</dd></div>
              <div><dt>{t('shift.openedAt')}</dt><dd>{when(x.openedAt)}</dd></div>
            </dl>
            <ReportTable report={x} />
          </>
        )}
        <div className="shift__actions">
          <button type="button" className="btn btn--danger" disabled={!canClose || counting || count !== null} onClick={() => setCounting(true)}>
            {t('shift.close')}
          </button>
        </div>
      </section>
      {counting && x?.shift != null && (
        <DrawerCountPanel shift={x.shift} onCancel={() => setCounting(false)} onCounted={(c) => { setCounting(false); setCount(c); }} />
      )}
      {count && !counting && (
        <CountResult count={count} busy={busy} onRecount={() => { setCount(null); setCounting(true); }} onClose={() => setConfirming(true)} />
      )}
      {x?.cash && <CashPanel cash={x.cash} />}
      <RefundPanel />
      <section className="panel" aria-labelledby="zlist-title">
        <h2 id="zlist-title">{t('shift.zListTitle')}</h2>
        {zList.length === 0 ? (
          <p>{t('shift.zListEmpty')}</p>
        ) : (
          <table className="shift__table">
            <thead>
              <tr>
                <th scope="col">{t('shift.col.z')}</th>
                <th scope="col">{t('shift.businessDate')}</th>
                <th scope="col">{t('shift.closedAt')}</th>
                <th scope="col" className="num">{t('shift.line.takings')}</th>
                <th scope="col">{t('shift.anchor')}</th>
                <th scope="col"><span className="visually-hidden">{t('shift.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {zList.map((z) => (
                <tr key={z.shift}>
                  <th scope="row">{z.zNumber}</th>
                  <td>{z.businessDate}</td>
                  <td>{when(z.closedAt)}</td>
                  <td className="num">{formatUsd(z.takings.cents)} · {formatRiel(z.takings.riel)}</td>
                  <td className="shift__anchor">{anchorText(z.anchor, z.zNumber)}</td>
                  <td>
                    <button type="button" className="btn btn--ghost" aria-label={t('shift.viewZ', { z: z.zNumber })} onClick={() => void view(z.shift)}>
                      {t('shift.view')}
                    </button>
                    <button type="button" className="btn btn--ghost" aria-label={t('shift.reprintZ', { z: z.zNumber })} onClick={() => void reprint(z.shift, z.zNumber)}>
                      {t('shift.reprint')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConfirmDialog
        open={confirming}
        title={t('shift.confirmTitle', { shift: x?.shift ?? '' })}
        body={t('shift.confirmBody')}
        confirmLabel={t('shift.confirmYes')}
        keepLabel={t('shift.confirmNo')}
        onConfirm={() => void close(false)}
        onKeep={() => setConfirming(false)}
      />
      <ConfirmDialog
        open={watched !== null}
        title={t('shift.watchedTitle')}
        body={watched ? hostMessageText(watched, language) : ''}
        confirmLabel={t('shift.carryOver')}
        keepLabel={t('shift.wait')}
        onConfirm={() => void close(true)}
        onKeep={() => setWatched(null)}
      />
    </main>
  );
}
