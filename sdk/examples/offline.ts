import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileStorage } from '@memo-api/client/node';
import { createMemoStore } from '@memo-api/client/offline';
import { memo } from './configure.js';

// The user's memos kept in a file: reads and writes never wait for the network; the store
// catches up (memoChanges) and sends the outbox on start, on reconnect and on sync().
const path = join(await mkdtemp(join(tmpdir(), 'memos-')), 'alice.json');
const store = createMemoStore({ client: memo, storage: fileStorage(path) });
await store.ready;
const draft = await store.create({ content: 'Written on the train' }); // shown at once, queued
console.log(store.get(draft.memoId)?.content); // Written on the train
await store.sync();
console.log(store.status().pending); // 0
await store.update(draft.memoId, { title: 'Commute' }); // sent with expectedVersion 1
await store.sync();
console.log(store.get(draft.memoId)?.version); // 2
await store.close();
memo.close();
await rm(dirname(path), { recursive: true });
