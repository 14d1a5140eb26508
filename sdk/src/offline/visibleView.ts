import { newestFirst } from './memoFields.js';
import type { ReplicaState } from './replicaState.js';
import type { Memo, StorageBatch } from './types.js';
import { applyOutbox, sortedMemos, visibleMemos } from './visibleMemos.js';

/** The memos a change may have changed the view of: some ids, or all of them. */
export type TouchedMemos = ReadonlySet<string> | 'all';

/**
 * The memo ids whose view `batch` may change. Call it before applying the batch: the outbox
 * entries it deletes are looked up here, while they still exist.
 */
export function touchedBy(state: ReplicaState, batch: StorageBatch): TouchedMemos {
  if (batch.replaceMemos) return 'all';
  const ids = new Set<string>();
  for (const memo of batch.putMemos ?? []) ids.add(memo.memoId);
  for (const memoId of batch.deleteMemos ?? []) ids.add(memoId);
  for (const seq of batch.deleteOutbox ?? []) addEntryOf(ids, state, seq);
  for (const entry of batch.putOutbox ?? []) {
    ids.add(entry.memoId);
    addEntryOf(ids, state, entry.seq); // an entry replaced under its seq: its memo too
  }
  return ids;
}

function addEntryOf(ids: Set<string>, state: ReplicaState, seq: number): void {
  const entry = state.outbox.get(seq);
  if (entry) ids.add(entry.memoId);
}

/** Past this share of the memos, a rebuild and one sort cost less than patching one by one. */
const PATCH_SHARE = 1 / 8;

/**
 * The visible memos (visibleMemos) and their newest-first list, kept up to date by re-deriving
 * only the memos a batch touched: a change costs its own size and one copy of the list, not a
 * rebuild and sort of every memo (which a watched list would pay at each change). Unchanged memos
 * keep their objects, so readers can tell by identity what changed.
 */
export class VisibleView {
  private visible: Map<string, Memo> | undefined;
  private sorted: Memo[] | undefined;

  constructor(private readonly source: () => { readonly state: ReplicaState; readonly ownerId: string }) {}

  map(): Map<string, Memo> {
    if (!this.visible) {
      const { state, ownerId } = this.source();
      this.visible = visibleMemos(state, ownerId);
    }
    return this.visible;
  }

  /** Newest first; a new array after every change that moved or changed a memo (watchers compare by identity). */
  list(): Memo[] {
    return (this.sorted ??= sortedMemos(this.map()));
  }

  /** Forgets everything: rebuilt at the next read. */
  reset(): void {
    this.visible = undefined;
    this.sorted = undefined;
  }

  /** Brings the view to the state after a batch that touched `touched`; returns the ids whose memo changed ('all' after a rebuild). */
  patch(touched: TouchedMemos): TouchedMemos {
    if (!this.visible) return 'all';
    if (touched === 'all' || touched.size > this.visible.size * PATCH_SHARE + 16) {
      this.reset();
      return 'all';
    }
    const { state, ownerId } = this.source();
    const base = new Map<string, Memo>();
    for (const memoId of touched) {
      const memo = state.memos.get(memoId);
      if (memo) base.set(memoId, memo);
    }
    // Only the touched memos' entries, sorted: the whole outbox may hold a long offline session.
    const entries = [...state.outbox.values()].filter((entry) => touched.has(entry.memoId)).sort((a, b) => a.seq - b.seq);
    const derived = applyOutbox(base, entries, state, ownerId);
    const changed = new Set<string>();
    const sorted = this.sorted?.slice();
    for (const memoId of touched) {
      const before = this.visible.get(memoId);
      const after = derived.get(memoId);
      if (before === after) continue;
      changed.add(memoId);
      if (after) this.visible.set(memoId, after);
      else this.visible.delete(memoId);
      if (!sorted) continue;
      if (before) sorted.splice(positionOf(sorted, before), 1);
      if (after) sorted.splice(positionOf(sorted, after), 0, after);
    }
    if (changed.size > 0) this.sorted = sorted;
    return changed;
  }
}

/** Where `memo` is, or would go, in a newest-first list (a binary search: the order is total, memoIds being unique). */
function positionOf(sorted: readonly Memo[], memo: Memo): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(sorted[middle]!, memo) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
