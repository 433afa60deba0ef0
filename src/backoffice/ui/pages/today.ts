/**
 * Takings on a business date (Asia/Phnom_Penh) by shop, till and tender: the sum of the Z reports —
 * and the X so far of any shift still open — of every shift whose business date it is, each
 * recomputed from the till's rows (till-rows.ts). So a shop's day is the sum of its tills' Z
 * reports by construction. The day is complete when every till with a shift on that date has closed
 * it; the back office never closes a shift itself.
 */
import type { ShiftMoney } from '../../../shared/contract.ts';
import type { Pool } from '../../db.ts';
import { html, type Html } from '../html.ts';
import { page, t, type PageContext } from '../layout.ts';
import { foldTill, listTills } from '../till-rows.ts';
import { moneyCells } from './format.ts';

interface TillDay {
  till: string;
  tillId: number;
  byTender: Map<string, ShiftMoney>;
  total: ShiftMoney;
  open: boolean;
}

export interface ShopDay {
  shop: string;
  tills: TillDay[];
  total: ShiftMoney;
  complete: boolean;
}

const zero = (): ShiftMoney => ({ count: 0, cents: 0, riel: 0 });
const addTo = (sum: ShiftMoney, money: ShiftMoney): void => {
  sum.count += money.count;
  sum.cents += money.cents;
  sum.riel += money.riel;
};

/**
 * A Z's takings by tender. The Z keeps KHQR's apart (`takings.byTender`); the rest of its takings are
 * cash, the only other tender, counted per tender paid as the takings are. Without this a shop's
 * cash sales were in its total and on no tender's line.
 */
function tenderTakings(takings: ShiftMoney & { byTender: Record<string, ShiftMoney> }): Array<[string, ShiftMoney]> {
  const lines = Object.entries(takings.byTender);
  const cash = { count: takings.count, cents: takings.cents, riel: takings.riel };
  for (const [, money] of lines) {
    cash.count -= money.count;
    cash.cents -= money.cents;
    cash.riel -= money.riel;
  }
  return cash.count > 0 ? [...lines, ['cash', cash]] : lines;
}

/** Each shop's day on `date`: its tills with a shift of that business date, their takings by tender. */
export async function shopDays(pool: Pool, date: string): Promise<ShopDay[]> {
  const shops = new Map<string, ShopDay>();
  for (const till of await listTills(pool)) {
    const fold = await foldTill(pool, till);
    const shifts = fold?.shifts.filter((s) => s.report.businessDate === date) ?? [];
    if (shifts.length === 0) continue;
    const day: TillDay = { till: till.name, tillId: till.id, byTender: new Map(), total: zero(), open: false };
    for (const shift of shifts) {
      if (!shift.closed) day.open = true;
      addTo(day.total, shift.report.takings);
      for (const [tender, money] of tenderTakings(shift.report.takings)) {
        if (!day.byTender.has(tender)) day.byTender.set(tender, zero());
        addTo(day.byTender.get(tender)!, money);
      }
    }
    const shop = shops.get(till.shop) ?? { shop: till.shop, tills: [], total: zero(), complete: true };
    shop.tills.push(day);
    addTo(shop.total, day.total);
    if (day.open) shop.complete = false;
    shops.set(till.shop, shop);
  }
  return [...shops.values()];
}

const tenderName = (ctx: PageContext, tender: string): string =>
  tender === 'khqr' ? t(ctx, 'tender.khqr') : tender === 'cash' ? t(ctx, 'tender.cash') : tender;

export async function todayPage(ctx: PageContext, pool: Pool, date: string): Promise<Html> {
  const days = await shopDays(pool, date);
  const shops = days.map((day) => html`
<section class="shop">
  <h2>${day.shop}</h2>
  <p class="${day.complete ? 'ok' : 'note'}" data-day="${day.complete ? 'complete' : 'open'}">${day.complete ? t(ctx, 'today.dayComplete') : t(ctx, 'today.dayOpen', { count: day.tills.filter((d) => d.open).length })}</p>
  <table>
    <thead><tr><th>${t(ctx, 'table.till')}</th><th>${t(ctx, 'table.tender')}</th><th class="num">${t(ctx, 'table.sales')}</th><th class="num">${t(ctx, 'table.usd')}</th><th class="num">${t(ctx, 'table.khr')}</th><th>${t(ctx, 'table.state')}</th></tr></thead>
    <tbody>
    ${day.tills.map((till) => [...till.byTender].map(([tender, money]) => html`
      <tr data-till="${till.till}" data-tender="${tender}" data-tender-cents="${money.cents}"><td><a href="/tills/${till.tillId}">${till.till}</a></td><td>${tenderName(ctx, tender)}</td>${moneyCells(money)}<td>${till.open ? t(ctx, 'shift.open') : t(ctx, 'shift.closed')}</td></tr>`))}
      <tr class="total" data-shop-total="${day.total.cents}"><td colspan="2">${t(ctx, 'today.shopTotal')}</td>${moneyCells(day.total)}<td></td></tr>
    </tbody>
  </table>
</section>`);
  return page(ctx, t(ctx, 'today.title', { date }), html`
<form method="get" action="/" class="date">
  <label>${t(ctx, 'today.dateLabel')} <input type="date" name="date" value="${date}" required></label>
  <button type="submit">${t(ctx, 'today.show')}</button>
</form>
${days.length === 0 ? html`<p>${t(ctx, 'today.none')}</p>` : shops}`);
}
