import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { iamAuth, userPoolAuth, type AuthProvider } from '../../../sdk/src/auth/providers.js';
import { createMemoClient, type MemoClient } from '../../../sdk/src/core/client.js';
import { loadMemoClientConfig, type MemoClientConfig } from '../../../sdk/src/core/config.js';
import { MemoApiRequestError, toMemoApiError } from '../../../sdk/src/errors.js';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  OnCreateMemoDocument,
  OnDeleteMemoDocument,
  OnUpdateMemoDocument,
  UpdateMemoDocument,
  type OnCreateMemoSubscription,
} from '../../../sdk/src/generated/operations.js';
import { TEST_IAM, type TestUsername } from '../../helpers/localCredentials.js';
import { useLocalApiProcess } from '../../local/helpers/localApiProcess.js';
import { countingWebSocket, recordingSink, sleep } from './helpers/realtimeTestKit.js';

// The SDK against the real local runtime (`npm start`'s entry point, as a child process).
const localApi = useLocalApiProcess();

const token = async (username: TestUsername = 'alice') => (await localApi().tokens(username)).idToken;
/** The user-pool sub (the memos' ownerId) in an ID token. */
const subOf = (idToken: string) => (JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;

async function config(): Promise<MemoClientConfig> {
  return loadMemoClientConfig(new URL('/config.json', localApi().url));
}

async function clientAs(
  auth: AuthProvider | TestUsername,
  options: Partial<Parameters<typeof createMemoClient>[1]> = {},
): Promise<MemoClient> {
  const provider = typeof auth === 'string' ? userPoolAuth(() => token(auth)) : auth;
  // Node 20 has no global WebSocket: the ws package's class, as Node users pass it.
  return createMemoClient(await config(), { auth: provider, WebSocket, ...options });
}

describe('requests over HTTP', () => {
  it('loads /config.json as the client config', async () => {
    const served = await localApi().config();
    expect(await config()).toEqual({
      graphqlUrl: served.graphqlUrl,
      realtimeUrl: served.realtimeUrl,
      region: served.region,
      userPoolId: served.userPoolId,
      userPoolClientId: served.userPoolClientId,
      userPoolEndpoint: served.userPoolEndpoint,
      users: served.users,
    });
  });

  it('creates, reads and lists memos as a user-pool user', async () => {
    const client = await clientAs('alice');
    const created = await client.request(CreateMemoDocument, { input: { content: 'From the SDK', tags: ['sdk'] } });
    expect(created.errors).toBeUndefined();
    const memo = created.data!.createMemo;
    expect(memo).toMatchObject({ content: 'From the SDK', tags: ['sdk'], version: 1, ownerId: subOf(await token('alice')) });

    expect((await client.request(GetMemoDocument, { memoId: memo.memoId })).data).toEqual({ memo });
    const listed = await client.request(ListMemosDocument, { limit: 100 });
    expect(listed.data!.listMemos.items.map((item) => item.memoId)).toContain(memo.memoId);
  });

  it('creates, reads and lists memos as IAM (SigV4 of the exact body)', async () => {
    const client = await clientAs(iamAuth(TEST_IAM));
    const ownerId = subOf(await token('alice'));
    const created = await client.request(CreateMemoDocument, { input: { content: 'Back office', ownerId } });
    expect(created.errors).toBeUndefined();
    const memo = created.data!.createMemo;
    expect(memo.ownerId).toBe(ownerId);
    expect((await client.request(GetMemoDocument, { memoId: memo.memoId })).data?.memo?.memoId).toBe(memo.memoId);
    const listed = await client.request(ListMemosDocument, { ownerId, limit: 100 });
    expect(listed.data!.listMemos.items.map((item) => item.memoId)).toContain(memo.memoId);
  });

  it('resolves with AppSync’s errors, which toMemoApiError types (VersionConflict with its errorInfo)', async () => {
    const client = await clientAs('alice');
    const { memoId } = (await client.request(CreateMemoDocument, { input: { content: 'v1' } })).data!.createMemo;
    const stale = await client.request(UpdateMemoDocument, { input: { memoId, content: 'v2', expectedVersion: 5 } });
    expect(stale.data).toBeNull();
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'VersionConflict', path: ['updateMemo'] });
    const error = toMemoApiError(stale.errors);
    expect(error).toMatchObject({
      errorType: 'VersionConflict',
      errorInfo: { memoId, expectedVersion: 5, currentVersion: 1 },
      path: ['updateMemo'],
    });
    // The union narrows on errorType: errorInfo is typed.
    const current: number | undefined = error?.errorType === 'VersionConflict' ? error.errorInfo.currentVersion : undefined;
    expect(current).toBe(1);
  });

  it('rejects a request with bad credentials as a MemoApiRequestError UnauthorizedException (401)', async () => {
    const client = await clientAs(userPoolAuth(() => 'not-a-token'));
    const failure = await client.request(GetMemoDocument, { memoId: crypto.randomUUID() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MemoApiRequestError);
    expect(failure).toMatchObject({
      errorType: 'UnauthorizedException',
      status: 401,
      message: 'You are not authorized to make this call.',
    });
    expect(toMemoApiError(failure)).toEqual({
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
      errorInfo: null,
    });
  });

  it('rejects a request the network cannot deliver as a NetworkError', async () => {
    const client = createMemoClient({ ...(await config()), graphqlUrl: 'http://127.0.0.1:1/graphql' }, { auth: userPoolAuth(() => 'x') });
    await expect(client.request(GetMemoDocument, { memoId: crypto.randomUUID() })).rejects.toMatchObject({
      name: 'MemoApiRequestError',
      errorType: 'NetworkError',
      status: 0,
    });
  });

  it('reads the token for every request: a new token is used at once', async () => {
    const tokens = [await token('alice'), await token('bob')];
    let calls = 0;
    const client = await clientAs(userPoolAuth(() => tokens[calls++ % 2]!));
    const first = await client.request(CreateMemoDocument, { input: { content: 'first' } });
    const second = await client.request(CreateMemoDocument, { input: { content: 'second' } });
    expect(calls).toBe(2);
    expect([first.data!.createMemo.ownerId, second.data!.createMemo.ownerId]).toEqual(tokens.map(subOf));
  });

  it('gives urql and Apollo an authorizing fetch (user pool and IAM)', async () => {
    for (const auth of [userPoolAuth(() => token('alice')), iamAuth(TEST_IAM)]) {
      const client = await clientAs(auth);
      const ownerId = auth.kind === 'iam' ? subOf(await token('alice')) : undefined;
      const input = { content: `via urql (${auth.kind})`, ...(ownerId ? { ownerId } : {}) };
      const urql = new UrqlClient({
        url: client.config.graphqlUrl,
        exchanges: [fetchExchange],
        fetch: client.fetch,
        preferGetMethod: false,
      });
      const created = await urql.mutation(CreateMemoDocument, { input }).toPromise();
      expect(created.error).toBeUndefined();
      const { memoId } = created.data!.createMemo;
      const stale = await urql.mutation(UpdateMemoDocument, { input: { memoId, content: 'x', expectedVersion: 9 } }).toPromise();
      expect(toMemoApiError(stale.error)).toMatchObject({ errorType: 'VersionConflict', errorInfo: { currentVersion: 1 } });

      const apollo = new ApolloClient({
        link: new HttpLink({ uri: client.config.graphqlUrl, fetch: client.fetch }),
        cache: new InMemoryCache(),
      });
      const { data } = await apollo.query({ query: GetMemoDocument, variables: { memoId } });
      expect(data?.memo?.memoId).toBe(memoId);
      const conflict = await apollo
        .mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId, content: 'x', expectedVersion: 9 } } })
        .catch((error: unknown) => error);
      expect(toMemoApiError(conflict)).toMatchObject({ errorType: 'VersionConflict', errorInfo: { memoId, currentVersion: 1 } });
    }
    const refused = await clientAs(userPoolAuth(() => 'not-a-token'));
    const apollo = new ApolloClient({
      link: new HttpLink({ uri: refused.config.graphqlUrl, fetch: refused.fetch }),
      cache: new InMemoryCache(),
    });
    const failure = await apollo
      .query({ query: GetMemoDocument, variables: { memoId: crypto.randomUUID() } })
      .catch((error: unknown) => error);
    expect(toMemoApiError(failure)).toMatchObject({ errorType: 'UnauthorizedException' });
  });
});

describe('subscriptions over the shared real-time connection', () => {
  type CreatedEvent = { data: OnCreateMemoSubscription | null };

  /**
   * Repeats `trigger` until the sink has an event: the subscription is then live on the server
   * (the client, like graphql-ws, does not expose start_ack).
   */
  async function untilLive(sink: { values: unknown[]; errors: unknown[] }, trigger: () => Promise<unknown>): Promise<void> {
    await vi.waitFor(
      async () => {
        expect(sink.errors).toEqual([]);
        if (sink.values.length === 0) await trigger();
        expect(sink.values.length).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 300 },
    );
  }

  it('delivers events of the user’s own memos only', async () => {
    const client = await clientAs('alice');
    const bob = await clientAs('bob');
    const events = recordingSink<CreatedEvent>();
    const unsubscribe = client.subscribe(OnCreateMemoDocument, {}, events.sink);
    await untilLive(events, () => client.request(CreateMemoDocument, { input: { content: 'probe' } }));

    const bobs = (await bob.request(CreateMemoDocument, { input: { content: 'bob’s' } })).data!.createMemo;
    const mine = (await client.request(CreateMemoDocument, { input: { content: 'alice’s' } })).data!.createMemo;
    await vi.waitFor(() => expect(events.values.map((event) => event.data?.onCreateMemo?.memoId)).toContain(mine.memoId));
    expect(events.values.find((event) => event.data?.onCreateMemo?.memoId === mine.memoId)).toEqual({ data: { onCreateMemo: mine } });
    expect(events.values.map((event) => event.data?.onCreateMemo?.memoId)).not.toContain(bobs.memoId);
    expect(new Set(events.values.map((event) => event.data?.onCreateMemo?.ownerId))).toEqual(new Set([subOf(await token('alice'))]));
    unsubscribe();
    expect(events.completed).toBe(1);
  });

  it('shares one socket among all subscriptions, and closes it when the last one ends', async () => {
    const sockets = countingWebSocket();
    let connected = 0;
    const client = await clientAs('alice', { WebSocket: sockets.WebSocket, realtime: { on: { connected: () => connected++ } } });
    const created = recordingSink<CreatedEvent>();
    const updated = recordingSink<unknown>();
    const deleted = recordingSink<unknown>();
    const stops = [
      client.subscribe(OnCreateMemoDocument, {}, created.sink),
      client.subscribe(OnUpdateMemoDocument, {}, updated.sink),
      client.subscribe(OnDeleteMemoDocument, {}, deleted.sink),
    ];
    const { memoId } = (await client.request(CreateMemoDocument, { input: { content: 'shared' } })).data!.createMemo;
    await untilLive(created, () => client.request(CreateMemoDocument, { input: { content: 'probe' } }));
    await untilLive(updated, () => client.request(UpdateMemoDocument, { input: { memoId, content: `updated ${Date.now()}` } }));
    await untilLive(deleted, async () => {
      const probe = (await client.request(CreateMemoDocument, { input: { content: 'to delete' } })).data!.createMemo;
      await client.request(DeleteMemoDocument, { memoId: probe.memoId });
    });
    expect(connected).toBe(1);
    expect(sockets.sockets).toHaveLength(1);

    stops[0]!();
    stops[1]!();
    await sleep(100);
    expect(sockets.live()).toHaveLength(1);
    stops[2]!();
    await vi.waitFor(() => expect(sockets.live()).toHaveLength(0));
    expect([created.completed, updated.completed, deleted.completed]).toEqual([1, 1, 1]);

    // The next subscription opens a new socket; close() ends it.
    const again = recordingSink();
    client.subscribe(OnCreateMemoDocument, {}, again.sink);
    await vi.waitFor(() => expect(connected).toBe(2));
    expect(sockets.sockets).toHaveLength(2);
    client.close();
    expect(again.completed).toBe(1);
    await vi.waitFor(() => expect(sockets.live()).toHaveLength(0));
    // HTTP still works after close().
    expect((await client.request(GetMemoDocument, { memoId })).data?.memo?.memoId).toBe(memoId);
  });

  it('subscribes as IAM, which receives every owner’s events', async () => {
    const client = await clientAs(iamAuth(TEST_IAM));
    const bob = await clientAs('bob');
    const events = recordingSink<CreatedEvent>();
    const stop = client.subscribe(OnCreateMemoDocument, undefined, events.sink);
    await untilLive(events, () => bob.request(CreateMemoDocument, { input: { content: 'probe' } }));
    expect(events.values[0]?.data?.onCreateMemo?.ownerId).toBe(subOf(await token('bob')));
    stop();
  });

  it('fails every subscription with UnauthorizedException on bad credentials, after one retry only', async () => {
    const sockets = countingWebSocket();
    let calls = 0;
    const client = await clientAs(
      userPoolAuth(() => `bad-token-${++calls}`),
      { WebSocket: sockets.WebSocket },
    );
    const first = recordingSink();
    const second = recordingSink();
    client.subscribe(OnCreateMemoDocument, {}, first.sink);
    client.subscribe(OnUpdateMemoDocument, {}, second.sink);
    await vi.waitFor(() => expect(first.errors).toHaveLength(1));
    expect(second.errors).toHaveLength(1);
    expect(first.errors[0]).toBeInstanceOf(MemoApiRequestError);
    expect(toMemoApiError(first.errors[0])).toMatchObject({ errorType: 'UnauthorizedException' });
    expect(first.errors[0]).toMatchObject({ status: 401 });
    await sleep(1_500);
    expect(sockets.sockets).toHaveLength(2);
    expect(calls).toBe(2);
    expect(sockets.live()).toHaveLength(0);
  });
});
