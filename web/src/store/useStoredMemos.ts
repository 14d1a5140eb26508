import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useEffect, useState } from 'react';

export interface StoredMemos {
  /** Every live memo on this device (pending edits applied), newest first by date created. */
  readonly memos: readonly Memo[];
  /** The device's copy is loaded (before that, `memos` is empty for lack of reading, not of memos). */
  readonly ready: boolean;
  /** Why the device's copy could not be opened (IndexedDB refused: a private window of some browsers, storage blocked). */
  readonly error?: string;
}

/** The user's memos from the store's replica, kept current by a live query (`watch`). */
export function useStoredMemos(store: OfflineMemoStore): StoredMemos {
  const [state, setState] = useState<StoredMemos>({ memos: [], ready: false });
  useEffect(() => {
    let watching = true;
    const stop = store.watch(undefined, (memos) => setState((current) => ({ ...current, memos })));
    store.ready.then(
      () => watching && setState({ memos: store.list(), ready: true }),
      (error: unknown) =>
        watching && setState((current) => ({ ...current, ready: true, error: error instanceof Error ? error.message : 'unknown error' })),
    );
    return () => {
      watching = false;
      stop();
    };
  }, [store]);
  return state;
}
