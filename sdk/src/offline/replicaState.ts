import type { Conflict, Memo, OutboxEntry, StorageBatch, StoredState } from './types.js';

/**
 * The stored state held in maps, so a batch applies in time proportional to its size: what the
 * store keeps in memory, and what memoryStorage and fileStorage keep behind their commits.
 */
export interface ReplicaState {
  cursor: string | null;
  readonly memos: Map<string, Memo>;
  /** By seq; `outboxInOrder` sorts it. */
  readonly outbox: Map<number, OutboxEntry>;
  readonly conflicts: Map<string, Conflict>;
}

export function emptyState(): StoredState {
  return { cursor: null, memos: [], outbox: [], conflicts: [] };
}

export function toReplicaState(stored: StoredState): ReplicaState {
  return {
    cursor: stored.cursor,
    memos: new Map(stored.memos.map((memo) => [memo.memoId, memo])),
    outbox: new Map(stored.outbox.map((entry) => [entry.seq, entry])),
    conflicts: new Map(stored.conflicts.map((conflict) => [conflict.id, conflict])),
  };
}

export function toStoredState(state: ReplicaState): StoredState {
  return {
    cursor: state.cursor,
    memos: [...state.memos.values()],
    outbox: outboxInOrder(state),
    conflicts: [...state.conflicts.values()],
  };
}

export function outboxInOrder(state: Pick<ReplicaState, 'outbox'>): OutboxEntry[] {
  return [...state.outbox.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Applies one batch in place, in the order its members are documented: a full sync's
 * `replaceMemos` first drops every memo, then puts; deletes come after puts.
 */
export function applyBatch(state: ReplicaState, batch: StorageBatch): void {
  if (batch.cursor !== undefined) state.cursor = batch.cursor;
  if (batch.replaceMemos) state.memos.clear();
  for (const memo of batch.putMemos ?? []) state.memos.set(memo.memoId, memo);
  for (const memoId of batch.deleteMemos ?? []) state.memos.delete(memoId);
  for (const seq of batch.deleteOutbox ?? []) state.outbox.delete(seq);
  for (const entry of batch.putOutbox ?? []) state.outbox.set(entry.seq, entry);
  for (const id of batch.deleteConflicts ?? []) state.conflicts.delete(id);
  for (const conflict of batch.putConflicts ?? []) state.conflicts.set(conflict.id, conflict);
}

/** True when the batch changes nothing (the store then skips the commit). */
export function isEmptyBatch(batch: StorageBatch): boolean {
  return (
    batch.cursor === undefined &&
    !batch.replaceMemos &&
    !batch.putMemos?.length &&
    !batch.deleteMemos?.length &&
    !batch.putOutbox?.length &&
    !batch.deleteOutbox?.length &&
    !batch.putConflicts?.length &&
    !batch.deleteConflicts?.length
  );
}
