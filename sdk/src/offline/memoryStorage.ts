import { applyBatch, emptyState, toReplicaState, toStoredState, type ReplicaState } from './replicaState.js';
import type { OfflineStorage, StoredState } from './types.js';

/**
 * A storage in memory: for tests, and Node programs that need no state across restarts. Each
 * load hands out a copy, so two stores over one memoryStorage see each other's commits only by
 * loading again, as two tabs over one IndexedDB do.
 *
 * @example
 * const store = createMemoStore({ client, storage: memoryStorage() });
 */
export function memoryStorage(initial: StoredState = emptyState()): OfflineStorage {
  const state: ReplicaState = toReplicaState(structuredClone(initial));
  return {
    load: () => Promise.resolve(structuredClone(toStoredState(state))),
    commit: (batch) => {
      applyBatch(state, structuredClone(batch));
      return Promise.resolve();
    },
  };
}
