import type { MemoClient } from '../core/client.js';
import type { MemoApiError } from '../errors.js';
import { MemoChangesDocument, type MemoChangesQuery } from '../generated/operations.js';
import { callApi } from './callApi.js';
import type { ReplicaState } from './replicaState.js';
import type { Memo, StorageBatch } from './types.js';

type Change = MemoChangesQuery['memoChanges']['changes'][number];

/** What a pull needs of the store: its state, a commit of a batch computed from the state, and the ids known deleted. */
export interface PullDeps {
  readonly client: MemoClient;
  readonly timeoutMs: number;
  readonly state: () => ReplicaState;
  readonly commit: (batchOf: (state: ReplicaState) => StorageBatch) => Promise<void>;
  readonly gone: Set<string>;
}

/** The largest page memoChanges serves. */
const PAGE_LIMIT = 100;

/**
 * Pulls memoChanges from the stored cursor until `hasMore` is false. With a cursor, each page is
 * committed with its cursor (a pull cut short resumes there); the change with the higher version
 * wins. Without one (first start, or after SyncExpired) it is a full sync: the pages are
 * gathered and committed in one batch that replaces the confirmed memos, so afterwards they are
 * exactly what the sync returned; the outbox and the conflicts stay as they are.
 *
 * @returns undefined when done, or the failure that stopped it (retried later)
 */
export async function pullChanges(deps: PullDeps): Promise<MemoApiError | undefined> {
  let cursor = deps.state().cursor;
  let full: Map<string, Change> | undefined = cursor === null ? new Map() : undefined;
  for (;;) {
    const outcome = await callApi(deps.client, MemoChangesDocument, { cursor, limit: PAGE_LIMIT }, deps.timeoutMs);
    if (outcome.kind !== 'data') {
      if (outcome.error.errorType !== 'SyncExpired' || full) return outcome.error;
      // The cursor stands before the tombstone retention: sync everything again.
      cursor = null;
      full = new Map();
      continue;
    }
    const page = outcome.data.memoChanges;
    cursor = page.cursor;
    if (full) {
      for (const change of page.changes) if (isNewer(change, full.get(change.memoId)?.version)) full.set(change.memoId, change);
    } else {
      const changes = page.changes;
      const next = cursor;
      await deps.commit((state) => ({ ...changesBatch(state, changes, deps.gone), cursor: next }));
    }
    if (!page.hasMore) break;
  }
  if (full) {
    const changes = [...full.values()];
    const next = cursor;
    for (const change of changes) if (change.deleted) deps.gone.add(change.memoId);
    await deps.commit(() => ({ replaceMemos: true, putMemos: changes.flatMap((change) => liveMemo(change)), cursor: next }));
  }
  return undefined;
}

function changesBatch(state: ReplicaState, changes: readonly Change[], gone: Set<string>): StorageBatch {
  const putMemos: Memo[] = [];
  const deleteMemos: string[] = [];
  for (const change of changes) {
    if (!isNewer(change, state.memos.get(change.memoId)?.version)) continue;
    if (change.deleted) {
      gone.add(change.memoId);
      deleteMemos.push(change.memoId);
    } else if (!gone.has(change.memoId)) putMemos.push(...liveMemo(change));
  }
  return { putMemos, deleteMemos };
}

function isNewer(change: Change, known: number | undefined): boolean {
  return known === undefined || change.version > known;
}

function liveMemo(change: Change): Memo[] {
  return change.deleted || change.memo === null ? [] : [change.memo];
}
