/** Amounts and times as people read them on the back office pages: USD from cents, riel grouped, Phnom Penh time. */
import { cambodiaTime } from '../../../shared/business-date.ts';
import { formatRiel, formatUsd } from '../../../shared/money.ts';
import { html, type Html } from '../html.ts';

export const usd = (cents: number): string => formatUsd(cents);
export const riel = (amount: number): string => formatRiel(amount);

/** 2026-12-01 14:05 (Phnom Penh), from epoch ms. */
export const phnomPenhTime = (at: number | Date): string => cambodiaTime(typeof at === 'number' ? at : at.getTime()).slice(0, 16).replace('T', ' ');

/** A money line's cells: count, USD, KHR. */
export const moneyCells = (money: { count: number; cents: number; riel: number }): Html =>
  html`<td class="num">${money.count}</td><td class="num">${usd(money.cents)}</td><td class="num">${riel(money.riel)}</td>`;
