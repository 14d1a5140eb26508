import type { MemoClient } from '../core/client.js';
import type { MemoApiError } from '../errors.js';
import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument, UpdateMemoDocument } from '../generated/operations.js';
import { callApi } from './callApi.js';
import type { Memo, OutboxEntry } from './types.js';

/**
 * What the server made of one outbox entry:
 * - `stored`: the create or update is on the server as `memo`;
 * - `gone`: the memo is deleted there (by this delete, or before it: the same end);
 * - `stale`: the server refused it for the memo's state (VersionConflict, MemoNotFound, a create
 *   whose id it already holds: sent before, its answer lost); `theirs` is the memo there now, read
 *   after the refusal (null: none, e.g. the create's memo was deleted since: ids are never reused);
 * - `refused`: any other typed error (ValidationError…): no retry would change it;
 * - `transient`: no answer worth acting on (network, timeout, 5xx, 401): try again later, as it was.
 */
export type EntryOutcome =
  | { readonly kind: 'stored'; readonly memo: Memo }
  | { readonly kind: 'gone' }
  | { readonly kind: 'stale'; readonly error: MemoApiError; readonly theirs: Memo | null }
  | { readonly kind: 'refused'; readonly error: MemoApiError }
  | { readonly kind: 'transient'; readonly error: MemoApiError };

const STALE = new Set(['VersionConflict', 'MemoNotFound', 'MemoAlreadyExists']);

export async function sendEntry(client: MemoClient, entry: OutboxEntry, timeoutMs: number): Promise<EntryOutcome> {
  const outcome = await request(client, entry, timeoutMs);
  if (outcome.kind === 'data') return outcome.memo ? { kind: 'stored', memo: outcome.memo } : { kind: 'gone' };
  if (outcome.kind === 'transient') return outcome;
  const { error } = outcome;
  if (!STALE.has(error.errorType)) return { kind: 'refused', error };
  if (entry.kind === 'delete' && error.errorType === 'MemoNotFound') return { kind: 'gone' };
  const theirs = await callApi(client, GetMemoDocument, { memoId: entry.memoId }, timeoutMs);
  if (theirs.kind !== 'data') return theirs.kind === 'transient' ? theirs : { kind: 'refused', error: theirs.error };
  if (entry.kind === 'delete' && theirs.data.memo === null) return { kind: 'gone' };
  return { kind: 'stale', error, theirs: theirs.data.memo };
}

type Sent = { kind: 'data'; memo: Memo | null } | { kind: 'transient' | 'refused'; error: MemoApiError };

async function request(client: MemoClient, entry: OutboxEntry, timeoutMs: number): Promise<Sent> {
  if (entry.kind === 'create') {
    const input = { ...entry.input, memoId: entry.memoId };
    const outcome = await callApi(client, CreateMemoDocument, { input }, timeoutMs);
    return outcome.kind === 'data' ? { kind: 'data', memo: outcome.data.createMemo } : outcome;
  }
  const expectedVersion = entry.base.version;
  if (entry.kind === 'update') {
    const input = { ...entry.changes, memoId: entry.memoId, expectedVersion };
    const outcome = await callApi(client, UpdateMemoDocument, { input }, timeoutMs);
    return outcome.kind === 'data' ? { kind: 'data', memo: outcome.data.updateMemo } : outcome;
  }
  const outcome = await callApi(client, DeleteMemoDocument, { memoId: entry.memoId, expectedVersion }, timeoutMs);
  return outcome.kind === 'data' ? { kind: 'data', memo: null } : outcome;
}
