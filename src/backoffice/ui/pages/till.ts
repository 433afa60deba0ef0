/**
 * One till: its shifts, newest first, each with the Z report recomputed here from the till's rows
 * (src/shared/reports/journal-fold.ts) and the result of comparing it with what the till's
 * `shift.closed` row states (its Z number and anchor: the row before the close and its hash);
 * a difference is shown in words with both values. An open shift shows its rows so far.
 */
import type { ShiftProblem } from '../../../shared/reports/journal-fold.ts';
import { partlyPaidLine, takingsLines } from '../../../shared/reports/takings-lines.ts';
import { anchorText } from '../../../shared/z-anchor.ts';
import { html, type Html } from '../html.ts';
import { page, t, type PageContext } from '../layout.ts';
import type { FoldedTill, TillListing } from '../till-rows.ts';
import { moneyCells, phnomPenhTime, riel, usd } from './format.ts';

function problemText(ctx: PageContext, problem: ShiftProblem): string {
  const params = { stated: problem.stated, expected: problem.expected };
  if (problem.kind === 'anchorSeq') return t(ctx, 'till.diff.anchorSeq', params);
  if (problem.kind === 'anchorHash') return t(ctx, 'till.diff.anchorHash', params);
  return t(ctx, 'till.diff.zNumber', params);
}

/** A per-cashier line's label: the user's name from the till's `user.*` rows; rows of no signed-in user (before users, or the POS's own) apart. */
function cashierLabel(ctx: PageContext, actor: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(actor);
  return name === undefined ? t(ctx, 'till.cashierNobody') : t(ctx, 'till.cashier', { name });
}

export function tillPage(ctx: PageContext, till: TillListing, fold: FoldedTill | null): Html {
  const title = t(ctx, 'till.title', { till: till.name, shop: till.shop });
  if (!fold) return page(ctx, title, html`<p>${t(ctx, 'till.noRows')}</p>`);
  const unknown = fold.unknownRows[0];
  const warnings = html`
${fold.merchantName !== null ? html`<p data-merchant-name>${t(ctx, 'till.merchantName', { name: fold.merchantName })}</p>` : ''}
${unknown ? html`<p class="error">${t(ctx, 'till.unknownRows', { count: fold.unknownRows.length, seq: unknown.seq, type: unknown.type, version: unknown.version })}</p>` : ''}
${fold.leftBehind.length > 0 ? html`<p class="note">${t(ctx, 'till.fork', { epochs: fold.leftBehind.join(', ') })}</p>` : ''}`;
  const shifts = [...fold.shifts].reverse().map((shift) => {
    const r = shift.report;
    const verdict = !shift.closed ? html`<p class="note">${t(ctx, 'till.stillOpen')}</p>`
      : shift.problems.length === 0 ? html`<p class="ok" data-verdict="agrees">${t(ctx, 'till.matches')}</p>`
        : shift.problems.map((p) => html`<p class="diff" data-verdict="differs">${problemText(ctx, p)}</p>`);
    return html`
<section class="shift" data-shift="${shift.shift}">
  <h3>${t(ctx, 'till.shift', { shift: shift.shift })}${r.zNumber ? html` · ${r.zNumber}` : ''}</h3>
  <table>
    <tbody>
      <tr><th>${t(ctx, 'till.businessDate')}</th><td colspan="3">${r.businessDate ?? ''}</td></tr>
      <tr><th>${t(ctx, 'till.opened')}</th><td colspan="3">${r.openedAt !== null ? phnomPenhTime(r.openedAt) : ''}</td></tr>
      <tr><th>${t(ctx, 'till.closedAt')}</th><td colspan="3">${r.closedAt !== null ? phnomPenhTime(r.closedAt) : t(ctx, 'shift.open')}</td></tr>
      <tr><th>${t(ctx, 'till.anchor')}</th><td colspan="3"><code>${anchorText(r.anchor, r.zNumber)}</code></td></tr>
      <tr><th></th><th class="num">${t(ctx, 'table.sales')}</th><th class="num">${t(ctx, 'table.usd')}</th><th class="num">${t(ctx, 'table.khr')}</th></tr>
      <tr class="total" data-z-takings="${r.takings.cents}"><th>${t(ctx, 'till.takings')}</th>${moneyCells(r.takings)}</tr>
      ${(takingsLines(r)?.lines ?? []).map((l) => html`<tr data-takings-line="${l.key}"><th>${t(ctx, `till.byTender.${l.key}`)}</th><td class="num">${l.count}</td><td colspan="2" class="num">${t(ctx, 'till.byTender.line', { amount: l.amount, exact: l.exact })}</td></tr>`)}
      <tr><th>${t(ctx, 'till.otherAccount')}</th>${moneyCells(r.otherAccount)}</tr>
      <tr><th>${t(ctx, 'till.training')}</th>${moneyCells(r.training.paid)}</tr>
      <tr><th>${t(ctx, 'till.cancelled')}</th>${moneyCells(r.byStatus.cancelled)}</tr>
      <tr><th>${t(ctx, 'till.expired')}</th>${moneyCells(r.byStatus.expired)}</tr>
      <tr><th>${t(ctx, 'till.unresolved')}</th><td class="num">${r.unresolved.length}</td><td colspan="2"></td></tr>
      ${r.cash ? html`<tr data-cash-expected="${r.cash.USD.expected} ${r.cash.KHR.expected}"><th>${t(ctx, 'till.cashExpected')}</th><td></td><td class="num">${r.cash.USD.expected === null ? '' : usd(r.cash.USD.expected)}</td><td class="num">${r.cash.KHR.expected === null ? '' : riel(r.cash.KHR.expected)}</td></tr>
      <tr><th>${t(ctx, 'till.noSaleOpens')}</th><td class="num">${r.cash.noSaleOpens}</td><td colspan="2"></td></tr>` : ''}
      ${(r.cashiers ?? []).map((c) => html`<tr data-cashier="${c.actor}"><th>${cashierLabel(ctx, c.actor, fold.userNames)}</th>${moneyCells(c)}</tr>`)}
    </tbody>
  </table>
  ${(r.partlyPaid ?? []).length > 0 ? html`<p class="note" data-partly-paid>${t(ctx, 'till.partlyPaid', { sales: (r.partlyPaid ?? []).map((p) => ((l) => `${l.sale} ${l.due} (${l.paid})`)(partlyPaidLine(p))).join(', ') })}</p>` : ''}
  ${r.envOverrides ? html`<p class="note" data-env-overrides>${t(ctx, 'till.envOverrides', { keys: [...r.envOverrides.keys, ...(r.envOverrides.apiKeyFromEnv ? ['POS_BAKONG_API_KEY'] : [])].join(', ') })}</p>` : ''}
  <p><small>${t(ctx, 'till.recomputed')}</small></p>
  ${verdict}
</section>`;
  });
  return page(ctx, title, html`${warnings}<h2>${t(ctx, 'till.shifts')}</h2>${shifts}`);
}
