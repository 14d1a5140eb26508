import type { Conflict, Memo, OutboxEntry, SyncStatus } from '../../../sdk/src/offline.js';

/** A memo as the server returns it, version 1 unless said otherwise. */
export const aMemo = (fields: Partial<Memo> = {}): Memo => ({
  memoId: 'memo-1',
  ownerId: 'owner-1',
  title: 'Groceries',
  content: 'milk, eggs',
  tags: ['home'],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  ...fields,
});

/** The store's status: online, nothing waiting, unless said otherwise. */
export const aStatus = (fields: Partial<SyncStatus> = {}): SyncStatus => ({
  online: true,
  pending: 0,
  conflicts: [],
  syncing: false,
  ...fields,
});

/** A conflict over `mine`, the server's version `theirs`. */
export const aConflict = (mine: OutboxEntry, theirs: Memo | null, fields: Partial<Conflict> = {}): Conflict => ({
  id: 'conflict-1',
  kind: 'changed',
  memoId: mine.memoId,
  mine,
  theirs,
  detectedAt: '2026-12-02T10:00:00.000Z',
  ...fields,
});
