import type { DBSchema, IDBPDatabase } from 'idb';
import type { Conflict, Memo, OutboxEntry } from '../types.js';

/**
 * The IndexedDB layout of one user's offline state. A later release that changes it raises
 * MEMO_DB_VERSION and adds a step to upgradeMemoDb: browsers keep the data of every version before.
 */
export interface MemoDbSchema extends DBSchema {
  memos: { key: string; value: Memo };
  outbox: { key: number; value: OutboxEntry };
  conflicts: { key: string; value: Conflict };
  /** Single values under fixed keys (only the feed cursor so far). */
  meta: { key: MetaKey; value: string | null };
}

export type MetaKey = 'cursor';

export type MemoDb = IDBPDatabase<MemoDbSchema>;

export const MEMO_DB_STORES = ['memos', 'outbox', 'conflicts', 'meta'] as const;

export const MEMO_DB_VERSION = 1;

/** Brings a database from `oldVersion` (0: new) to MEMO_DB_VERSION, one step per version, inside the upgrade transaction. */
export function upgradeMemoDb(db: MemoDb, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('memos', { keyPath: 'memoId' });
    db.createObjectStore('outbox', { keyPath: 'seq' });
    db.createObjectStore('conflicts', { keyPath: 'id' });
    db.createObjectStore('meta');
  }
}
