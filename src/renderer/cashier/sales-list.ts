/**
 * Today's sales list on the cashier screen. The host does not push it (a push would grow with the
 * day): it pushes `salesRevision`, and this store fetches the newest page (`sales.page`) whenever
 * that revision or the day changes, and older pages when the cashier asks ("Show more"). The merge
 * rules are pure functions, tested in Node.
 */
import { create } from 'zustand';
import type { SaleListItem, SalesPage } from '../../shared/contract.ts';
import { invoke } from './store.ts';

export interface SalesRows {
  /** Newest first, one contiguous run of today's sales from the newest. */
  rows: SaleListItem[];
  /** Where the next older page starts; null when the day's first sale is shown. */
  nextBefore: number | null;
}

/**
 * The newest page just fetched, over what is shown. Older rows the cashier had loaded stay (they
 * follow on from the new page) unless a gap could lie between them: then only the new page is kept
 * and "Show more" fetches the rest again.
 */
export function withNewestPage(shown: SalesRows, page: SalesPage): SalesRows {
  const oldest = page.sales.at(-1)?.id;
  if (oldest === undefined || page.nextBefore === null) return { rows: page.sales, nextBefore: page.nextBefore };
  const reachesPage = shown.rows.length > 0 && shown.rows[0]!.id >= oldest;
  const older = reachesPage ? shown.rows.filter((row) => row.id < oldest) : [];
  return older.length > 0 ? { rows: [...page.sales, ...older], nextBefore: shown.nextBefore } : { rows: page.sales, nextBefore: page.nextBefore };
}

/** An older page, after what is shown (a sale already shown is not repeated). */
export function withOlderPage(shown: SalesRows, page: SalesPage): SalesRows {
  const last = shown.rows.at(-1)?.id ?? Number.POSITIVE_INFINITY;
  return { rows: [...shown.rows, ...page.sales.filter((row) => row.id < last)], nextBefore: page.nextBefore };
}

interface SalesListStore extends SalesRows {
  /** The revision and day the rows were fetched for; null until the first page arrived. */
  loaded: string | null;
  loadingMore: boolean;
  /** Fetches the newest page unless the rows are already those of `key` (revision and day). */
  sync(key: string, day: string): Promise<void>;
  loadMore(): Promise<void>;
}

export const useSalesList = create<SalesListStore>()((set, get) => {
  /** The key the newest fetch is for, and whether one is running. */
  let wanted: { key: string; day: string } | null = null;
  let fetching = false;
  let shownDay: string | null = null;

  async function fetchNewest(): Promise<void> {
    fetching = true;
    try {
      // Until the rows match the newest key: a change during the fetch asks for another.
      while (wanted && wanted.key !== get().loaded) {
        const target = wanted;
        const reply = await invoke('sales.page', {});
        if (!reply.ok) {
          // Kept as they were; the next pushed state (they come every few seconds) tries again.
          return;
        }
        // A new day starts a new list; within the day, older rows loaded by "Show more" stay.
        const base: SalesRows = shownDay === target.day ? get() : { rows: [], nextBefore: null };
        shownDay = target.day;
        set({ ...withNewestPage(base, reply.value), loaded: target.key });
      }
    } finally {
      fetching = false;
    }
  }

  return {
    rows: [],
    nextBefore: null,
    loaded: null,
    loadingMore: false,
    async sync(key, day) {
      wanted = { key, day };
      if (!fetching) await fetchNewest();
    },
    async loadMore() {
      const { nextBefore, loadingMore } = get();
      if (nextBefore === null || loadingMore) return;
      set({ loadingMore: true });
      const reply = await invoke('sales.page', { before: nextBefore });
      set({ loadingMore: false });
      // Only onto the rows it was asked for: the newest page may have replaced them meanwhile.
      if (reply.ok && get().nextBefore === nextBefore) set(withOlderPage(get(), reply.value));
    },
  };
});
