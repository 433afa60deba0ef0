import type { AccountChange, ShiftReport } from '../../shared/contract.ts';
import { formatExact } from '../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { CountTable } from './DrawerCountPanel.tsx';
import { useT } from './useT.ts';

/** A journal actor as the screens say it: a user by name (the report's `names`, looked up when it was sent). */
function useActorLabel(names: ShiftReport['names']): (actor: string) => string {
  const t = useT();
  return (actor) => (actor === 'cashier' ? t('z.screen') : actor === 'system' ? t('z.system') : names?.[actor] ?? actor);
}

/**
 * Format 5 on: each refund and void with who made it and who approved it, by name, and format 6's
 * rounding line of the cash sales. The reasons are the cashier's text and stay on the receipts.
 */
function ReturnsSection({ report, actor }: { report: ShiftReport; actor: (a: string) => string }) {
  const t = useT();
  if (!report.refunds || !report.voids) return null;
  const both = (usd: number, khr: number) => [usd > 0 || khr === 0 ? formatUsd(usd) : null, khr > 0 ? formatRiel(khr) : null].filter(Boolean).join(' · ');
  const mark = (training: boolean) => (training ? t('z.training') : '');
  const lines = [
    ...report.refunds.list.map((r) => ({
      key: `R${r.refund}`,
      text: t('z.refundLine', {
        number: `R${r.refund}`, sale: r.sale, amount: r.currency === 'USD' ? formatUsd(r.amount) : formatRiel(r.amount),
        bank: r.method === 'bank_transfer' ? t('z.bank') : '', actor: actor(r.actor), approver: actor(r.approver),
      }) + mark(r.training),
    })),
    ...report.voids.list.map((v) => ({
      key: `V${v.void}`,
      text: t('z.voidLine', { number: `V${v.void}`, sale: v.sale, amount: both(v.returnedUsd, v.returnedKhr), actor: actor(v.actor), approver: actor(v.approver) }) + mark(v.training),
    })),
  ];
  return (
    <>
      <h3>{t('z.returns')}</h3>
      {lines.length === 0 ? <p className="shift__note">{t('z.noReturns')}</p> : (
        <ul className="shift__changes" data-testid="z-returns">
          {lines.map((l) => <li key={l.key}>{l.text}</li>)}
        </ul>
      )}
      {report.rounding && (
        <dl className="shift__lists" data-testid="z-rounding">
          <div><dt>{t('z.rounding', { count: report.rounding.count })}</dt><dd>{formatExact(report.rounding.exact)}</dd></div>
        </dl>
      )}
    </>
  );
}

const accountValue = (value: AccountChange['from']): string => (value === null ? '—' : Array.isArray(value) ? value.join(', ') || '—' : value);

/**
 * A Z's (or X's) sections of the close (format 4): the drawer count and its difference per currency,
 * the takings by receiving account against the approved Bakong ID, the tenders paid elsewhere, every
 * change of the receiving accounts (flagged when not the owner's), takings per cashier by name,
 * refunds and voids with their approvers (format 5), the rounding (format 6) and reprints.
 */
export function ZCloseSections({ report }: { report: ShiftReport }) {
  const t = useT();
  const actor = useActorLabel(report.names);
  if (report.format < 4) return null;
  const count = report.count ?? null;
  const changes = report.accountChanges ?? [];
  return (
    <div className="shift__close" data-testid="z-close">
      <h3>{t('z.count')}</h3>
      {count === null ? (
        <p className="shift__note">{t('z.notCounted')}</p>
      ) : (
        <CountTable count={count} testId="z-count" />
      )}
      {count !== null && count.counts > 1 && <p className="shift__note">{t('count.recounted', { count: count.counts })}</p>}

      <h3>{t('z.receiving')}</h3>
      <dl className="shift__lists" data-testid="z-accounts">
        <div><dt>{t('z.approved')}</dt><dd>{report.approvedAccount ?? '—'}</dd></div>
        {(report.receivingAccounts ?? []).map((a) => (
          <div key={a.account ?? ''}><dt>{a.account ?? t('z.noAccount')}</dt><dd>{a.count} · {formatUsd(a.cents)} · {formatRiel(a.riel)}</dd></div>
        ))}
        {(report.otherAccount.accounts ?? []).map((o) => (
          <div key={`${o.sale}-${o.account}`} className="shift__apart"><dt>{t('z.otherPaid')} #{o.sale}</dt><dd>{o.account}</dd></div>
        ))}
      </dl>
      <h3>{t('z.changes')}</h3>
      {changes.length === 0 ? (
        <p className="shift__note">{t('z.noChanges')}</p>
      ) : (
        <ul className="shift__changes" data-testid="z-changes">
          {changes.map((c) => (
            <li key={`${c.seq}-${c.key}`} className={c.approved ? undefined : 'shift__apart'}>
              {c.key}: {accountValue(c.from)} → {accountValue(c.to)} · {actor(c.actor)} · <strong>{c.approved ? t('z.byOwner') : t('z.notApproved')}</strong>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('z.cashiers')}</h3>
      <dl className="shift__lists">
        {(report.cashiers ?? []).map((c) => (
          <div key={c.actor}><dt>{actor(c.actor)}</dt><dd>{c.count} · {formatUsd(c.cents)} · {formatRiel(c.riel)}</dd></div>
        ))}
      </dl>
      <ReturnsSection report={report} actor={actor} />
      <h3>{t('z.reprints')}</h3>
      <dl className="shift__lists">
        <div><dt>{t('z.receiptCopies')}</dt><dd>{report.reprints?.receipts ?? 0}</dd></div>
        <div><dt>{t('z.zCopies')}</dt><dd>{report.reprints?.z ?? 0}</dd></div>
      </dl>
    </div>
  );
}
