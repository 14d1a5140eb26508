// @memo-api/client/offline: the offline memo store (a replica, an outbox, conflicts and catch-up)
// and its browser and in-memory storages. Node's file storage is `@memo-api/client/node`.

export { createMemoStore, type MemoStoreOptions } from './offline/createMemoStore.js';
export { memoryStorage } from './offline/memoryStorage.js';
export { indexedDbStorage } from './offline/indexedDbStorage.js';
export { OfflineStorageFullError } from './offline/offlineStorageFullError.js';
export { MemoNotInReplicaError } from './offline/outboxEdits.js';
export { ConflictNotFoundError } from './offline/resolveConflict.js';
export { RequestTimeoutError } from './offline/callApi.js';
// The field comparisons the store's conflict rule uses, for an app's editor to send only what changed by the same rule.
export { changedFields, changesAgainst, EDITABLE_FIELDS } from './offline/memoFields.js';
// Where a search matches in a memo's text, for highlighting, by the search's own word rules.
export { matchRanges, type MatchRange } from './offline/matchRanges.js';
export type {
  Conflict,
  ConflictChoice,
  EditableField,
  Memo,
  MemoChanges,
  MemoDraft,
  MemoQuery,
  MemoSearch,
  OfflineMemoStore,
  OfflineStorage,
  OutboxEntry,
  StorageBatch,
  StoredState,
  SyncStatus,
} from './offline/types.js';
