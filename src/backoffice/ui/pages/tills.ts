/**
 * The tills: each one's shop, code and sync state (when it was last seen, the number of the last row
 * stored here and when the till wrote it, and the rows behind: what the till reported having with its
 * last push, less what is here), and — for the owner only — a new till with its pairing code, a new
 * code for a till not yet paired or whose token was revoked (re-pairing), and revoking a till's token
 * (its rows stay).
 */
import type { Html } from '../html.ts';
import { html } from '../html.ts';
import { page, t, type PageContext } from '../layout.ts';
import type { TillListing } from '../till-rows.ts';
import { phnomPenhTime } from './format.ts';

function syncState(ctx: PageContext, till: TillListing): Html {
  if (!till.uuid) return html`${t(ctx, 'tills.notPaired')}`;
  const seen = till.lastSeen ? t(ctx, 'tills.lastSeen', { time: phnomPenhTime(till.lastSeen) }) : t(ctx, 'tills.neverSeen');
  const head = till.head && till.lastRowAt !== null ? html`<span data-last-seq="${till.head.seq}">${t(ctx, 'tills.head', { seq: till.head.seq, time: phnomPenhTime(till.lastRowAt) })}</span>` : '';
  const behind = till.rowsBehind === null ? t(ctx, 'tills.behindUnknown')
    : till.rowsBehind === 0 ? t(ctx, 'tills.upToDate') : t(ctx, 'tills.rowsBehind', { count: till.rowsBehind });
  return html`${seen}${head ? html`<br>${head}` : ''}<br><span data-rows-behind="${till.rowsBehind ?? ''}">${behind}</span>${till.tokenActive ? '' : html`<br><span class="diff">${t(ctx, 'tills.revoked')}</span>`}`;
}

function ownerActions(ctx: PageContext, till: TillListing): Html | string {
  if (ctx.user?.role !== 'owner') return '';
  // A till not paired yet, or whose token was revoked (re-pairing the same till id), gets a code.
  if (!till.uuid || !till.tokenActive) return html`<form method="post" action="/tills/${till.id}/code" class="inline"><button type="submit">${t(ctx, 'tills.newCode')}</button></form>`;
  if (till.tokenActive) return html`<form method="post" action="/tills/${till.id}/revoke" class="inline"><button type="submit">${t(ctx, 'tills.revoke')}</button></form>`;
  return '';
}

export function tillsPage(ctx: PageContext, tills: TillListing[], notice?: { status: 'error' | 'note'; message: string; code?: string }): Html {
  const form = ctx.user?.role === 'owner'
    ? html`<h2>${t(ctx, 'tills.newTill')}</h2>
<form method="post" action="/tills">
  <label>${t(ctx, 'tills.shopName')} <input name="shop" required maxlength="100"></label>
  <label>${t(ctx, 'tills.tillName')} <input name="name" required maxlength="100"></label>
  <button type="submit">${t(ctx, 'tills.create')}</button>
</form>`
    : '';
  const table = tills.length === 0 ? html`<p>${t(ctx, 'tills.none')}</p>` : html`
<table>
  <thead><tr><th>${t(ctx, 'table.shop')}</th><th>${t(ctx, 'table.till')}</th><th>${t(ctx, 'tills.code')}</th><th>${t(ctx, 'tills.sync')}</th><th></th></tr></thead>
  <tbody>
  ${tills.map((till) => html`
    <tr data-till="${till.name}"><td>${till.shop}</td><td><a href="/tills/${till.id}">${till.name}</a></td><td>${till.code ?? ''}</td><td>${syncState(ctx, till)}</td><td>${ownerActions(ctx, till)}</td></tr>`)}
  </tbody>
</table>`;
  const code = notice?.code ? html`<p class="code" data-pairing-code>${notice.code}</p>` : '';
  return page(ctx, t(ctx, 'tills.title'), html`${code}${table}${form}`, notice ?? {});
}
