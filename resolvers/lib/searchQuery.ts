import { ValidationError } from './errors.js';
import { parseTags, requireString } from './fieldParsers.js';
import { countChars, tagKey } from './memoRules.js';
import { searchWords, type SearchFilter } from './searchMatch.js';

export type { SearchFilter } from './searchMatch.js';

/** The limits of a search: a query is a few words typed in a box, not a document. */
export const SEARCH_LIMITS = {
  queryMaxChars: 200,
  queryMaxWords: 10,
} as const;

/**
 * searchMemos' query and tags as a filter. The query is split into words (searchWords); a query
 * with none (absent, blank, punctuation only) filters nothing. Tags follow the memo's tag rule
 * (each 1–50 characters after trimming, at most 20 distinct ignoring case) and are compared by
 * tagKey, as stored tags are told apart.
 *
 * @example
 * parseSearch('Café meet', ['Work']); // { words: ['cafe', 'meet'], tagKeys: ['work'] }
 * @throws {ValidationError} naming `query`, `tags` or `tags[i]` when one breaks its limit
 */
export function parseSearch(query: unknown, tags: unknown): SearchFilter {
  return { words: queryWords(query), tagKeys: tags == null ? [] : parseTags(tags, 'tags').map(tagKey) };
}

function queryWords(query: unknown): string[] {
  if (query == null) return [];
  const text = requireString(query, 'query');
  if (countChars(text) > SEARCH_LIMITS.queryMaxChars) {
    throw new ValidationError('query', `must be at most ${SEARCH_LIMITS.queryMaxChars} characters`);
  }
  const words = searchWords(text);
  if (words.length > SEARCH_LIMITS.queryMaxWords) {
    throw new ValidationError('query', `must hold at most ${SEARCH_LIMITS.queryMaxWords} words`);
  }
  return words;
}
