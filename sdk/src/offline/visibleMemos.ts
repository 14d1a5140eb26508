import { newestFirst, optimisticMemo, withChanges } from './memoFields.js';
import { outboxInOrder, type ReplicaState } from './replicaState.js';
import type { Memo, OutboxEntry } from './types.js';

/**
 * What the device shows: the server's memos with the outbox applied on top, in seq order. An
 * update applies its changes to whatever the memo is now, so a server change under a pending
 * edit shows the edit on the new base (a rebase); a conflict's memo shows the server's version
 * until the user settles it.
 */
export function visibleMemos(state: ReplicaState, ownerId: string): Map<string, Memo> {
  return applyOutbox(new Map(state.memos), outboxInOrder(state), state, ownerId);
}

/**
 * Applies `entries` (in seq order) onto `visible`, the server's memos they are about. A memo's
 * view depends on its own server copy and its own entries only, so a subset of memos can be
 * re-derived alone (VisibleView) with the same result as the whole.
 */
export function applyOutbox(
  visible: Map<string, Memo>,
  entries: readonly OutboxEntry[],
  state: ReplicaState,
  ownerId: string,
): Map<string, Memo> {
  for (const entry of entries) {
    if (entry.kind === 'create') {
      // A create the feed already delivered (its answer was lost) shows the server's copy.
      if (!state.memos.has(entry.memoId)) visible.set(entry.memoId, optimisticMemo(entry.memoId, ownerId, entry.input, entry.queuedAt));
    } else if (entry.kind === 'update') {
      const memo = visible.get(entry.memoId);
      if (memo) visible.set(entry.memoId, withChanges(memo, entry.changes, entry.queuedAt));
    } else {
      visible.delete(entry.memoId);
    }
  }
  return visible;
}

export function sortedMemos(visible: ReadonlyMap<string, Memo>): Memo[] {
  return [...visible.values()].sort(newestFirst);
}
