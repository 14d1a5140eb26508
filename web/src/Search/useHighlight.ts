import { matchRanges } from '@memo-api/client/offline';
import { useMemo } from 'react';
import type { TextRange } from './highlightSegments.js';
import type { SearchState } from './searchState.js';

/**
 * What the search's words match in a text, by the SDK's matchRanges (the store's own matching
 * rules, so what is marked is what was found); undefined when no words are typed.
 */
export function useHighlight({ query }: SearchState): ((text: string) => readonly TextRange[]) | undefined {
  return useMemo(() => (query.trim() === '' ? undefined : (text: string) => matchRanges(text, { query })), [query]);
}
