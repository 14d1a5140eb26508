import { describe, expect, it, vi } from 'vitest';
import { createMemoClient, type MemoClient } from '../../sdk/src/core/client.js';
import { userPoolAuth } from '../../sdk/src/auth/providers.js';
import { loadMemoClientConfig } from '../../sdk/src/core/config.js';
import { CreateMemoDocument, ListMemosDocument, OnCreateMemoDocument } from '../../sdk/src/generated/operations.js';
import { TEST_STORE } from '../helpers/testStore.js';
import { startLocalApiProcess, useTemporaryDataDir, type LocalApiProcess } from './helpers/localApiProcess.js';

const dataDir = useTemporaryDataDir();
const STOPS = 30;

async function aliceClient(api: LocalApiProcess) {
  return createMemoClient(await loadMemoClientConfig(new URL('/config.json', api.url)), {
    auth: userPoolAuth(async () => (await api.tokens('alice')).idToken),
  });
}

/**
 * A signed-in client with a subscription open and live: it creates memos until the subscription
 * has delivered one (the first may come before AppSync's start_ack). Returns every memo id the
 * API acknowledged, and the client to close.
 */
async function subscribedClientWithMemos(api: LocalApiProcess, content: string): Promise<{ memoIds: string[]; client: MemoClient }> {
  const client = await aliceClient(api);
  const delivered = new Set<string>();
  client.subscribe(
    OnCreateMemoDocument,
    {},
    {
      next: ({ data }) => data?.onCreateMemo && delivered.add(data.onCreateMemo.memoId),
      error: (error) => expect.unreachable(String(error)),
      complete: () => {},
    },
  );
  const memoIds: string[] = [];
  await vi.waitFor(
    async () => {
      if (memoIds.some((memoId) => delivered.has(memoId))) return;
      const { data, errors } = await client.request(CreateMemoDocument, { input: { content } });
      expect(errors).toBeUndefined();
      memoIds.push(data!.createMemo.memoId);
      throw new Error('not delivered yet');
    },
    { timeout: 15_000, interval: 200 },
  );
  return { memoIds, client };
}

// About the process, not the store: it runs once, in `npm test` (the embedded store either way).
describe.skipIf(TEST_STORE === 'dynamodb-local')(
  'stopping npm start the way a terminal does (Ctrl-C reaches the whole process group)',
  () => {
    it(`stops cleanly ${STOPS} times in a row with a signed-in client and an open subscription, and keeps every memo`, async () => {
      const acknowledged: string[] = [];
      for (let stop = 1; stop <= STOPS; stop += 1) {
        const signal = stop % 2 === 0 ? 'SIGINT' : 'SIGTERM';
        const api = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded', via: 'npm', processGroup: true });
        const { memoIds, client } = await subscribedClientWithMemos(api, `memo ${stop}`);
        acknowledged.push(...memoIds);
        expect(await api.stop(signal), `stop ${stop} (${signal}):\n${api.output()}`).toBe(0);
        client.close();
        const output = api.output();
        expect(output.match(new RegExp(`^${signal}: finishing`, 'gm'))).toHaveLength(1);
        expect(output.match(/^Stopped\.$/gm), `stop ${stop} (${signal}):\n${output}`).toHaveLength(1);
        expect(output).not.toMatch(/Shutdown (failed|did not finish)|Error|at .*\.ts:\d+/);
      }
      // The data directory afterwards: its lock is free, and every memo created before a stop is there.
      const after = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
      try {
        const { data } = await (await aliceClient(after)).request(ListMemosDocument, { limit: 100 });
        expect(data!.listMemos.nextToken).toBeNull();
        expect(data!.listMemos.items.map(({ memoId }) => memoId).sort()).toEqual([...acknowledged].sort());
        const contents = new Set(data!.listMemos.items.map(({ content }) => content));
        expect(contents).toEqual(new Set(Array.from({ length: STOPS }, (_, index) => `memo ${index + 1}`)));
      } finally {
        expect(await after.stop()).toBe(0);
      }
    }, 240_000);
  },
);
