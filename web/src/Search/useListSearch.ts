import type { OfflineMemoStore } from '@memo-api/client/offline';
import { useHighlight } from './useHighlight.js';
import { searchKey, useMemoSearch } from './useMemoSearch.js';
import { useSearchState } from './useSearchState.js';

/**
 * The memo list's search: its state (SearchBox's controls), which search it is (`key`: '' when
 * nothing is searched), what it finds (undefined: nothing is searched), what to mark in the
 * entries, and whether it finds a given memo right now.
 */
export function useListSearch(store: OfflineMemoStore) {
  const controls = useSearchState();
  const found = useMemoSearch(store, controls.search);
  const highlight = useHighlight(controls.search);
  /** Asked of the store itself: a memo just created is there before this render's results show it. */
  const finds = (memoId: string) => !controls.searching || store.search(controls.search).some((memo) => memo.memoId === memoId);
  return { controls, key: searchKey(controls.search), found, highlight, finds };
}
