import type { SearchLimit } from './searchFigures.js';

/** Assumed AWS latencies of one Query reading up to 1 MB (ms), optimistic to pessimistic: the model's input, not a measurement. */
export const ASSUMED_QUERY_MS = [10, 20, 40] as const;
export const SEARCH_BUDGET_MS = 300;

/**
 * Up to how many memos a no-match search (which reads the owner's whole partition) fits `budgetMs`
 * when each Query takes `queryMs` and the handler spends `handlerMsPerMemo` on each memo read: its
 * Queries ask for `limit` + 1 items, then twice as many each time, up to `largestQuery` (the most
 * one Query read in the measurement: the chunk cap, or DynamoDB's 1 MB). A Query is counted
 * whole or not at all; AppSync's own hop is left out.
 *
 * @example
 * searchLimit({ queryMs: 20, handlerMsPerMemo: 0, budgetMs: 300, limit: 20, largestQuery: 1000 }); // 15 Queries, 10,323 memos
 */
export function searchLimit(model: {
  queryMs: number;
  handlerMsPerMemo: number;
  budgetMs: number;
  limit: number;
  largestQuery: number;
}): SearchLimit {
  const { queryMs, handlerMsPerMemo, budgetMs, limit, largestQuery } = model;
  let [queries, memos, spent] = [0, 0, 0];
  for (let chunk = limit + 1; ; chunk *= 2) {
    const items = Math.min(chunk, largestQuery);
    const cost = queryMs + items * handlerMsPerMemo;
    if (spent + cost > budgetMs) break;
    [queries, memos, spent] = [queries + 1, memos + items, spent + cost];
  }
  return { queryMs, budgetMs, handlerMsPerMemo, queries, memos };
}
