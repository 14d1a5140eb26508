import { afterAll, describe, expect, it, vi } from 'vitest';
import { userPoolAuth } from '../../../sdk/src/auth/providers.js';
import { createMemoClient } from '../../../sdk/src/core/client.js';
import { loadMemoClientConfig } from '../../../sdk/src/core/config.js';
import { CreateMemoDocument, OnCreateMemoDocument, type OnCreateMemoSubscription } from '../../../sdk/src/generated/operations.js';
import { signIn, TEST_USERS } from '../../helpers/localCredentials.js';
import { startLocalApiProcess, temporaryDataDir, type LocalApiProcess } from '../../local/helpers/localApiProcess.js';
import { countingWebSocket, recordingSink } from './helpers/realtimeTestKit.js';

// The runtime goes away (it closes every socket with 1001, as AppSync does when it redeploys) and
// comes back on the same port and data: the client must find it again on its own.

let dataDir: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
let api: LocalApiProcess | undefined;
afterAll(async () => {
  await api?.stop();
  await dataDir?.remove();
});

describe('after the server goes away', () => {
  it('reconnects with backoff, re-subscribes with a refreshed token, and receives events created after the restart', async () => {
    dataDir = await temporaryDataDir();
    api = await startLocalApiProcess({ dataDir: dataDir.path });
    const port = new URL(api.url).port;
    const config = await loadMemoClientConfig(new URL('/config.json', api.url));

    // What an app's token getter does: sign in (or refresh) against the user pool. While the
    // server is down it fails, and the client counts that as a failed attempt.
    const issued: string[] = [];
    const getToken = async () => {
      const { idToken } = await signIn(config.userPoolEndpoint!, config.userPoolClientId!, 'alice', TEST_USERS.alice);
      issued.push(idToken);
      return idToken;
    };
    const sockets = countingWebSocket();
    const waits: number[] = [];
    const closed: { code: number }[] = [];
    let connected = 0;
    const client = createMemoClient(config, {
      auth: userPoolAuth(getToken),
      WebSocket: sockets.WebSocket,
      realtime: {
        retryWait: async (attempt) => {
          waits.push(attempt);
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
        on: { connected: () => connected++, closed: (event) => void closed.push(event as { code: number }) },
      },
    });
    const events = recordingSink<{ data: OnCreateMemoSubscription | null }>();
    client.subscribe(OnCreateMemoDocument, {}, events.sink);
    const idsSeen = () => events.values.map((event) => event.data?.onCreateMemo?.memoId);

    // Live before the restart (repeat the mutation until the start is acknowledged).
    await vi.waitFor(
      async () => {
        if (events.values.length === 0) await client.request(CreateMemoDocument, { input: { content: 'before the restart' } });
        expect(events.values.length).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 300 },
    );
    const firstToken = sockets.headerOf(sockets.sockets[0]!).Authorization;
    expect(issued).toContain(firstToken);

    const issuedBeforeRestart = issued.length;
    await api.stop();
    expect(closed[0]).toMatchObject({ code: 1001 });
    api = await startLocalApiProcess({ dataDir: dataDir.path, env: { PORT: port } });
    expect(new URL(api.url).port).toBe(port);

    await vi.waitFor(() => expect(connected).toBe(2), { timeout: 20_000 });
    // It waited before reconnecting (attempts 0, 1, … while the server was down), each time with a new token.
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits).toEqual(waits.map((_, attempt) => attempt));
    const lastSocket = sockets.sockets.at(-1)!;
    const newToken = sockets.headerOf(lastSocket).Authorization;
    expect(newToken).not.toBe(firstToken);
    expect(issued.slice(issuedBeforeRestart)).toContain(newToken);

    // Events created after the restart reach the same sink, which never ended.
    let afterRestart: string | undefined;
    await vi.waitFor(
      async () => {
        if (!afterRestart || !idsSeen().includes(afterRestart)) {
          afterRestart = (await client.request(CreateMemoDocument, { input: { content: 'after the restart' } })).data!.createMemo.memoId;
        }
        expect(idsSeen()).toContain(afterRestart);
      },
      { timeout: 15_000, interval: 300 },
    );
    expect(events).toMatchObject({ errors: [], completed: 0 });
    expect(sockets.live()).toEqual([lastSocket]);
    client.close();
  });
});

describe('without a WebSocket class', () => {
  it('fails the subscription with a message that says what to pass (Node 20 has no global WebSocket)', async () => {
    const client = createMemoClient(
      { graphqlUrl: 'http://127.0.0.1:1/graphql', realtimeUrl: 'ws://127.0.0.1:1/graphql/realtime', region: 'us-east-1' },
      { auth: userPoolAuth(() => 'token') },
    );
    const events = recordingSink();
    client.subscribe(OnCreateMemoDocument, {}, events.sink);
    const hasGlobal = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';
    if (hasGlobal) return client.close();
    await vi.waitFor(() => expect(events.errors).toHaveLength(1));
    expect(String(events.errors[0])).toContain('pass one as the WebSocket option');
  });
});
