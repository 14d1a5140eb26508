import { judgeUpdate } from './conflictRule.js';
import { changesAgainst, fieldsOf } from './memoFields.js';
import { entriesOf } from './outboxEdits.js';
import type { ReplicaState } from './replicaState.js';
import type { EntryOutcome } from './sendEntry.js';
import type { MemoApiError } from '../errors.js';
import type { Conflict, Memo, OutboxEntry, StorageBatch } from './types.js';

export interface Settlement {
  readonly batch: StorageBatch;
  /** The memo is deleted on the server: no live event of it may bring it back. */
  readonly gone?: string;
}

export interface SettleContext {
  readonly now: string;
  readonly newConflictId: () => string;
}

/**
 * The one batch that records what the server made of `entry` (never a transient outcome): the
 * entry leaves the outbox in the same batch that confirms the memo, re-queues it, or keeps it as
 * a conflict — so a crash between answer and commit replays the entry, and the replay is harmless.
 */
export function settleEntry(
  state: ReplicaState,
  entry: OutboxEntry,
  outcome: Exclude<EntryOutcome, { kind: 'transient' }>,
  ctx: SettleContext,
): Settlement {
  const done = { deleteOutbox: [entry.seq] };
  switch (outcome.kind) {
    case 'stored':
      return { batch: { ...done, ...confirm(state, outcome.memo, entry) } };
    case 'gone':
      return { batch: { ...done, deleteMemos: [entry.memoId] }, gone: entry.memoId };
    case 'refused':
      return { batch: { ...done, putConflicts: [conflict('rejected', entry, state.memos.get(entry.memoId) ?? null, ctx, outcome.error)] } };
    case 'stale':
      return stale(state, entry, outcome.theirs, outcome.error, ctx);
  }
}

function stale(state: ReplicaState, entry: OutboxEntry, theirs: Memo | null, error: MemoApiError, ctx: SettleContext): Settlement {
  const done = { deleteOutbox: [entry.seq] };
  if (theirs === null) {
    return {
      batch: { ...done, deleteMemos: [entry.memoId], putConflicts: [conflict('deleted', entry, null, ctx, error)] },
      gone: entry.memoId,
    };
  }
  if (entry.kind === 'delete')
    return { batch: { ...done, putMemos: [theirs], putConflicts: [conflict('changed', entry, theirs, ctx, error)] } };
  if (entry.kind === 'create') {
    // The create reached the server before (its answer was lost): what the memo lacks of it is sent as an update.
    const left = changesAgainst(theirs, entry.input);
    if (fieldsOf(left).length === 0) return { batch: { ...done, ...confirm(state, theirs, entry) } };
    const rest: OutboxEntry = {
      seq: entry.seq,
      kind: 'update',
      memoId: entry.memoId,
      changes: left,
      base: theirs,
      queuedAt: entry.queuedAt,
    };
    return { batch: { putMemos: [theirs], putOutbox: [rest] } };
  }
  const verdict = judgeUpdate(entry.base, entry.changes, theirs);
  if (verdict.kind === 'applied') return { batch: { ...done, ...confirm(state, theirs, entry) } };
  if (verdict.kind === 'merge') return { batch: { putMemos: [theirs], putOutbox: [{ ...entry, changes: verdict.changes, base: theirs }] } };
  return { batch: { ...done, putMemos: [theirs], putConflicts: [conflict('changed', entry, theirs, ctx, error)] } };
}

/**
 * `memo` is the server's now, as this entry left it: later entries of the memo, made on top of
 * this one, move onto it (so they send its version). A newer copy already known is kept.
 */
function confirm(state: ReplicaState, memo: Memo, entry: OutboxEntry): StorageBatch {
  const known = state.memos.get(memo.memoId);
  const later = entriesOf(state, entry.memoId).filter(
    (next): next is Exclude<OutboxEntry, { kind: 'create' }> =>
      next.seq > entry.seq && next.kind !== 'create' && next.base.version <= memo.version,
  );
  return {
    ...(known && known.version > memo.version ? {} : { putMemos: [memo] }),
    putOutbox: later.map((next): OutboxEntry => ({ ...next, base: memo })),
  };
}

function conflict(kind: Conflict['kind'], mine: OutboxEntry, theirs: Memo | null, ctx: SettleContext, error: MemoApiError): Conflict {
  return { id: ctx.newConflictId(), kind, memoId: mine.memoId, mine, theirs, error, detectedAt: ctx.now };
}
