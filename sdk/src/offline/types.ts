import type { CreateMemoInput, MemoFieldsFragment, UpdateMemoInput } from '../generated/operations.js';
import type { MemoApiError } from '../errors.js';

/**
 * The shapes of the offline memo store (createMemoStore): a replica of the caller's memos, an
 * outbox of edits not yet on the server, the feed cursor, and the conflicts waiting for the user.
 * Everything here is plain data, so a storage can keep it as JSON or in IndexedDB as it is.
 */

export type Memo = MemoFieldsFragment;

/** The fields an edit may set: the schema's UpdateMemoInput without its key and lock (a field added to the schema lands here). */
export type EditableField = Exclude<keyof UpdateMemoInput, 'memoId' | 'expectedVersion'>;
export type MemoDraft = Pick<CreateMemoInput, EditableField>;
export type MemoChanges = Partial<{ -readonly [K in keyof MemoDraft]-?: MemoDraft[K] }>;

/** One edit waiting to reach the server, in the order it was made. `seq` orders the outbox and is never reused. */
export type OutboxEntry =
  | {
      readonly seq: number;
      readonly kind: 'create';
      readonly memoId: string;
      readonly input: MemoDraft;
      readonly queuedAt: string;
      /** It may have reached the server (a send was started): a delete must then be sent too, never just drop it. */
      readonly attempted?: boolean;
    }
  | {
      readonly seq: number;
      readonly kind: 'update';
      readonly memoId: string;
      readonly changes: MemoChanges;
      /** The server memo the edit was made on: its version is sent as expectedVersion, its fields decide a merge. */
      readonly base: Memo;
      readonly queuedAt: string;
    }
  | { readonly seq: number; readonly kind: 'delete'; readonly memoId: string; readonly base: Memo; readonly queuedAt: string };

/**
 * A queued edit the server did not take as it was: the user decides (StoredConflict.resolve).
 * - `changed`: the memo changed on the server since the edit was made (VersionConflict) and the two
 *   edits touched the same field (different fields merge by themselves, see docs/offline.md).
 * - `deleted`: the memo was deleted on the server; `theirs` is null.
 * - `rejected`: the server refused the edit for good (e.g. ValidationError); `error` says why.
 */
export interface Conflict {
  readonly id: string;
  readonly kind: 'changed' | 'deleted' | 'rejected';
  readonly memoId: string;
  /** The edit as the user made it. */
  readonly mine: OutboxEntry;
  /** The memo as it is on the server now (null when deleted there or never created). */
  readonly theirs: Memo | null;
  readonly error?: MemoApiError;
  readonly detectedAt: string;
}

/** How the user settles a conflict: re-apply mine on the server's current version, or drop mine and keep theirs. */
export type ConflictChoice = 'mine' | 'theirs';

/** Everything a storage persists for one user. */
export interface StoredState {
  /** The last memoChanges cursor (null: never synced, or a full sync is due). */
  readonly cursor: string | null;
  /** The server's memos as last seen (the confirmed state; pending edits are applied on top in memory). */
  readonly memos: readonly Memo[];
  readonly outbox: readonly OutboxEntry[];
  readonly conflicts: readonly Conflict[];
}

/** One atomic change to the stored state: all of it is kept, or none (a transaction, a file rename). */
export interface StorageBatch {
  readonly cursor?: string | null;
  readonly putMemos?: readonly Memo[];
  readonly deleteMemos?: readonly string[];
  /** Replace the whole set of memos (a full sync): memos not in putMemos are dropped. */
  readonly replaceMemos?: boolean;
  readonly putOutbox?: readonly OutboxEntry[];
  readonly deleteOutbox?: readonly number[];
  readonly putConflicts?: readonly Conflict[];
  readonly deleteConflicts?: readonly string[];
}

/**
 * Where the store keeps its state: IndexedDB in browsers (indexedDbStorage), memory or a file in
 * Node (memoryStorage, fileStorage). One storage holds one user's state.
 */
export interface OfflineStorage {
  load(): Promise<StoredState>;
  /** Rejects with OfflineStorageFullError when the device is out of space; nothing of the batch is kept then. */
  commit(batch: StorageBatch): Promise<void>;
  /** Another tab or process committed to the same storage: reload. Returns the stop function. */
  onExternalChange?(listener: () => void): () => void;
  /**
   * Runs `drain` while holding the one outbox lock of this storage (Web Locks in browsers), so one
   * tab drains at a time; absent, the store drains without a lock (one process per storage).
   */
  withDrainLock?<T>(drain: () => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}

/** What the store reports about syncing, for an "offline · 3 changes waiting" line. */
export interface SyncStatus {
  /** The server is reachable as far as the store knows (the last request or the real-time connection worked). */
  readonly online: boolean;
  /** Edits waiting in the outbox. */
  readonly pending: number;
  readonly conflicts: readonly Conflict[];
  /** A catch-up or drain is running. */
  readonly syncing: boolean;
  /** The last sync failure, until a sync succeeds. */
  readonly lastError?: MemoApiError;
  /** The storage refused to record a sync's outcome (OfflineStorageFullError…): retried with the rest, until a sync succeeds. */
  readonly storageError?: Error;
}

/**
 * A search of the replica, with searchMemos' arguments and matching rules (docs/api.md, "Search"):
 * every word of `query` in the title or content, ignoring case and accents, the last word as a
 * prefix; every tag of `tags`, ignoring case. Neither: every memo.
 */
export interface MemoSearch {
  readonly query?: string | null;
  readonly tags?: readonly string[] | null;
}

/** What a live query watches: every live memo (newest first), one memo, or what a search finds (newest first). */
export type MemoQuery = { readonly memoId: string } | { readonly search: MemoSearch } | undefined;

/**
 * The caller's memos on this device: reads answer from the replica at once, writes apply at once
 * and queue for the server, and the store keeps both in step with the server (docs/offline.md).
 */
export interface OfflineMemoStore {
  /** Resolves when the stored state is loaded (reads before it see nothing). */
  readonly ready: Promise<void>;
  /** Every live memo as this device sees it (pending edits applied), newest first. */
  list(): readonly Memo[];
  get(memoId: string): Memo | undefined;
  /** The live memos `search` finds on this device (pending edits applied), newest first: no request is made. */
  search(search: MemoSearch): readonly Memo[];
  /** Calls `listener` now and after every change of what `query` selects; returns the stop function. */
  watch(query: MemoQuery, listener: (memos: readonly Memo[]) => void): () => void;
  /** Creates the memo here at once (a client memoId) and queues it; rejects only when it cannot be stored. */
  create(draft: MemoDraft): Promise<Memo>;
  update(memoId: string, changes: MemoChanges): Promise<Memo>;
  delete(memoId: string): Promise<void>;
  /** Settles a conflict; `mine` queues the edit again on the server's current version. */
  resolve(conflictId: string, choice: ConflictChoice): Promise<void>;
  status(): SyncStatus;
  /** Calls `listener` now and on every status change; returns the stop function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Catch up and drain now (also run by the store on start, on reconnect and when the browser goes online). */
  sync(): Promise<void>;
  /** Stops syncing and closes the storage; the client is the caller's to close. */
  close(): Promise<void>;
}
