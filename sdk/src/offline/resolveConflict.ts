import { draftOf, withChanges } from './memoFields.js';
import type { Edit, EditContext } from './outboxEdits.js';
import type { ReplicaState } from './replicaState.js';
import type { ConflictChoice, Memo, OutboxEntry, StorageBatch } from './types.js';

/** There is no conflict with this id (settled already, here or in another tab). */
export class ConflictNotFoundError extends Error {
  override readonly name = 'ConflictNotFoundError';
  constructor(readonly conflictId: string) {
    super(`No conflict ${conflictId} on this device`);
  }
}

/**
 * Settles a conflict in one batch:
 * - `theirs`: mine is dropped; the replica shows the server's memo (or none, when it was deleted);
 * - `mine`: mine is queued again at its old place (its seq) on the server's current version, so
 *   it is sent as the user made it; a memo deleted on the server is created anew under a new
 *   memoId (the API never reuses a deleted id) with mine's fields; a rejected edit is sent again
 *   as it was.
 */
export function resolveConflict(state: ReplicaState, conflictId: string, choice: ConflictChoice, ctx: EditContext): Edit<void> {
  const conflict = state.conflicts.get(conflictId);
  if (!conflict) throw new ConflictNotFoundError(conflictId);
  const { mine, theirs } = conflict;
  const settled: StorageBatch = {
    deleteConflicts: [conflictId],
    ...(theirs ? { putMemos: [theirs] } : conflict.kind === 'deleted' ? { deleteMemos: [conflict.memoId] } : {}),
  };
  if (choice === 'theirs') return { batch: settled, result: undefined };
  return { batch: { ...settled, putOutbox: [again(conflict.kind, mine, theirs, ctx)] }, result: undefined };
}

function again(kind: 'changed' | 'deleted' | 'rejected', mine: OutboxEntry, theirs: Memo | null, ctx: EditContext): OutboxEntry {
  if (kind === 'deleted') {
    if (mine.kind === 'create') return { ...mine, seq: ctx.nextSeq(), memoId: ctx.newMemoId(), queuedAt: ctx.now };
    if (mine.kind === 'update') {
      const draft = draftOf(withChanges(mine.base, mine.changes, mine.queuedAt));
      return { seq: ctx.nextSeq(), kind: 'create', memoId: ctx.newMemoId(), input: draft, queuedAt: ctx.now };
    }
    return mine;
  }
  if (theirs && mine.kind !== 'create') return { ...mine, base: theirs };
  return mine;
}
