import { describe, expect, it } from 'vitest';
import { CreateMemoDocument, DeleteMemoDocument, SearchMemosDocument } from '../../../sdk/src/generated/operations.js';
import { memoryStorage } from '../../../sdk/src/offline/memoryStorage.js';
import type { MemoClient } from '../../../sdk/src/core/client.js';
import { SEARCH_CASES, type SearchCase } from '../../fixtures/searchCases.js';
import { faultyFetch } from './helpers/faultyFetch.js';
import { useOfflineApi } from './helpers/offlineApi.js';

// The shared table of searchMemos' matching rules (test/fixtures/searchCases.ts), held against the
// offline store's search: on memos the server created and the store synced, and on memos created
// on the device and not yet sent. The server suite runs the same table.
const offline = useOfflineApi();

/** The cases grouped by their memos (many share one set), so each set is created once. */
const bySet = [...Map.groupBy(SEARCH_CASES, (searchCase) => searchCase.memos).entries()].map(([memos, cases]) => ({
  name: cases.map((searchCase) => searchCase.name).join('; '),
  memos,
  cases,
}));

async function ok<T>(answer: Promise<{ data?: T | null; errors?: readonly unknown[] }>): Promise<T> {
  const { data, errors } = await answer;
  if (errors?.length || !data) throw new Error(JSON.stringify(errors));
  return data;
}

/** Leaves the user with exactly `memos` on the server, created oldest first on distinct milliseconds (newest first is then the reverse). */
async function serverHoldsOnly(client: MemoClient, memos: SearchCase['memos']): Promise<void> {
  for (const memo of await offline().serverMemos('alice')) await ok(client.request(DeleteMemoDocument, { memoId: memo.memoId }));
  let previous = 0;
  for (const memo of memos) {
    // The runtime runs in this process: wait for its clock to pass the last createdAt, so no two memos tie.
    while (Date.now() <= previous) await new Promise((resolve) => setTimeout(resolve, 1));
    const { createMemo } = await ok(client.request(CreateMemoDocument, { input: { ...memo, tags: memo.tags ? [...memo.tags] : null } }));
    previous = Date.parse(createMemo.createdAt);
  }
}

const titles = (memos: readonly { readonly title?: string | null }[]) => memos.map((memo) => memo.title);

describe('the offline store searches as the shared table says', () => {
  it.each(bySet)('on memos the server created: $name', async ({ memos, cases }) => {
    const { session, client: clientOf, store: storeOf } = offline();
    const client = clientOf(await session('alice'));
    await serverHoldsOnly(client, memos);
    const store = storeOf(client, memoryStorage(), { live: false });
    await store.ready;
    await store.sync();
    expect(store.list()).toHaveLength(memos.length);

    for (const { name, query, tags, expected } of cases) {
      expect(titles(store.search({ query, tags })), name).toEqual(expected);
      // The server, asked the same on the same memos, agrees (order included).
      const { searchMemos } = await ok(client.request(SearchMemosDocument, { query, tags: tags ? [...tags] : null, limit: 100 }));
      expect(titles(searchMemos.items), name).toEqual(expected);
    }
  });

  it.each(bySet)('on memos created offline on the device: $name', async ({ memos, cases }) => {
    const { session, client: clientOf, store: storeOf } = offline();
    const network = faultyFetch();
    network.online = false;
    // The device's clock moves a millisecond at each reading, so each create is newer than the one before.
    let clock = Date.UTC(2026, 10, 1);
    const store = storeOf(clientOf(await session('alice'), network.fetch), memoryStorage(), { live: false, now: () => new Date(clock++) });
    await store.ready;
    for (const memo of memos) await store.create({ ...memo, tags: memo.tags ? [...memo.tags] : null });
    expect(store.status().pending).toBe(memos.length);

    for (const { name, query, tags, expected } of cases) expect(titles(store.search({ query, tags })), name).toEqual(expected);
    expect(network.sent).toEqual([]);
  });
});
