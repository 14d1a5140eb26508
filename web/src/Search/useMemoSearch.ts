import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useLayoutEffect, useMemo, useState } from 'react';
import { isSearching, type SearchState } from './searchState.js';

/** What a search found, and which search (its key) it was. */
interface Found {
  readonly key: string;
  readonly memos: readonly Memo[];
}

/** The identity of a search: two states with the same words and tags are one search. */
export const searchKey = (search: SearchState): string => (isSearching(search) ? JSON.stringify([search.query, search.tags]) : '');

/**
 * What the store finds for `search` on this device (newest first), kept current by a live query
 * (`watch`) as memos change here, in another tab or on the server; undefined when nothing is
 * searched. The store searches once per keystroke: the watch's first answer, which comes at once
 * and is set in a layout effect, so the render it causes happens before the browser paints.
 */
export function useMemoSearch(store: OfflineMemoStore, search: SearchState): readonly Memo[] | undefined {
  const key = searchKey(search);
  // The search as of `key`: a new object only when the search changed, so the watch starts once per search.
  const asked = useMemo(() => ({ query: search.query, tags: search.tags }), [key]);
  const [found, setFound] = useState<Found>();
  useLayoutEffect(() => {
    if (key === '') return undefined;
    return store.watch({ search: asked }, (memos) => setFound({ key, memos }));
  }, [store, asked, key]);
  if (key === '') return undefined;
  // Until the new search answers (in this same commit, before paint), the last search's memos stand.
  return found?.memos ?? [];
}
