import type { StoredState } from '../types.js';
import { MEMO_DB_STORES, type MemoDb } from './memoDbSchema.js';

/** The whole stored state, read in one transaction (a consistent snapshot); the outbox comes in `seq` order. */
export async function readStoredState(db: MemoDb): Promise<StoredState> {
  const tx = db.transaction(MEMO_DB_STORES, 'readonly');
  const [memos, outbox, conflicts, cursor] = await Promise.all([
    tx.objectStore('memos').getAll(),
    tx.objectStore('outbox').getAll(),
    tx.objectStore('conflicts').getAll(),
    tx.objectStore('meta').get('cursor'),
    tx.done,
  ]);
  return { cursor: cursor ?? null, memos, outbox, conflicts };
}
