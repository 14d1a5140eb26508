import { randomUUID } from 'node:crypto';
import { IDBCursor, IDBDatabase, IDBFactory, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexedDbStorage } from '../../../sdk/src/offline/indexedDbStorage.js';
import type { Memo } from '../../../sdk/src/offline/types.js';
import { faultyFetch } from './helpers/faultyFetch.js';
import { useOfflineApi } from './helpers/offlineApi.js';

// Two tabs of one browser: two stores over one IndexedDB database (fake-indexeddb; Node's own
// BroadcastChannel and Web Locks), each with its own network. One drains at a time, so every edit
// reaches the server once, whichever tab made it. idb recognises IndexedDB's objects by the global
// IDB* classes, so this file sets those to fake-indexeddb's (vitest isolates test files).
beforeAll(() => {
  for (const [name, value] of Object.entries({ IDBCursor, IDBDatabase, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction })) {
    vi.stubGlobal(name, value);
  }
});
afterAll(() => vi.unstubAllGlobals());
const offline = useOfflineApi();

describe('two tabs over one indexedDbStorage', () => {
  it('send each edit once, whichever tab made it, and both show them all', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const factory = new IDBFactory();
    const name = `memo-app:${randomUUID()}`;
    const tab = async () => {
      const network = faultyFetch();
      network.online = false;
      const store = storeOf(client(await session('alice'), network.fetch), indexedDbStorage({ name, indexedDB: factory }), { live: false });
      await store.ready;
      return { store, network };
    };
    const [one, two] = [await tab(), await tab()];
    const made: Memo[] = [];
    for (let i = 0; i < 3; i++) made.push(await one.store.create({ content: `tab one ${i}` }));
    made.push(await two.store.create({ content: 'tab two' }));
    await vi.waitFor(() => expect(one.store.status().pending).toBe(4));
    await vi.waitFor(() => expect(two.store.status().pending).toBe(4));

    one.network.online = true;
    two.network.online = true;
    await Promise.all([one.store.sync(), two.store.sync(), one.store.sync()]);
    await Promise.all([one.store.sync(), two.store.sync()]);
    const sent = [...one.network.sent, ...two.network.sent].filter((operation) => operation === 'CreateMemo');
    expect(sent).toHaveLength(4);
    const server = await serverMemos('alice');
    for (const memo of made)
      expect(
        server.filter((each) => each.memoId === memo.memoId),
        memo.content,
      ).toHaveLength(1);
    for (const { store } of [one, two]) {
      expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
      expect(made.map((memo) => store.get(memo.memoId)?.version)).toEqual([1, 1, 1, 1]);
    }
  });
});
