import { useMemo, useState } from 'react';
import { isSearching, NO_SEARCH, withoutTag, withTag, type SearchState } from './searchState.js';

/** The search box's state and what changes it: words typed, tags chosen (from a memo) or removed (from the chips), all cleared. */
export interface SearchControls {
  readonly search: SearchState;
  readonly searching: boolean;
  readonly setQuery: (query: string) => void;
  readonly addTag: (tag: string) => void;
  readonly removeTag: (tag: string) => void;
  readonly clear: () => void;
}

export function useSearchState(): SearchControls {
  const [search, setSearch] = useState<SearchState>(NO_SEARCH);
  return useMemo(
    () => ({
      search,
      searching: isSearching(search),
      setQuery: (query: string) => setSearch((current) => ({ ...current, query })),
      addTag: (tag: string) => setSearch((current) => withTag(current, tag)),
      removeTag: (tag: string) => setSearch((current) => withoutTag(current, tag)),
      clear: () => setSearch(NO_SEARCH),
    }),
    [search],
  );
}
