import type { MemoApiError } from '../errors.js';
import { applyBatch, emptyState, isEmptyBatch, toReplicaState, type ReplicaState } from './replicaState.js';
import { searchFilter } from '../generated/searchMatch.js';
import { ReplicaSearchIndex } from './replicaSearchIndex.js';
import type { Memo, MemoQuery, MemoSearch, OfflineStorage, StorageBatch, SyncStatus } from './types.js';
import { touchedBy, VisibleView, type TouchedMemos } from './visibleView.js';

type Watcher = { readonly query: MemoQuery; readonly listener: (memos: readonly Memo[]) => void; last: readonly Memo[] | undefined };

/**
 * The store's state in memory and its one way to change: `mutate` computes a batch from the
 * current state, commits it to the storage, and only then applies it here and tells the
 * listeners. Mutations run one at a time, so each sees the one before; a commit that rejects
 * (OfflineStorageFullError) rejects the mutation and leaves memory as it was.
 */
export class LocalReplica {
  private state: ReplicaState = toReplicaState(emptyState());
  /** The visible memos and their list, patched by each change (not rebuilt). */
  private readonly view = new VisibleView(() => ({ state: this.state, ownerId: this.ownerId }));
  /**
   * Built on the first search (a user who never searches pays nothing), then brought up to date at
   * each search (a watched search runs after every change) with the memos changed since: never rebuilt.
   */
  private searchIndex: ReplicaSearchIndex | undefined;
  /** The memos changed since the index was last brought up to date (grown in place at each change). */
  private indexDue: Set<string> | 'all' = 'all';
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
      const touched = touchedBy(this.state, batch);
      applyBatch(this.state, batch);
      this.changed(touched);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the storage again (first load, or another tab committed): in turn with the mutations. */
  reload(): Promise<void> {
    const run = this.queue.then(async () => {
      this.state = toReplicaState(await this.storage.load());
      this.changed('all');
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for the mutations queued so far. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  visibleMap(): Map<string, Memo> {
    return this.view.map();
  }

  list(): Memo[] {
    return this.view.list();
  }

  search({ query, tags }: MemoSearch): readonly Memo[] {
    const index = (this.searchIndex ??= new ReplicaSearchIndex());
    index.update(this.visibleMap(), this.indexDue);
    this.indexDue = new Set();
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

  private changed(touched: TouchedMemos): void {
    const anyMemo = this.state.memos.values().next();
    if (!anyMemo.done && anyMemo.value.ownerId && anyMemo.value.ownerId !== this.ownerId) {
      this.ownerId = anyMemo.value.ownerId;
      touched = 'all'; // pending creates show the owner: every one changes
    }
    if (touched === 'all') this.view.reset();
    const changed = touched === 'all' ? 'all' : this.view.patch(touched);
    if (changed === 'all') this.indexDue = 'all';
    else if (this.indexDue !== 'all') for (const memoId of changed) this.indexDue.add(memoId);
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
