import { normaliseTags, tagKey } from '@memo-api/client';

/** What the search box asks the store for: the words typed, and the tags chosen (the store's MemoSearch). */
export interface SearchState {
  readonly query: string;
  readonly tags: readonly string[];
}

export const NO_SEARCH: SearchState = { query: '', tags: [] };

/** Whether anything is asked: a query that is not blank, or a tag. (What matches is the store's to say.) */
export const isSearching = ({ query, tags }: SearchState): boolean => query.trim() !== '' || tags.length > 0;

/** The search with one more tag; a tag already chosen (ignoring case, as memos' tags are told apart) is not added twice. */
export const withTag = (search: SearchState, tag: string): SearchState => {
  const tags = normaliseTags([...search.tags, tag]);
  return tags.length === search.tags.length ? search : { ...search, tags };
};

/** The search without a tag (the same tag ignoring case). */
export const withoutTag = (search: SearchState, tag: string): SearchState => ({
  ...search,
  tags: search.tags.filter((chosen) => tagKey(chosen) !== tagKey(tag)),
});
