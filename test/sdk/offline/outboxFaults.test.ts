import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStorage } from '../../../sdk/src/offline/fileStorage.js';
import { memoryStorage } from '../../../sdk/src/offline/memoryStorage.js';
import type { Memo } from '../../../sdk/src/offline/types.js';
import { CreateMemoDocument, DeleteMemoDocument } from '../../../sdk/src/generated/operations.js';
import { OfflineStorageFullError } from '../../../sdk/src/offline/offlineStorageFullError.js';
import { faultyFetch } from './helpers/faultyFetch.js';
import { useOfflineApi } from './helpers/offlineApi.js';

// The outbox survives what goes wrong between a device and the server: answers lost on the way
// back, a server failing mid-drain, an outbox replayed twice, a process closed mid-drain.
const offline = useOfflineApi();
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function stateFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'memo-offline-'));
  scratch.push(dir);
  return join(dir, 'state.json');
}

/** The server's copies of `memos`, by memoId, and how many memos with each of their contents it holds. */
async function onServer(memos: readonly Pick<Memo, 'memoId'>[]) {
  const all = await offline().serverMemos('alice');
  const ids = new Set(memos.map((memo) => memo.memoId));
  return all.filter((memo) => ids.has(memo.memoId));
}

describe('the outbox under faults', () => {
  it('sends a create again after its answer was lost, and the server keeps one memo', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const network = faultyFetch();
    let lost = 0;
    network.afterAnswer = (operation) => operation === 'CreateMemo' && lost++ === 0;
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: `lost answer ${memo_tag()}` });
    await store.sync();
    await store.sync();
    expect(network.sent.filter((operation) => operation === 'CreateMemo')).toEqual(['CreateMemo', 'CreateMemo']);
    const copies = (await serverMemos('alice')).filter((each) => each.content === memo.content);
    expect(copies).toMatchObject([{ memoId: memo.memoId, version: 1 }]);
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
  });

  it('sends the delete of a memo whose create may have reached the server (its answer lost), so it never comes back', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const network = faultyFetch();
    // The server stores the create, its answer is lost, and the device is offline from then on.
    network.afterAnswer = (operation) => operation === 'CreateMemo' && !(network.online = false);
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: `lost then deleted ${memo_tag()}` });
    await store.sync();
    expect((await serverMemos('alice')).map((each) => each.memoId)).toContain(memo.memoId);

    await store.delete(memo.memoId);
    expect(store.get(memo.memoId)).toBeUndefined();
    network.afterAnswer = undefined;
    network.online = true;
    await store.sync();
    await store.sync(); // a catch-up after the drain: the memo stays gone
    expect(network.sent.filter((operation) => operation !== 'MemoChanges')).toEqual(['CreateMemo', 'CreateMemo', 'DeleteMemo']);
    expect((await serverMemos('alice')).map((each) => each.memoId)).not.toContain(memo.memoId);
    expect(store.get(memo.memoId)).toBeUndefined();
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
  });

  it('never sends a memo created and deleted before any send: the server never hears of it', async () => {
    const { session, client, store: storeOf } = offline();
    const network = faultyFetch();
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: `never sent ${memo_tag()}` });
    await store.delete(memo.memoId);
    await store.sync();
    expect(network.sent.filter((operation) => operation !== 'MemoChanges')).toEqual([]);
    expect(await onServer([memo])).toEqual([]);
  });

  it('sends an update again after its answer was lost: applied once, no conflict', async () => {
    const { session, client, store: storeOf } = offline();
    const network = faultyFetch();
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: 'before' });
    await store.sync();
    let lost = 0;
    network.afterAnswer = (operation) => operation === 'UpdateMemo' && lost++ === 0;
    await store.update(memo.memoId, { content: 'after' });
    await store.sync();
    await store.sync();
    expect(await onServer([memo])).toMatchObject([{ content: 'after', version: 2 }]);
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(store.get(memo.memoId)).toMatchObject({ content: 'after', version: 2 });
  });

  it('makes a create replayed after its memo was deleted a deleted conflict, and keeping mine creates it anew', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const other = client(await session('alice'));
    const memoId = crypto.randomUUID();
    const input = { content: `replayed after a delete ${memoId.slice(0, 8)}` };
    // The create reached the server (its answer lost), then the memo was deleted on another device.
    await other.request(CreateMemoDocument, { input: { ...input, memoId } });
    await other.request(DeleteMemoDocument, { memoId });
    const outbox = [{ seq: 1, kind: 'create', memoId, input, queuedAt: new Date().toISOString() } as const];
    const store = storeOf(client(await session('alice')), memoryStorage({ cursor: null, memos: [], outbox, conflicts: [] }), {
      live: false,
    });
    await store.ready;
    await store.sync();
    const [conflict] = store.status().conflicts;
    expect(conflict).toMatchObject({ kind: 'deleted', memoId, theirs: null, mine: outbox[0], error: { errorType: 'MemoAlreadyExists' } });
    await store.resolve(conflict!.id, 'mine');
    await store.sync();
    const copies = (await serverMemos('alice')).filter((memo) => memo.content === input.content);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.memoId).not.toBe(memoId);
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
  });

  it('loses nothing and keeps the order when the server fails the third request of a drain', async () => {
    const { session, client, store: storeOf } = offline();
    const network = faultyFetch();
    network.online = false;
    // No retry on its own during the test: each drain is the test's sync().
    const store = storeOf(client(await session('alice'), network.fetch), memoryStorage(), { live: false, backoff: () => 600_000 });
    await store.ready;
    const memos: Memo[] = [];
    for (let i = 0; i < 4; i++) memos.push(await store.create({ content: `in order ${i}` }));
    await store.update(memos[0]!.memoId, { content: 'in order 0, edited' });
    await store.sync();
    const queued = store.status().pending;
    let counted = 0;
    let failed = 0;
    network.online = true;
    // The third request of the drain (after the pull) fails as a 5xx would; the drain stops and resumes.
    network.beforeSend = (operation) => operation !== 'MemoChanges' && ++counted === 3 && ++failed === 1;
    await store.sync();
    expect(failed).toBe(1);
    expect(store.status()).toMatchObject({ pending: queued - 2, online: false });
    await store.sync();
    const server = await onServer(memos);
    expect(server.map((memo) => memo.content).sort()).toEqual(['in order 0, edited', 'in order 1', 'in order 2', 'in order 3']);
    // The server created them in the order they were made (its createdAt, by the order of the outbox).
    const createdAt = memos.map(({ memoId }) => server.find((memo) => memo.memoId === memoId)!.createdAt);
    expect(createdAt).toEqual([...createdAt].sort());
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
  });

  it('applies an outbox replayed twice once (two stores over one file, or a crash between answer and commit)', async () => {
    const { session, client, store: storeOf } = offline();
    const path = await stateFile();
    const network = faultyFetch();
    network.online = false;
    const writer = storeOf(client(await session('alice'), network.fetch), fileStorage(path), { live: false });
    await writer.ready;
    const seed = await writer.create({ content: 'replayed: seed' });
    network.online = true;
    await writer.sync();
    network.online = false;
    const created = await writer.create({ content: 'replayed: created' });
    await writer.update(seed.memoId, { title: 'replayed title' });
    const doomed = await writer.create({ content: 'replayed: doomed' });
    await writer.close();
    // The doomed memo reaches the server before the delete is queued, so the delete is sent too.
    const first = storeOf(client(await session('alice')), fileStorage(path), { live: false });
    const second = storeOf(client(await session('alice')), fileStorage(path), { live: false });
    await Promise.all([first.ready, second.ready]);
    await Promise.all([first.sync(), second.sync()]);
    await first.delete(doomed.memoId);
    const third = storeOf(client(await session('alice')), fileStorage(path), { live: false });
    await third.ready;
    await Promise.all([first.sync(), third.sync()]);
    await first.sync();

    const server = await onServer([seed, created, doomed]);
    expect(server).toMatchObject([
      { memoId: created.memoId, content: 'replayed: created', version: 1 },
      { memoId: seed.memoId, title: 'replayed title', version: 2 },
    ]);
    for (const store of [first, second, third]) expect(store.status().conflicts).toEqual([]);
  });

  it('completes a drain cut short by close() on the next start from the same file, each edit once', async () => {
    const { session, client, store: storeOf } = offline();
    const path = await stateFile();
    const network = faultyFetch();
    network.online = false;
    const store = storeOf(client(await session('alice'), network.fetch), fileStorage(path), { live: false });
    await store.ready;
    const memos: Memo[] = [];
    for (let i = 0; i < 3; i++) memos.push(await store.create({ content: `closing ${i}` }));
    await store.sync();
    // The second create reaches the server, and the tab closes before its answer is recorded.
    let release!: () => void;
    const closing = new Promise<void>((resolve) => (release = resolve));
    let creates = 0;
    network.gate = (operation) => (operation === 'CreateMemo' && ++creates === 2 ? closing : undefined);
    network.online = true;
    const draining = store.sync();
    await expect.poll(() => creates).toBe(2);
    const closed = store.close();
    release();
    await Promise.all([closed, draining]);

    const reopened = storeOf(client(await session('alice')), fileStorage(path), { live: false });
    await reopened.ready;
    expect(reopened.status().pending).toBeGreaterThanOrEqual(2);
    await reopened.sync();
    expect(reopened.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect((await onServer(memos)).map((memo) => memo.content).sort()).toEqual(['closing 0', 'closing 1', 'closing 2']);
  });

  it('keeps an edit queued when the storage cannot record its answer (disk full mid-drain), says so, and sends it once later', async () => {
    const { session, client, store: storeOf } = offline();
    const storage = memoryStorage();
    const network = faultyFetch();
    network.online = false;
    const store = storeOf(client(await session('alice'), network.fetch), storage, { live: false, backoff: () => 60_000 });
    await store.ready;
    const memo = await store.create({ content: `full disk ${memo_tag()}` });
    // The server takes the create, then the device has no room to record its answer (a fault no real storage gives on demand).
    const commit = storage.commit.bind(storage);
    let full = true;
    storage.commit = (batch) => (full ? Promise.reject(new OfflineStorageFullError()) : commit(batch));
    network.online = true;
    await store.sync();
    expect(store.status()).toMatchObject({ pending: 1, online: true, storageError: { name: 'OfflineStorageFullError' } });
    expect(store.get(memo.memoId)?.content).toBe(memo.content);

    full = false;
    await store.sync();
    expect(store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(store.status().storageError).toBeUndefined();
    expect((await onServer([memo])).map(({ content, version }) => ({ content, version }))).toEqual([{ content: memo.content, version: 1 }]);
    await store.close();
  });
});

function memo_tag(): string {
  return crypto.randomUUID().slice(0, 8);
}
