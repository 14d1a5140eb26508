import type { MemoApiError } from '../errors.js';
import { applyBatch, emptyState, isEmptyBatch, toReplicaState, type ReplicaState } from './replicaState.js';
import { searchFilter } from '../generated/searchMatch.js';
import { ReplicaSearchIndex } from './replicaSearchIndex.js';
import type { Memo, MemoQuery, MemoSearch, OfflineStorage, StorageBatch, SyncStatus } from './types.js';
import { sortedMemos, visibleMemos } from './visibleMemos.js';

type Watcher = { readonly query: MemoQuery; readonly listener: (memos: readonly Memo[]) => void; last: readonly Memo[] | undefined };

/**
 * The store's state in memory and its one way to change: `mutate` computes a batch from the
 * current state, commits it to the storage, and only then applies it here and tells the
 * listeners. Mutations run one at a time, so each sees the one before; a commit that rejects
 * (OfflineStorageFullError) rejects the mutation and leaves memory as it was.
 */
export class LocalReplica {
  private state: ReplicaState = toReplicaState(emptyState());
  private visible: Map<string, Memo> | undefined;
  private sorted: Memo[] | undefined;
  /**
   * Built on the first search (a user who never searches pays nothing), then brought up to date at
   * each search (a watched search runs after every change) by a diff of the visible memos: never rebuilt.
   */
  private searchIndex: ReplicaSearchIndex | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly watchers = new Set<Watcher>();
  private readonly statusListeners = new Set<(status: SyncStatus) => void>();
  private lastStatus: SyncStatus | undefined;
  /** The owner a create shows before the server answers: any confirmed memo's (all are the caller's), else ''. */
  ownerId = '';
  online = false;
  syncing = false;
  lastError: MemoApiError | undefined;
  storageError: Error | undefined;

  constructor(private readonly storage: OfflineStorage) {}

  current(): ReplicaState {
    return this.state;
  }

  /** Runs `change` after the mutations before it; its batch is committed, then applied. */
  mutate<T>(change: (state: ReplicaState) => { batch: StorageBatch; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      const { batch, result } = change(this.state);
      if (isEmptyBatch(batch)) return result;
      await this.storage.commit(batch);
      applyBatch(this.state, batch);
      this.changed();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the storage again (first load, or another tab committed): in turn with the mutations. */
  reload(): Promise<void> {
    const run = this.queue.then(async () => {
      this.state = toReplicaState(await this.storage.load());
      this.changed();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for the mutations queued so far. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  visibleMap(): Map<string, Memo> {
    return (this.visible ??= visibleMemos(this.state, this.ownerId));
  }

  list(): Memo[] {
    return (this.sorted ??= sortedMemos(this.visibleMap()));
  }

  search({ query, tags }: MemoSearch): readonly Memo[] {
    const index = (this.searchIndex ??= new ReplicaSearchIndex());
    index.update(this.visibleMap());
    return index.search(searchFilter(query, tags), () => this.list());
  }

  watch(query: MemoQuery, listener: (memos: readonly Memo[]) => void): () => void {
    const watcher: Watcher = { query, listener, last: undefined };
    this.watchers.add(watcher);
    this.emit(watcher);
    return () => void this.watchers.delete(watcher);
  }

  status(): SyncStatus {
    const { online, syncing, lastError, storageError } = this;
    const state = this.state;
    return {
      online,
      pending: state.outbox.size,
      conflicts: [...state.conflicts.values()],
      syncing,
      ...(lastError ? { lastError } : {}),
      ...(storageError ? { storageError } : {}),
    };
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status());
    return () => void this.statusListeners.delete(listener);
  }

  /** Tells the status listeners, when something they see changed. */
  statusChanged(): void {
    const status = this.status();
    const before = this.lastStatus;
    this.lastStatus = status;
    if (before && JSON.stringify(before) === JSON.stringify(status)) return;
    for (const listener of this.statusListeners) listener(status);
  }

  private changed(): void {
    this.visible = undefined;
    this.sorted = undefined;
    const anyMemo = this.state.memos.values().next();
    if (!anyMemo.done && anyMemo.value.ownerId) this.ownerId = anyMemo.value.ownerId;
    for (const watcher of this.watchers) this.emit(watcher);
    this.statusChanged();
  }

  private select(query: MemoQuery): readonly Memo[] {
    if (!query) return this.list();
    if ('search' in query) return this.search(query.search);
    const memo = this.visibleMap().get(query.memoId);
    return memo ? [memo] : [];
  }

  private emit(watcher: Watcher): void {
    const selected = this.select(watcher.query);
    if (watcher.last && sameMemos(watcher.last, selected)) return;
    watcher.last = selected;
    watcher.listener(selected);
  }
}

function sameMemos(a: readonly Memo[], b: readonly Memo[]): boolean {
  return a.length === b.length && a.every((memo, i) => memo === b[i] || JSON.stringify(memo) === JSON.stringify(b[i]));
}
