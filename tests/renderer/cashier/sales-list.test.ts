/** Today's sales list on the cashier screen: how a fetched page joins what is shown. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PrintJobView, SaleListItem, SalesPage } from '../../../src/shared/contract.ts';
import { newerJob } from '../../../src/renderer/cashier/receipt.ts';
import { withNewestPage, withOlderPage, type SalesRows } from '../../../src/renderer/cashier/sales-list.ts';
import { saleView } from '../../support/sale-view.ts';

const row = (id: number): SaleListItem => ({ ...saleView('paid', { id }), receipt: null });
const rows = (...ids: number[]): SaleListItem[] => ids.map(row);
const ids = (shown: SalesRows): number[] => shown.rows.map((r) => r.id);
const page = (sales: number[], nextBefore: number | null): SalesPage => ({ sales: rows(...sales), nextBefore });

test('the newest page replaces the rows it covers; older rows loaded with "Show more" stay after it', () => {
  const shown: SalesRows = { rows: rows(10, 9, 8, 7, 6, 5), nextBefore: 5 };
  const after = withNewestPage(shown, page([12, 11, 10], 10));
  assert.deepEqual(ids(after), [12, 11, 10, 9, 8, 7, 6, 5]);
  assert.equal(after.nextBefore, 5);
  // The rows of the page are the fresh ones (e.g. a receipt printed since).
  const fresh = withNewestPage(shown, { sales: [{ ...row(10), status: 'expired' }], nextBefore: 10 });
  assert.equal(fresh.rows[0]!.status, 'expired');
});

test('only the first page shown: the new first page, and its own next page', () => {
  const after = withNewestPage({ rows: rows(10, 9, 8), nextBefore: 8 }, page([11, 10, 9], 9));
  assert.deepEqual(ids(after), [11, 10, 9, 8]);
  assert.equal(after.nextBefore, 8);
  // The page does not reach the rows shown: whether a sale lies between is not known, so they go.
  const apart = withNewestPage({ rows: rows(10, 9), nextBefore: 9 }, page([12, 11], 11));
  assert.deepEqual(ids(apart), [12, 11]);
  assert.equal(apart.nextBefore, 11);
});

test('more new sales than a page since the last fetch: no gap is papered over', () => {
  const after = withNewestPage({ rows: rows(5, 4, 3), nextBefore: null }, page([20, 19, 18], 18));
  assert.deepEqual(ids(after), [20, 19, 18]);
  assert.equal(after.nextBefore, 18);
});

test('a page that reaches the day\'s first sale is the whole list', () => {
  const after = withNewestPage({ rows: rows(5, 4, 3, 2, 1), nextBefore: null }, page([3, 2, 1], null));
  assert.deepEqual(ids(after), [3, 2, 1]);
  assert.equal(after.nextBefore, null);
  assert.deepEqual(ids(withNewestPage({ rows: rows(2, 1), nextBefore: null }, page([], null))), []);
});

test('an older page goes after the rows shown, without repeating one', () => {
  const after = withOlderPage({ rows: rows(9, 8, 7), nextBefore: 7 }, page([7, 6, 5], 5));
  assert.deepEqual(ids(after), [9, 8, 7, 6, 5]);
  assert.equal(after.nextBefore, 5);
  assert.equal(withOlderPage({ rows: rows(9), nextBefore: 9 }, page([8], null)).nextBefore, null);
});

test('a row\'s receipt: the newer of the pushed job and the listed one', () => {
  const job = (id: number, status: PrintJobView['status']): PrintJobView => ({
    id, saleId: 7, kind: id === 1 ? 'receipt' : 'copy', status, attempts: 1, interrupted: false, lastError: null, createdAt: 0, printedAt: null,
  });
  assert.equal(newerJob(null, null), null);
  assert.equal(newerJob(null, job(1, 'printed'))?.id, 1);
  assert.equal(newerJob(job(2, 'queued'), job(1, 'printed'))?.id, 2, 'a reprint just asked for');
  assert.equal(newerJob(job(1, 'printed'), job(2, 'queued'))?.id, 2, 'the list knows a newer copy than the recent jobs');
  assert.equal(newerJob(job(1, 'printed'), job(1, 'printing'))?.status, 'printed', 'the same job: the push is the fresher');
});
