import { useCallback, useEffect, useReducer } from 'react';
import { describeError } from './errors.js';
import type { Memo, MemoApi } from './memoApi.js';

export interface MemoListState {
  /** Newest first, as listMemos pages them. */
  readonly memos: readonly Memo[];
  readonly nextToken: string | null;
  readonly loading: boolean;
  readonly error?: string;
}

type Action =
  | { type: 'loading' }
  | { type: 'page'; items: readonly Memo[]; nextToken: string | null }
  | { type: 'upsert'; memo: Memo }
  | { type: 'remove'; memoId: string }
  | { type: 'failed'; error: string };

const initial: MemoListState = { memos: [], nextToken: null, loading: true };

/**
 * The user's memos: the first page at once, more on `loadMore`, kept current by the private
 * subscriptions (another tab or device) and by this tab's own results (`upsert`, `remove`).
 * Events and pages may arrive in any order: a memo is kept at its highest version.
 */
export function useMemoList(api: MemoApi) {
  const [state, dispatch] = useReducer(reduce, initial);
  const load = useCallback(
    (nextToken: string | null) => {
      dispatch({ type: 'loading' });
      api.list(nextToken).then(
        ({ items, nextToken: next }) => dispatch({ type: 'page', items, nextToken: next }),
        (error: unknown) => dispatch({ type: 'failed', error: describeError(error) }),
      );
    },
    [api],
  );
  useEffect(() => {
    // Subscribed before the first page is asked for, so nothing created in between is missed.
    const stop = api.watch({
      created: (memo) => dispatch({ type: 'upsert', memo }),
      updated: (memo) => dispatch({ type: 'upsert', memo }),
      deleted: (memo) => dispatch({ type: 'remove', memoId: memo.memoId }),
    });
    load(null);
    return stop;
  }, [api, load]);
  return {
    ...state,
    loadMore: () => state.nextToken !== null && load(state.nextToken),
    upsert: (memo: Memo) => dispatch({ type: 'upsert', memo }),
    remove: (memoId: string) => dispatch({ type: 'remove', memoId }),
  };
}

function reduce(state: MemoListState, action: Action): MemoListState {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: true, error: undefined };
    case 'page':
      // Merged, not replaced: events that came before the page are newer than it.
      return { memos: merge(state.memos, action.items), nextToken: action.nextToken, loading: false };
    case 'upsert':
      return { ...state, memos: merge(state.memos, [action.memo]) };
    case 'remove':
      return { ...state, memos: state.memos.filter((memo) => memo.memoId !== action.memoId) };
    case 'failed':
      return { ...state, loading: false, error: action.error };
  }
}

/** The union by memoId (the higher version wins), newest first. */
function merge(current: readonly Memo[], incoming: readonly Memo[]): Memo[] {
  const byId = new Map(current.map((memo) => [memo.memoId, memo]));
  for (const memo of incoming) {
    const known = byId.get(memo.memoId);
    if (!known || known.version <= memo.version) byId.set(memo.memoId, memo);
  }
  const newestFirst = (a: Memo, b: Memo) =>
    a.createdAt === b.createdAt ? (a.memoId < b.memoId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
  return [...byId.values()].sort(newestFirst);
}
