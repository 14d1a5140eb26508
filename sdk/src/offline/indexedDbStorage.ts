import { applyStorageBatch } from './indexedDb/applyStorageBatch.js';
import { changeChannel } from './indexedDb/changeChannel.js';
import { isQuotaExceeded } from './indexedDb/isQuotaExceeded.js';
import type { MemoDb } from './indexedDb/memoDbSchema.js';
import { openMemoDb } from './indexedDb/openMemoDb.js';
import { readStoredState } from './indexedDb/readStoredState.js';
import { browserGlobals, type ChangeChannelClass, type DrainLockManager, type IndexedDbFactory } from './indexedDb/webApis.js';
import { OfflineStorageFullError } from './offlineStorageFullError.js';
import type { OfflineStorage } from './types.js';

export type { ChangeChannelClass, DrainLockManager, IndexedDbFactory } from './indexedDb/webApis.js';

export interface IndexedDbStorageOptions {
  /**
   * The database's name: one user's state, never shared (e.g. `memo-app:<user sub>`). It also names
   * the BroadcastChannel of change notices and, with `:outbox`, the drain lock.
   */
  readonly name: string;
  /** Default: the global `indexedDB`. idb recognises its objects by the global IDB* classes, so they must match it. */
  readonly indexedDB?: IndexedDbFactory;
  /** Default: `navigator.locks`; `null`, or a browser without Web Locks: no drain lock (see withDrainLock). */
  readonly locks?: DrainLockManager | null;
  /** Default: the global BroadcastChannel; `null`: no cross-tab notices. */
  readonly BroadcastChannel?: ChangeChannelClass | null;
}

/**
 * The offline store's state in IndexedDB (through idb), for browsers: stores `memos`, `outbox`,
 * `conflicts` and `meta` (the cursor) in one versioned database per user.
 *
 * - `load()` reads everything in one transaction; `commit(batch)` writes a batch in one, all or nothing.
 *   Out of space, it rejects with OfflineStorageFullError and keeps nothing of the batch.
 * - After each commit the other instances of the same name (other tabs) hear `onExternalChange`.
 * - `withDrainLock` holds the Web Lock `<name>:outbox`, so one tab drains the outbox at a time.
 *   Browsers without Web Locks (Safari before 15.4) drain without it: two tabs may then send the same
 *   edit, which the server still applies once (a create carries its memoId, updates and deletes their
 *   expectedVersion), but the second sender may see its twin's edit come back as a conflict.
 * - Another tab opening a newer version of the database (a newer release) closes this connection so
 *   its upgrade can proceed; this instance then reopens on its next call, which fails with
 *   IndexedDB's VersionError until the page reloads the newer release.
 *
 * @example
 * const storage = indexedDbStorage({ name: `memo-app:${user.sub}` });
 * const store = createMemoStore({ client, storage });
 * @throws Error when there is no IndexedDB (Node: use memoryStorage or fileStorage).
 */
export function indexedDbStorage(options: IndexedDbStorageOptions): OfflineStorage {
  const globals = browserGlobals();
  const factory = options.indexedDB ?? globals.indexedDB;
  if (!factory) throw new Error('indexedDbStorage needs IndexedDB, which this runtime lacks: use memoryStorage or fileStorage.');
  const locks = options.locks === undefined ? globals.locks : options.locks;
  const channel = changeChannel(
    options.name,
    (options.BroadcastChannel === undefined ? globals.BroadcastChannel : options.BroadcastChannel) ?? undefined,
  );
  let opening: Promise<MemoDb> | undefined;
  let closed = false;

  const database = () => {
    if (closed) return Promise.reject(new Error(`The offline storage "${options.name}" is closed.`));
    if (!opening) {
      const attempt = openMemoDb(factory, options.name, () => {
        if (opening === attempt) opening = undefined;
      });
      // A failed open is tried again on the next call.
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
      opening = attempt;
    }
    return opening;
  };

  return {
    load: async () => readStoredState(await database()),
    async commit(batch) {
      try {
        await applyStorageBatch(await database(), batch);
      } catch (error) {
        throw isQuotaExceeded(error) ? new OfflineStorageFullError({ cause: error }) : error;
      }
      channel.notify();
    },
    onExternalChange: (listener) => channel.listen(listener),
    withDrainLock: (drain) => (locks ? locks.request(`${options.name}:outbox`, () => drain()) : drain()),
    async close() {
      closed = true;
      channel.close();
      const db = await opening?.catch(() => undefined);
      db?.close();
      opening = undefined;
    },
  };
}
