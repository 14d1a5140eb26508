import type { MemoClient } from '../core/client.js';
import { backoffDelayMs } from '../realtime/backoff.js';
import { subscribeToOwnMemos, type LiveEvent } from './liveEvents.js';
import { LocalReplica } from './localReplica.js';
import { createEdit, deleteEdit, updateEdit, type EditContext } from './outboxEdits.js';
import { resolveConflict } from './resolveConflict.js';
import { SyncRunner } from './syncRunner.js';
import type { OfflineMemoStore, OfflineStorage, StorageBatch } from './types.js';

export interface MemoStoreOptions {
  /** The SDK's client: its auth provider authorizes every request (a UserPoolSession refreshes an expired token first). */
  readonly client: MemoClient;
  readonly storage: OfflineStorage;
  /** The device's clock, for the times of optimistic edits (default: the system's). */
  readonly now?: () => Date;
  /** How long to wait before retry `attempt` (0, 1, …) after a failed sync (default: 1 s doubling to 30 s, with jitter). */
  readonly backoff?: (attempt: number) => number;
  /** How long a request may take before it counts as failed and is retried (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Subscribe to live events (default true); without them the store syncs on start, on sync() and on `online`. */
  readonly live?: boolean;
}

/**
 * The caller's memos on this device, kept in `storage`: reads answer from the replica at once,
 * writes apply at once and queue in the outbox, and the store catches up (memoChanges) and
 * drains the outbox on start, after every reconnect, on `sync()` and when the browser goes
 * online. See docs/offline.md for the guarantees and the conflict rule.
 *
 * @example
 * const store = createMemoStore({ client, storage: memoryStorage() });
 * await store.ready;
 * const memo = await store.create({ content: 'Written on the train' });
 * store.watch(undefined, (memos) => render(memos));
 * @throws {OfflineStorageFullError} from create, update, delete and resolve when the storage is full (nothing changed)
 */
export function createMemoStore(options: MemoStoreOptions): OfflineMemoStore {
  const { client, storage } = options;
  const now = options.now ?? (() => new Date());
  const backoff = options.backoff ?? backoffDelayMs;
  const replica = new LocalReplica(storage);
  const runner = new SyncRunner({
    client,
    storage,
    replica,
    now,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    backoff,
    pulled: async () => {
      for (const event of buffered.splice(0)) await applyLive(event).catch(() => undefined);
    },
  });
  const stops: (() => void)[] = [];
  let closed = false;
  let lastSeq = 0;
  // Live events that arrive during a pull wait for its end, then apply by version.
  const buffered: LiveEvent[] = [];

  const context = (): EditContext => ({
    now: now().toISOString(),
    // Time-based, so tabs sharing a storage do not pick the same seq; above every seq stored.
    nextSeq: () => (lastSeq = Math.max(lastSeq + 1, now().getTime() * 1000 + Math.floor(Math.random() * 1000))),
    ownerId: replica.ownerId,
    inFlight: runner.inFlight,
    newMemoId: () => crypto.randomUUID(),
  });
  const applyLive = (event: LiveEvent): Promise<void> =>
    replica.mutate((state) => {
      const { memo } = event;
      const known = state.memos.get(memo.memoId);
      if (event.kind === 'delete') {
        runner.gone.add(memo.memoId);
        return { batch: known ? { deleteMemos: [memo.memoId] } : {}, result: undefined };
      }
      if (runner.gone.has(memo.memoId) || (known && known.version >= memo.version)) return { batch: {}, result: undefined };
      return { batch: { putMemos: [memo] }, result: undefined };
    });

  const sync = async (): Promise<void> => {
    if (!closed) await runner.request(true);
  };

  // A subscription that ended with an error (the connection gave up, a start refused) is started
  // again after a backoff, so a long outage does not leave the store deaf until the next restart.
  let stopLive: (() => void) | undefined;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  let liveAttempt = 0;
  const startLive = () => {
    stopLive = subscribeToOwnMemos(client, {
      started: () => {
        liveAttempt = 0;
        void sync();
      },
      event: (event) => void (runner.pulling ? buffered.push(event) : applyLive(event).catch(() => undefined)),
      failed: () => {
        replica.online = false;
        replica.statusChanged();
        if (!stopLive || closed) return;
        stopLive();
        stopLive = undefined;
        liveTimer = setTimeout(startLive, backoff(liveAttempt++));
      },
    });
  };
  stops.push(() => {
    clearTimeout(liveTimer);
    stopLive?.();
  });

  const ready = (async () => {
    await replica.reload();
    const seqs = [...replica.current().outbox.keys()];
    lastSeq = Math.max(0, ...seqs);
    if (closed) return;
    if (storage.onExternalChange) stops.push(storage.onExternalChange(() => void replica.reload()));
    if (options.live !== false) startLive();
    const target = globalThis as {
      addEventListener?: (type: string, listener: () => void) => void;
      removeEventListener?: (type: string, listener: () => void) => void;
    };
    if (typeof target.addEventListener === 'function') {
      const onOnline = () => void sync();
      target.addEventListener('online', onOnline);
      stops.push(() => target.removeEventListener?.('online', onOnline));
    }
    void sync();
  })();

  const edit = async <T>(change: (ctx: EditContext) => { batch: StorageBatch; result: T }): Promise<T> => {
    await ready;
    if (closed) throw new Error('The memo store is closed');
    const result = await replica.mutate(() => change(context()));
    void runner.request(false);
    return result;
  };

  return {
    ready,
    list: () => replica.list(),
    get: (memoId) => replica.visibleMap().get(memoId),
    search: (search) => replica.search(search),
    watch: (query, listener) => replica.watch(query, listener),
    create: (draft) => edit((ctx) => createEdit(draft, ctx)),
    update: (memoId, changes) => edit((ctx) => updateEdit(replica.current(), replica.visibleMap().get(memoId), memoId, changes, ctx)),
    delete: (memoId) => edit((ctx) => deleteEdit(replica.current(), replica.visibleMap().get(memoId), memoId, ctx)),
    resolve: (conflictId, choice) => edit((ctx) => resolveConflict(replica.current(), conflictId, choice, ctx)),
    status: () => replica.status(),
    onStatus: (listener) => replica.onStatus(listener),
    sync,
    async close() {
      closed = true;
      runner.close();
      for (const stop of stops.splice(0)) stop();
      await replica.settled();
      await storage.close?.();
    },
  };
}
