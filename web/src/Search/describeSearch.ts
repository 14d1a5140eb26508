import type { SearchState } from './searchState.js';

/** "a", "a and b", "a, b and c". */
function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What was searched, in words, for the results line and the empty state: `“meet” tagged work`,
 * `tagged work and home`, `“meet”`. The query is quoted as typed (trimmed): it is what the user sees.
 */
export function describeSearch({ query, tags }: SearchState): string {
  const words = query.trim();
  const parts = [words === '' ? '' : `“${words}”`, tags.length === 0 ? '' : `tagged ${inWords(tags)}`];
  return parts.filter((part) => part !== '').join(' ');
}

/** The empty state: `No memos match “meet” tagged work`; tags alone: `No memos are tagged work`. */
export function noMatchesText(search: SearchState): string {
  return search.query.trim() === '' ? `No memos are ${describeSearch(search)}` : `No memos match ${describeSearch(search)}`;
}

/** The results line: `3 memos match “meet” tagged work`, `1 memo is tagged work`. */
export function resultsText(count: number, search: SearchState): string {
  const memos = `${count.toLocaleString('en')} ${count === 1 ? 'memo' : 'memos'}`;
  const verb = search.query.trim() === '' ? (count === 1 ? 'is' : 'are') : count === 1 ? 'matches' : 'match';
  return `${memos} ${verb} ${describeSearch(search)}`;
}
