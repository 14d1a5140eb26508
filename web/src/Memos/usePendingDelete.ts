import { toMemoApiError } from '@memo-api/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memo, MemoApi } from '../api/memoApi.js';
import { UNDO_DELETE_MS } from './undoDeleteDelay.js';

export interface PendingDeleteEvents {
  /** The API deleted the memo (or it was gone already). */
  onDeleted(memo: Memo): void;
  /** The API refused: the memo stays, as `error` says (a VersionConflict: it changed elsewhere meanwhile). */
  onRefused(memo: Memo, error: unknown): void;
}

/**
 * Delete with Undo: the memo is hidden at once and the delete is sent only when UNDO_DELETE_MS
 * have passed, when another delete starts, or on `send()` (sign-out); leaving the page sends it
 * if the browser lets the request out. Until then Undo takes it back and nothing was written, so
 * no failure of this path can lose a memo: at worst a memo the user deleted is still there.
 * The delete names the version that was deleted: a memo changed elsewhere meanwhile is kept.
 */
export function usePendingDelete(api: MemoApi, events: PendingDeleteEvents) {
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
      await api.remove(due.memo.memoId, due.memo.version);
      latestEvents.current.onDeleted(due.memo);
    } catch (failure) {
      if (toMemoApiError(failure)?.errorType === 'MemoNotFound') latestEvents.current.onDeleted(due.memo);
      else latestEvents.current.onRefused(due.memo, failure);
    }
  }, [api]);

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
