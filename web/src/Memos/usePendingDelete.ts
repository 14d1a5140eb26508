import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useCallback, useEffect, useRef, useState } from 'react';
import { UNDO_DELETE_MS } from './undoDeleteDelay.js';

export interface PendingDeleteEvents {
  /** The store could not keep the delete (the device is out of space): the memo stays, as `error` says. */
  onRefused(memo: Memo, error: unknown): void;
}

/**
 * Delete with Undo: the memo is hidden at once and the delete is handed to the store (which keeps
 * it and sends it when it can) only when UNDO_DELETE_MS have passed, when another delete starts,
 * or on `send()` (sign-out); leaving the page hands it over too. Until then Undo takes it back and
 * nothing was queued, so no failure of this path can lose a memo: at worst a memo the user deleted
 * is still there. The store's delete names the version it was made on: a memo changed elsewhere
 * meanwhile becomes a conflict, not a silent loss.
 */
export function usePendingDelete(store: OfflineMemoStore, events: PendingDeleteEvents) {
  const [pending, setPending] = useState<Memo>();
  const current = useRef<{ memo: Memo; timer: ReturnType<typeof setTimeout> }>();
  const latestEvents = useRef(events);
  latestEvents.current = events;

  const send = useCallback(async () => {
    const due = current.current;
    if (!due) return;
    current.current = undefined;
    clearTimeout(due.timer);
    setPending(undefined);
    try {
      await store.delete(due.memo.memoId);
    } catch (failure) {
      latestEvents.current.onRefused(due.memo, failure);
    }
  }, [store]);

  const start = (memo: Memo) => {
    void send();
    current.current = { memo, timer: setTimeout(() => void send(), UNDO_DELETE_MS) };
    setPending(memo);
  };

  const undo = (): Memo | undefined => {
    const taken = current.current;
    if (!taken) return undefined;
    clearTimeout(taken.timer);
    current.current = undefined;
    setPending(undefined);
    return taken.memo;
  };

  useEffect(() => {
    const leaving = () => void send();
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('pagehide', leaving);
      leaving();
    };
  }, [send]);

  return { pending, start, undo, send };
}
