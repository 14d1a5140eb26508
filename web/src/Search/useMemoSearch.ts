import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useEffect, useMemo, useState } from 'react';
import { isSearching, type SearchState } from './searchState.js';

/**
 * What the store finds for `search` on this device (newest first), kept current by a live query
 * (`watch`) as memos change here, in another tab or on the server; undefined when nothing is
 * searched. The first results of a new search are read in the render itself (`store.search`), so
 * the keystroke's own render shows them, not the one after the watch's first call.
 */
export function useMemoSearch(store: OfflineMemoStore, search: SearchState): readonly Memo[] | undefined {
  const active = isSearching(search);
  const key = active ? JSON.stringify([search.query, search.tags]) : '';
  // The search as of `key`: a new object only when the search changed, so the hooks below run once per search.
  const asked = useMemo(() => ({ query: search.query, tags: search.tags }), [key]);
  const [watched, setWatched] = useState<{ readonly key: string; readonly memos: readonly Memo[] }>();
  const first = useMemo(() => (active ? store.search(asked) : undefined), [store, asked, active]);
  useEffect(() => {
    if (!active) return undefined;
    // Its first call (at once) repeats what the render read, unless a change came in between: only a change is worth a render.
    let subscribing = true;
    const stop = store.watch({ search: asked }, (memos) => {
      if (!(subscribing && sameMemos(memos, first))) setWatched({ key, memos });
    });
    subscribing = false;
    return stop;
  }, [store, asked, active, key, first]);
  if (!active) return undefined;
  return watched?.key === key ? watched.memos : first;
}

const sameMemos = (a: readonly Memo[], b: readonly Memo[] | undefined) => a.length === b?.length && a.every((memo, i) => memo === b[i]);
