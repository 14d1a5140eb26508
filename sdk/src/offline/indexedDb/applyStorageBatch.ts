import type { StorageBatch } from '../types.js';
import { MEMO_DB_STORES, type MemoDb } from './memoDbSchema.js';

const writeTransaction = (db: MemoDb) => db.transaction(MEMO_DB_STORES, 'readwrite');
type BatchTransaction = ReturnType<typeof writeTransaction>;

/**
 * Applies a batch in one readwrite transaction: all of it is kept, or none. The writes go in the
 * order replicaState's applyBatch (the store's memory) uses, so both agree on a batch that names a
 * key twice: replaceMemos clears, then memos are put, then deleted; outbox and conflicts delete, then put.
 * Rejects with what failed: a value IndexedDB cannot store, or the transaction's error
 * (QuotaExceededError surfaces there, from a request or when the transaction commits).
 */
export async function applyStorageBatch(db: MemoDb, batch: StorageBatch): Promise<void> {
  const tx = writeTransaction(db);
  const requests: Promise<unknown>[] = [];
  let thrown: { error: unknown } | undefined;
  try {
    queueWrites(tx, batch, requests);
  } catch (error) {
    // A request that throws at once (e.g. DataCloneError) leaves the transaction active: abort it,
    // or the writes queued before it would commit.
    thrown = { error };
    abortQuietly(tx);
  }
  // Settle everything before answering, so no rejection goes unhandled and a later load sees the outcome.
  const outcomes = await Promise.allSettled([...requests, tx.done]);
  if (thrown) throw thrown.error;
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  // The transaction's error is what aborted it (a failed request's, or one at commit such as
  // QuotaExceededError), where the other requests only say AbortError.
  if (failed) throw tx.error ?? failed.reason;
}

function queueWrites(tx: BatchTransaction, batch: StorageBatch, requests: Promise<unknown>[]): void {
  const memos = tx.objectStore('memos');
  if (batch.replaceMemos) requests.push(memos.clear());
  for (const memo of batch.putMemos ?? []) requests.push(memos.put(memo));
  for (const memoId of batch.deleteMemos ?? []) requests.push(memos.delete(memoId));
  const outbox = tx.objectStore('outbox');
  for (const seq of batch.deleteOutbox ?? []) requests.push(outbox.delete(seq));
  for (const entry of batch.putOutbox ?? []) requests.push(outbox.put(entry));
  const conflicts = tx.objectStore('conflicts');
  for (const id of batch.deleteConflicts ?? []) requests.push(conflicts.delete(id));
  for (const conflict of batch.putConflicts ?? []) requests.push(conflicts.put(conflict));
  if (batch.cursor !== undefined) requests.push(tx.objectStore('meta').put(batch.cursor, 'cursor'));
}

function abortQuietly(tx: BatchTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborting: either way nothing of it is kept.
  }
}
