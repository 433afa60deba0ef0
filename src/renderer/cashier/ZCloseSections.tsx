import type { AccountChange, ShiftReport } from '../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { CountTable } from './DrawerCountPanel.tsx';
import { useT } from './useT.ts';

/** A journal actor as the screens say it (a user's name comes with the auth work's users). */
function useActorLabel(): (actor: string) => string {
  const t = useT();
  return (actor) => (actor === 'cashier' ? t('z.screen') : actor === 'system' ? t('z.system') : actor);
}

const accountValue = (value: AccountChange['from']): string => (value === null ? '—' : Array.isArray(value) ? value.join(', ') || '—' : value);

/**
 * A Z's (or X's) sections of the close (format 4): the drawer count and its difference per currency,
 * the takings by receiving account against the approved Bakong ID, the tenders paid elsewhere, every
 * change of the receiving accounts (flagged when not the owner's), takings per cashier and reprints.
 */
export function ZCloseSections({ report }: { report: ShiftReport }) {
  const t = useT();
  const actor = useActorLabel();
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
      <h3>{t('z.reprints')}</h3>
      <dl className="shift__lists">
        <div><dt>{t('z.receiptCopies')}</dt><dd>{report.reprints?.receipts ?? 0}</dd></div>
        <div><dt>{t('z.zCopies')}</dt><dd>{report.reprints?.z ?? 0}</dd></div>
      </dl>
    </div>
  );
}
