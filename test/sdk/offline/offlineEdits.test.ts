import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../../sdk/src/offline/memoryStorage.js';
import { OfflineStorageFullError } from '../../../sdk/src/offline/offlineStorageFullError.js';
import type { Memo, OfflineStorage } from '../../../sdk/src/offline/types.js';
import { faultyFetch } from './helpers/faultyFetch.js';
import { useOfflineApi } from './helpers/offlineApi.js';

// The offline store against the real local runtime: edits made with no network apply at once,
// wait in the outbox, and reach the server exactly once when it is back.
const offline = useOfflineApi();

const contents = (memos: readonly Memo[]) => memos.map((memo) => memo.content).sort();

describe('createMemoStore offline, then online', () => {
  it('applies creates, updates and deletes at once, and the server then holds each exactly once', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const before = await serverMemos('alice');
    const network = faultyFetch();
    network.online = false;
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;

    const kept = await store.create({ content: 'kept', title: 'first' });
    const edited = await store.create({ content: 'to edit' });
    const dropped = await store.create({ content: 'to drop' });
    await store.update(edited.memoId, { content: 'edited', tags: ['train'] });
    await store.delete(dropped.memoId);
    await store.sync();

    expect(contents(store.list())).toEqual(['edited', 'kept']);
    expect(store.get(edited.memoId)).toMatchObject({ content: 'edited', tags: ['train'], version: 1 });
    expect(store.status()).toMatchObject({ online: false, pending: 2, syncing: false, lastError: { errorType: 'Unrecognized' } });
    expect(network.sent).toEqual([]);

    network.online = true;
    await store.sync();
    expect(store.status()).toMatchObject({ online: true, pending: 0, conflicts: [] });
    const added = (await serverMemos('alice')).filter((memo) => !before.some((old) => old.memoId === memo.memoId));
    expect(contents(added)).toEqual(['edited', 'kept']);
    expect(added.find((memo) => memo.memoId === edited.memoId)).toMatchObject({ tags: ['train'], version: 1 });
    expect(added.find((memo) => memo.memoId === kept.memoId)).toMatchObject({ title: 'first' });
    // The update folded into the queued create, the deleted memo was never sent.
    expect(network.sent.filter((operation) => operation !== 'MemoChanges')).toEqual(['CreateMemo', 'CreateMemo']);
    expect(store.list().map((memo) => memo.memoId)).toEqual(expect.arrayContaining([kept.memoId, edited.memoId]));
    expect(store.get(kept.memoId)?.ownerId).toBe(added[0]!.ownerId);
  });

  it('sends an edit of a memo the server holds with expectedVersion, and a delete, each once', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const network = faultyFetch();
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: 'online first' });
    const gone = await store.create({ content: 'online, then deleted offline' });
    await store.sync();
    expect(store.status().pending).toBe(0);

    network.online = false;
    await store.update(memo.memoId, { title: 'offline title' });
    await store.update(memo.memoId, { content: 'offline content' });
    await store.delete(gone.memoId);
    expect(store.get(memo.memoId)).toMatchObject({ title: 'offline title', content: 'offline content' });
    expect(store.get(gone.memoId)).toBeUndefined();
    network.online = true;
    network.sent.length = 0;
    await store.sync();

    // The second update folds into the first unless the store was sending the first already (then both go, each once).
    const sent = network.sent.filter((operation) => operation !== 'MemoChanges');
    const updates = sent.filter((operation) => operation === 'UpdateMemo').length;
    expect(sent).toEqual([...Array<string>(updates).fill('UpdateMemo'), 'DeleteMemo']);
    const version = 1 + updates;
    const server = await serverMemos('alice');
    expect(server.find((each) => each.memoId === memo.memoId)).toMatchObject({
      title: 'offline title',
      content: 'offline content',
      version,
    });
    expect(server.some((each) => each.memoId === gone.memoId)).toBe(false);
    expect(store.get(memo.memoId)?.version).toBe(version);
  });

  it('re-emits to watchers on every change, for the list and for one memo', async () => {
    const { session, client, store: storeOf } = offline();
    const network = faultyFetch();
    network.online = false;
    // A clock a second on at every reading: "two" is newer than "one" even within one millisecond.
    let tick = Date.now();
    const now = () => new Date((tick += 1_000));
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false, now });
    await store.ready;
    const lists: string[][] = [];
    const ones: string[][] = [];
    store.watch(undefined, (memos) => lists.push(memos.map((memo) => memo.content)));
    const memo = await store.create({ content: 'one' });
    store.watch({ memoId: memo.memoId }, (memos) => ones.push(memos.map((each) => each.content)));
    await store.create({ content: 'two' });
    await store.update(memo.memoId, { content: 'one, edited' });
    await store.delete(memo.memoId);
    expect(lists).toEqual([[], ['one'], ['two', 'one'], ['two', 'one, edited'], ['two']]);
    // Creating "two" left memo one as it was: no re-emit for it.
    expect(ones).toEqual([['one'], ['one, edited'], []]);
  });

  it('rejects a write the storage cannot keep (OfflineStorageFullError) and leaves the replica as it was', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const inner = memoryStorage();
    let full = false;
    const storage: OfflineStorage = {
      load: () => inner.load(),
      commit: (batch) => (full ? Promise.reject(new OfflineStorageFullError()) : inner.commit(batch)),
    };
    const network = faultyFetch();
    network.online = false;
    const store = storeOf(client(await session('alice'), network.fetch), storage, { live: false });
    await store.ready;
    const memo = await store.create({ content: 'stored' });
    const heard = vi.fn();
    store.watch(undefined, heard);
    full = true;
    await expect(store.create({ content: 'no room' })).rejects.toBeInstanceOf(OfflineStorageFullError);
    await expect(store.update(memo.memoId, { content: 'no room either' })).rejects.toBeInstanceOf(OfflineStorageFullError);
    expect(store.list().map((each) => each.content)).toEqual(['stored']);
    expect(store.status().pending).toBe(1);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(await inner.load()).toMatchObject({ outbox: [{ kind: 'create', input: { content: 'stored' } }] });

    full = false;
    network.online = true;
    await store.sync();
    expect((await serverMemos('alice')).filter((each) => each.memoId === memo.memoId)).toMatchObject([{ content: 'stored' }]);
  });
});
