import { memoMatches, searchFilter } from '../resolverSeam.js';
import { newestFirst, type IndexedMemo, type SearchRequest } from './clientSearchAdapter.js';

/** The linear reference: the shared rules (memoMatches) over every memo, newest first. */
export function referenceSearch(memos: readonly IndexedMemo[], request: SearchRequest): string[] {
  const filter = searchFilter(request.query, request.tags);
  return memos
    .filter((memo) => memoMatches(filter, memo))
    .sort(newestFirst)
    .map((memo) => memo.id);
}

/** How a candidate's answers differ from the reference's over one set of searches. */
export interface Mismatches {
  /** Searches whose ids (or their order) differ. */
  searches: number;
  /** Memos the reference found and the candidate did not, summed over the searches. */
  missing: number;
  /** Memos the candidate found and the reference did not. */
  extra: number;
  /** Up to three differing searches, for the reader: the query, the tags, what was missing and extra. */
  examples: string[];
}

export function countMismatches(
  requests: readonly SearchRequest[],
  expected: readonly (readonly string[])[],
  answers: readonly (readonly string[])[],
): Mismatches {
  const result: Mismatches = { searches: 0, missing: 0, extra: 0, examples: [] };
  requests.forEach((request, i) => {
    const want = expected[i]!;
    const got = answers[i] ?? [];
    if (want.length === got.length && want.every((id, j) => got[j] === id)) return;
    const [wanted, found] = [new Set(want), new Set(got)];
    const missing = want.filter((id) => !found.has(id)).length;
    const extra = got.filter((id) => !wanted.has(id)).length;
    result.searches++;
    result.missing += missing;
    result.extra += extra;
    if (result.examples.length < 3)
      result.examples.push(
        `${JSON.stringify(request.query)}${request.tags.length > 0 ? ` tags ${JSON.stringify(request.tags)}` : ''}: ${missing} missing, ${extra} extra${missing + extra === 0 ? ', order differs' : ''}`,
      );
  });
  return result;
}
