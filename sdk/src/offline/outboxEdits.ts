import { fieldsOf, optimisticMemo, withChanges } from './memoFields.js';
import { outboxInOrder, type ReplicaState } from './replicaState.js';
import type { Memo, MemoChanges, MemoDraft, OutboxEntry, StorageBatch } from './types.js';

/** What an edit needs besides the state: the clock, the next seq, the owner and the entry being sent now. */
export interface EditContext {
  readonly now: string;
  readonly nextSeq: () => number;
  readonly ownerId: string;
  /** The seq of the entry a drain is sending (its input never changes: a retry resends the same thing). */
  readonly inFlight: number | undefined;
  readonly newMemoId: () => string;
}

export interface Edit<T> {
  readonly batch: StorageBatch;
  readonly result: T;
}

/** The memo is not on this device (never was, or deleted): the edit is refused at once. */
export class MemoNotInReplicaError extends Error {
  override readonly name = 'MemoNotInReplicaError';
  constructor(readonly memoId: string) {
    super(`Memo ${memoId} is not on this device`);
  }
}

export function createEdit(draft: MemoDraft, ctx: EditContext): Edit<Memo> {
  const memoId = ctx.newMemoId();
  const entry: OutboxEntry = { seq: ctx.nextSeq(), kind: 'create', memoId, input: draft, queuedAt: ctx.now };
  return { batch: { putOutbox: [entry] }, result: optimisticMemo(memoId, ctx.ownerId, draft, ctx.now) };
}

/**
 * An update, folded into the memo's last queued create or update when that one is not being
 * sent (fewer requests); otherwise queued on the server memo it was made on.
 */
export function updateEdit(
  state: ReplicaState,
  visible: Memo | undefined,
  memoId: string,
  changes: MemoChanges,
  ctx: EditContext,
): Edit<Memo> {
  if (!visible) throw new MemoNotInReplicaError(memoId);
  const sent: MemoChanges = Object.fromEntries(fieldsOf(changes).map((field) => [field, changes[field]]));
  const result = withChanges(visible, sent, ctx.now);
  const last = entriesOf(state, memoId).at(-1);
  if (last && last.seq !== ctx.inFlight && last.kind === 'create') {
    return { batch: { putOutbox: [{ ...last, input: { ...last.input, ...sent } }] }, result };
  }
  if (last && last.seq !== ctx.inFlight && last.kind === 'update') {
    return { batch: { putOutbox: [{ ...last, changes: { ...last.changes, ...sent } }] }, result };
  }
  const entry: OutboxEntry = {
    seq: ctx.nextSeq(),
    kind: 'update',
    memoId,
    changes: sent,
    base: baseOf(state, memoId, ctx),
    queuedAt: ctx.now,
  };
  return { batch: { putOutbox: [entry] }, result };
}

/**
 * A delete. When the memo's create was never sent, nothing of it ever reaches the server: its
 * create and updates are dropped together. Otherwise the queued updates not yet sent are dropped
 * (the delete ends them) and the delete is queued — behind a create that was attempted (its
 * answer lost: it may be on the server), which stays, so the delete has a memo to end.
 */
export function deleteEdit(state: ReplicaState, visible: Memo | undefined, memoId: string, ctx: EditContext): Edit<void> {
  if (!visible) throw new MemoNotInReplicaError(memoId);
  const entries = entriesOf(state, memoId);
  const waiting = entries.filter((entry) => entry.seq !== ctx.inFlight);
  const create = waiting[0]?.kind === 'create' ? waiting[0] : undefined;
  if (create && !create.attempted) return { batch: { deleteOutbox: entries.map((entry) => entry.seq) }, result: undefined };
  const dropped = waiting.filter((queued) => queued !== create);
  const entry: OutboxEntry = { seq: ctx.nextSeq(), kind: 'delete', memoId, base: baseOf(state, memoId, ctx), queuedAt: ctx.now };
  return { batch: { deleteOutbox: dropped.map((queued) => queued.seq), putOutbox: [entry] }, result: undefined };
}

export function entriesOf(state: ReplicaState, memoId: string): OutboxEntry[] {
  return outboxInOrder(state).filter((entry) => entry.memoId === memoId);
}

/**
 * The server memo an edit is made on: the confirmed one, or, while the memo's create is being
 * sent, the memo that create makes (version 1). A success moves later entries onto its result.
 */
function baseOf(state: ReplicaState, memoId: string, ctx: EditContext): Memo {
  const confirmed = state.memos.get(memoId);
  if (confirmed) return confirmed;
  const create = entriesOf(state, memoId).find((entry) => entry.kind === 'create');
  if (create?.kind === 'create') return optimisticMemo(memoId, ctx.ownerId, create.input, create.queuedAt);
  throw new MemoNotInReplicaError(memoId);
}
