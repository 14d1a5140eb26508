import { memoryStorage } from '../../../../sdk/src/offline/memoryStorage.js';
import type { OfflineMemoStore } from '../../../../sdk/src/offline/types.js';
import { faultyFetch, type FaultyFetch } from './faultyFetch.js';
import type { OfflineApi } from './offlineApi.js';

/** One of alice's devices: a store over memory of its own, whose network a test can cut. */
export interface Device {
  readonly store: OfflineMemoStore;
  readonly network: FaultyFetch;
}

/** A new device of alice on `offline`'s runtime, synced once, not live (tests sync when they mean to). */
export async function aliceDevice(offline: () => OfflineApi): Promise<Device> {
  const { session, client, store: storeOf } = offline();
  const network = faultyFetch();
  const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
  await store.ready;
  return { store, network };
}
