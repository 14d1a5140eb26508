import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../sdk/src/apollo.js';
import { userPoolAuth } from '../../sdk/src/auth/providers.js';
import { createMemoClient, type MemoClient } from '../../sdk/src/core/client.js';
import { loadMemoClientConfig } from '../../sdk/src/core/config.js';
import { CreateMemoDocument, OnCreateMemoDocument, type OnCreateMemoSubscription } from '../../sdk/src/generated/operations.js';
import { createUrqlClient } from '../../sdk/src/urql.js';
import { signIn, TEST_USERS } from '../helpers/localCredentials.js';
import { startLocalApiProcess, temporaryDataDir, type LocalApiProcess } from '../local/helpers/localApiProcess.js';
import { countingWebSocket } from './core/helpers/realtimeTestKit.js';

// reconnect.test.ts proves the core client survives a restart of the runtime; this proves the
// same through the urql and Apollo adapters: the subscription the app made once keeps delivering.

type Memo = NonNullable<OnCreateMemoSubscription['onCreateMemo']>;
interface Seen {
  memos: Memo[];
  errors: unknown[];
  completed: number;
}
/** One adapter: subscribe to onCreateMemo and create memos, both through it. */
interface Adapter {
  subscribe(seen: Seen): () => void;
  create(content: string): Promise<string>;
  stop(): void;
}

const adapters: [string, (memo: MemoClient) => Adapter][] = [
  [
    'urql',
    (memo) => {
      const urql = createUrqlClient(memo);
      return {
        subscribe: (seen) => {
          const subscription = urql.subscription(OnCreateMemoDocument, {}).subscribe(({ data, error }) => {
            if (error) seen.errors.push(error);
            else if (data?.onCreateMemo) seen.memos.push(data.onCreateMemo);
          });
          return () => subscription.unsubscribe();
        },
        create: async (content) => {
          const { data, error } = await urql.mutation(CreateMemoDocument, { input: { content } }).toPromise();
          if (error) throw error;
          return data!.createMemo.memoId;
        },
        stop: () => {},
      };
    },
  ],
  [
    'Apollo',
    (memo) => {
      const apollo = createApolloClient(memo);
      return {
        subscribe: (seen) => {
          const live = apollo.subscribe({ query: OnCreateMemoDocument }).subscribe({
            next: ({ data, error }) => (error ? seen.errors.push(error) : data?.onCreateMemo && seen.memos.push(data.onCreateMemo)),
            error: (error: unknown) => seen.errors.push(error),
            complete: () => seen.completed++,
          });
          return () => live.unsubscribe();
        },
        create: async (content) =>
          (await apollo.mutate({ mutation: CreateMemoDocument, variables: { input: { content } } })).data!.createMemo.memoId,
        stop: () => apollo.stop(),
      };
    },
  ],
];

let api: LocalApiProcess | undefined;
let dataDir: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
afterEach(async () => {
  await api?.stop();
  await dataDir?.remove();
  api = dataDir = undefined;
});

describe.each(adapters)('a %s subscription, when the runtime restarts on the same data and port', (_name, adapterFor) => {
  it("keeps delivering alice's new memos (never bob's), reconnected with a token from a new sign-in", { timeout: 90_000 }, async () => {
    dataDir = await temporaryDataDir();
    api = await startLocalApiProcess({ dataDir: dataDir.path });
    const port = new URL(api.url).port;
    const config = await loadMemoClientConfig(new URL('/config.json', api.url));
    const issued: string[] = []; // every token getToken returned, in order
    const getToken = async () => {
      const { idToken } = await signIn(config.userPoolEndpoint!, config.userPoolClientId!, 'alice', TEST_USERS.alice);
      issued.push(idToken);
      return idToken;
    };
    const sockets = countingWebSocket(); // records the Authorization each socket connected with
    let connected = 0;
    const memo = createMemoClient(config, {
      auth: userPoolAuth(getToken),
      WebSocket: sockets.WebSocket,
      realtime: { retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)), on: { connected: () => connected++ } },
    });
    const adapter = adapterFor(memo);
    const seen: Seen = { memos: [], errors: [], completed: 0 };
    const unsubscribe = adapter.subscribe(seen);
    const ids = () => seen.memos.map((memo) => memo.memoId);
    // Creates memos until one arrives: the start's acknowledgement is not observable through the adapter.
    const deliverOne = async (content: string) => {
      const created: string[] = [];
      await vi.waitFor(
        async () => {
          if (!created.some((id) => ids().includes(id))) created.push(await adapter.create(content));
          expect(ids()).toContain(created.at(-1));
        },
        { timeout: 20_000, interval: 300 },
      );
    };

    await deliverOne('before the restart');
    expect(sockets.sockets).toHaveLength(1);
    const firstToken = sockets.headerOf(sockets.sockets[0]!).Authorization!;
    expect(issued).toContain(firstToken);
    const alice = seen.memos[0]!.ownerId;

    const issuedBeforeRestart = issued.length;
    await api.stop();
    api = await startLocalApiProcess({ dataDir: dataDir.path, env: { PORT: port } });
    expect(new URL(api.url).port).toBe(port);

    await deliverOne('after the restart'); // the same subscription: never re-made by the test
    expect(connected).toBe(2);
    const lastSocket = sockets.sockets.at(-1)!;
    const newToken = sockets.headerOf(lastSocket).Authorization!;
    expect(newToken).not.toBe(firstToken);
    expect(issued.length).toBeGreaterThan(issuedBeforeRestart);
    expect(issued.slice(issuedBeforeRestart)).toContain(newToken);
    expect(sockets.live()).toEqual([lastSocket]);

    // Canary: bob's memo, then alice's, on a live subscription. Once hers arrives, bob's would have.
    const bobsToken = (await api.tokens('bob')).idToken;
    const bob = createMemoClient(config, { auth: userPoolAuth(() => bobsToken) });
    const bobs = (await bob.request(CreateMemoDocument, { input: { content: "bob's, after the restart" } })).data!.createMemo;
    expect(bobs.ownerId).not.toBe(alice);
    const canary = await adapter.create('canary');
    await vi.waitFor(() => expect(ids()).toContain(canary), { timeout: 10_000 });
    expect(ids()).not.toContain(bobs.memoId);
    expect(seen.memos.map((memo) => memo.ownerId)).toEqual(seen.memos.map(() => alice));
    expect(seen).toMatchObject({ errors: [], completed: 0 });

    unsubscribe();
    adapter.stop();
    memo.close();
  });
});
