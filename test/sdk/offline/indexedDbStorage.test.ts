import { randomUUID } from 'node:crypto';
import { IDBCursor, IDBDatabase, IDBFactory, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDbStorage, type IndexedDbFactory, type IndexedDbStorageOptions } from '../../../sdk/src/offline/indexedDbStorage.js';
import { OfflineStorageFullError } from '../../../sdk/src/offline/offlineStorageFullError.js';
import type { OfflineStorage } from '../../../sdk/src/offline/types.js';
import { conflict, deleteEntry, memo, nextChange, quotaExceeded, updateEntry, createEntry } from './indexedDb/storageFixtures.js';

// fake-indexeddb, a complete IndexedDB in JavaScript, stands in for the browser's (Node has none).
// idb recognises IndexedDB's objects by the global IDB* classes, so this file (and only this file:
// vitest isolates test files) sets those to fake-indexeddb's; the factory itself is passed in, and
// the global `indexedDB` stays absent. BroadcastChannel and Web Locks are Node's own.
beforeAll(() => {
  for (const [name, value] of Object.entries({ IDBCursor, IDBDatabase, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction })) {
    vi.stubGlobal(name, value);
  }
});
afterAll(() => vi.unstubAllGlobals());

let factory: IndexedDbFactory;
let name: string;
const opened: OfflineStorage[] = [];
beforeEach(() => {
  factory = new IDBFactory();
  name = `memo-app:${randomUUID()}`;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map(async (storage) => storage.close?.()));
});

function storage(options: Partial<IndexedDbStorageOptions> = {}) {
  const opening = indexedDbStorage({ name, indexedDB: factory, locks: null, BroadcastChannel: null, ...options });
  opened.push(opening);
  return opening;
}

describe('indexedDbStorage: load and commit', () => {
  it('starts empty', async () => {
    await expect(storage().load()).resolves.toEqual({ cursor: null, memos: [], outbox: [], conflicts: [] });
  });

  it('keeps every field of a batch, the outbox in seq order, and removes what a batch deletes', async () => {
    const local = storage();
    const [a, b] = [memo('a'), memo('b')];
    const outbox = [updateEntry(3, a), createEntry(1, 'c'), deleteEntry(2, b)];
    const conflicts = [conflict('x', updateEntry(9, a)), { ...conflict('y', deleteEntry(8, b)), kind: 'deleted' as const, theirs: null }];
    await local.commit({ cursor: 'cursor-1', putMemos: [a, b], putOutbox: outbox, putConflicts: conflicts });
    const loaded = await local.load();
    expect(loaded).toEqual({ cursor: 'cursor-1', memos: [a, b], outbox: [outbox[1], outbox[2], outbox[0]], conflicts });

    await local.commit({ cursor: null, deleteMemos: ['a'], deleteOutbox: [1, 3], deleteConflicts: ['x'] });
    expect(await local.load()).toEqual({ cursor: null, memos: [b], outbox: [outbox[2]], conflicts: [conflicts[1]] });
  });

  it('applies a key named twice in one batch as the store does: a memo put and deleted is gone, an outbox entry deleted and put stays', async () => {
    const local = storage();
    await local.commit({ putMemos: [memo('a')], putOutbox: [createEntry(1, 'a')] });
    await local.commit({ putMemos: [memo('a', 2)], deleteMemos: ['a'], deleteOutbox: [1], putOutbox: [createEntry(1, 'b')] });
    expect(await local.load()).toMatchObject({ memos: [], outbox: [{ seq: 1, memoId: 'b' }] });
  });

  it('replaceMemos drops every memo the batch does not put, and leaves the rest of the state alone', async () => {
    const local = storage();
    await local.commit({ cursor: 'old', putMemos: [memo('a'), memo('b')], putOutbox: [createEntry(1, 'a')] });
    await local.commit({ replaceMemos: true, putMemos: [memo('b', 2), memo('c')], cursor: 'new' });
    expect(await local.load()).toEqual({ cursor: 'new', memos: [memo('b', 2), memo('c')], outbox: [createEntry(1, 'a')], conflicts: [] });
  });

  it('keeps nothing of a batch that fails part-way (a value IndexedDB cannot store) and rejects with its error', async () => {
    const local = storage();
    await local.commit({ cursor: 'before', putMemos: [memo('a')] });
    const unstorable = { ...createEntry(1, 'b'), input: { title: 't', content: 'c', tags: [], render: () => 'no' } };
    await expect(
      local.commit({ cursor: 'after', replaceMemos: true, putMemos: [memo('b')], putOutbox: [unstorable] }),
    ).rejects.toMatchObject({
      name: 'DataCloneError',
    });
    expect(await local.load()).toEqual({ cursor: 'before', memos: [memo('a')], outbox: [], conflicts: [] });
  });

  it('reopens after close with everything kept, and refuses calls on the closed instance', async () => {
    const first = storage();
    await first.commit({ cursor: 'c', putMemos: [memo('a')], putOutbox: [createEntry(1, 'b')] });
    await first.close?.();
    await expect(first.load()).rejects.toThrow(/closed/);
    expect(await storage().load()).toEqual({ cursor: 'c', memos: [memo('a')], outbox: [createEntry(1, 'b')], conflicts: [] });
  });

  it('keeps two names apart: one user never sees the other’s state', async () => {
    await storage({ name: `${name}:alice` }).commit({ cursor: 'alice', putMemos: [memo('a')] });
    expect(await storage({ name: `${name}:bob` }).load()).toEqual({ cursor: null, memos: [], outbox: [], conflicts: [] });
  });

  it('fails without IndexedDB with a message that names the Node storages', () => {
    expect(() => indexedDbStorage({ name })).toThrow(/memoryStorage or fileStorage/);
  });
});

describe('indexedDbStorage: a full device', () => {
  const before = { cursor: 'before', putMemos: [memo('a')] };
  const batch = { cursor: 'after', replaceMemos: true, putMemos: [memo('b'), memo('c')], putOutbox: [createEntry(1, 'c')] };

  it.each([
    ['thrown by a put', 'throw'],
    ['as the failed request’s error, aborting the transaction', 'request'],
    ['as the transaction’s error when it commits', 'commit'],
  ] as const)('turns QuotaExceededError %s into OfflineStorageFullError and keeps nothing of the batch', async (_, how) => {
    const local = storage();
    await local.commit(before);
    const fault = quotaExceeded(IDBObjectStore, how);
    const failure = await local.commit(batch).catch((error: unknown) => error);
    expect(fault.injected).toBe(1);
    expect(failure).toBeInstanceOf(OfflineStorageFullError);
    expect((failure as Error).cause).toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect(await local.load()).toEqual({ cursor: 'before', memos: [memo('a')], outbox: [], conflicts: [] });
    // Room again: the same batch goes through.
    await local.commit(batch);
    expect(await local.load()).toMatchObject({ cursor: 'after', memos: [memo('b'), memo('c')] });
  });
});

describe('indexedDbStorage: other tabs', () => {
  it('tells the other instances of the name after a commit, never the committing one, and they load it', async () => {
    const [tab1, tab2] = [storage({ BroadcastChannel }), storage({ BroadcastChannel })];
    const heard = { tab1: 0, tab2: 0 };
    const changes = { tab1: nextChange(tab1, () => heard.tab1++), tab2: nextChange(tab2, () => heard.tab2++) };

    await tab1.commit({ putMemos: [memo('a')] });
    await changes.tab2.next();
    expect(await tab2.load()).toMatchObject({ memos: [memo('a')] });
    // Notices arrive in the order they were posted: had tab1 heard its own, it would come before tab2's.
    await tab2.commit({ putMemos: [memo('b')] });
    await changes.tab1.next();
    expect(heard).toEqual({ tab1: 1, tab2: 1 });
    expect(await tab1.load()).toMatchObject({ memos: [memo('a'), memo('b')] });
  });

  it('sends no notices across names, and none after stop', async () => {
    const [alice, alice2] = [storage({ BroadcastChannel }), storage({ BroadcastChannel })];
    const [bob, bob2] = [storage({ name: `${name}:bob`, BroadcastChannel }), storage({ name: `${name}:bob`, BroadcastChannel })];
    let aliceHeard = 0;
    const stop = alice.onExternalChange!(() => aliceHeard++);
    const [aliceChanges, bobChanges] = [nextChange(alice, () => undefined), nextChange(bob2, () => undefined)];
    await bob.commit({ putMemos: [memo('b')] });
    await bobChanges.next();
    await alice2.commit({ putMemos: [memo('a')] });
    await aliceChanges.next();
    expect(aliceHeard).toBe(1);
    stop();
    await alice2.commit({ putMemos: [memo('c')] });
    await aliceChanges.next();
    expect(aliceHeard).toBe(1);
  });

  it('closes its connection when another tab upgrades the database, so the upgrade is not blocked', async () => {
    const local = storage();
    await local.commit({ putMemos: [memo('a')] });
    // Another tab, running a newer release, opens version 2: it succeeds only once this connection has closed.
    const newer = await new Promise<{ version: number; close(): void }>((resolve, reject) => {
      const request = factory.open(name, 2);
      request.addEventListener('success', () => resolve(request.result as { version: number; close(): void }));
      request.addEventListener('error', () => reject(request.error ?? new Error('open failed')));
    });
    expect(newer.version).toBe(2);
    newer.close();
    // This release cannot read version 2: it says so instead of reading a layout it does not know.
    await expect(local.load()).rejects.toMatchObject({ name: 'VersionError' });
  });
});

describe('indexedDbStorage: the drain lock', () => {
  it('runs one drain at a time per name with Web Locks (Node’s navigator.locks, as browsers have)', async () => {
    const [tab1, tab2] = [storage({ locks: navigator.locks }), storage({ locks: navigator.locks })];
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = tab1.withDrainLock!(async () => {
      log.push('first starts');
      await held;
      log.push('first ends');
      return 1;
    });
    const second = tab2.withDrainLock!(async () => {
      log.push('second starts');
      return Promise.resolve(2);
    });
    await vi.waitUntil(async () => {
      const { held: holding, pending } = await navigator.locks.query();
      return holding.some((lock) => lock.name === `${name}:outbox`) && pending.some((lock) => lock.name === `${name}:outbox`);
    });
    expect(log).toEqual(['first starts']);
    release();
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('uses navigator.locks by default, and does not hold up another name', async () => {
    const byDefault = (storageName: string) => storage({ name: storageName, locks: undefined });
    const held = await byDefault(name).withDrainLock!(async () => {
      // Another user's drain runs while this one holds its lock: were it held up, this would never return.
      await byDefault(`${name}:bob`).withDrainLock!(() => Promise.resolve());
      return (await navigator.locks.query()).held.map((lock) => lock.name);
    });
    expect(held).toContain(`${name}:outbox`);
  });

  it('without Web Locks, runs drains at once (the documented fallback of old browsers)', async () => {
    const [tab1, tab2] = [storage({ locks: null }), storage({ locks: null })];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The first drain waits for the second to start: it ends only if both run together.
    const first = tab1.withDrainLock!(() => gate.then(() => 'first'));
    const second = tab2.withDrainLock!(() => {
      openGate();
      return Promise.resolve('second');
    });
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
  });
});
