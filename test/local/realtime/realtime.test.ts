import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  OnCreateMemoDocument,
  OnDeleteMemoDocument,
  OnUpdateMemoDocument,
  UpdateMemoDocument,
} from '../../../sdk/src/generated/operations.js';
import { iamHeaders, type TestUsername } from '../../helpers/localCredentials.js';
import { AppSyncRealtimeClient, iamAuth, tokenAuth, type RealtimeAuth } from '../helpers/appSyncRealtimeClient.js';
import { postGraphQL, useLocalApiProcess, type GraphQLResponseBody } from '../helpers/localApiProcess.js';

const localApi = useLocalApiProcess({ KEEP_ALIVE_MS: '100' });
const clients: AppSyncRealtimeClient[] = [];

afterAll(() => Promise.all(clients.map((client) => client.close())));

/** A user-pool user (their ID token) or the back-office IAM principal (SigV4). */
type Caller = TestUsername | 'iam';

async function authOf(caller: Caller): Promise<RealtimeAuth> {
  const { realtimeUrl } = localApi();
  return caller === 'iam' ? iamAuth(realtimeUrl) : tokenAuth(realtimeUrl, (await localApi().tokens(caller)).idToken);
}

async function connected(auth: Caller | RealtimeAuth = 'alice', init = true): Promise<AppSyncRealtimeClient> {
  const client = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, typeof auth === 'string' ? await authOf(auth) : auth, {
    init,
  });
  clients.push(client);
  return client;
}

async function acknowledged(caller: Caller = 'alice'): Promise<AppSyncRealtimeClient> {
  const client = await connected(caller);
  await client.next((message) => message.type === 'connection_ack');
  return client;
}

async function acked(client: AppSyncRealtimeClient, id: string): Promise<void> {
  await client.next((message) => message.id === id && (message.type === 'start_ack' || message.type === 'error'));
  expect(client.messages.find((message) => message.id === id)?.type).toBe('start_ack');
}

/** Runs a mutation over HTTP as `caller` and returns its data (failing on GraphQL errors). */
async function mutate<Result, Variables>(
  document: TypedDocumentNode<Result, Variables> | string,
  variables: Variables,
  caller: Caller = 'alice',
): Promise<Result> {
  const body = JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
  const headers = caller === 'iam' ? await iamHeaders(localApi().url, body) : await localApi().authHeaders(caller);
  const { status, body: answer } = await postGraphQL(localApi().url, body, headers);
  expect({ status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
  return answer.data as Result;
}

const create = (content: string, caller: Caller = 'alice') =>
  mutate(CreateMemoDocument, { input: { content } }, caller).then((data) => data.createMemo);

describe('the real-time endpoint (AppSync protocol)', () => {
  it('acknowledges the connection with connectionTimeoutMs and sends keep-alives', async () => {
    const client = await connected();
    expect(client.protocol).toBe('graphql-ws');
    const ack = await client.next((message) => message.type === 'connection_ack');
    expect(ack.payload).toEqual({ connectionTimeoutMs: 300_000 });
    await client.next((message) => message.type === 'ka' && client.messages.filter((m) => m.type === 'ka').length >= 2);
  });

  it('delivers exactly the events a subscriber asked for, filtered by memoId', async () => {
    const subscriber = await acknowledged();
    const watched = await create('watched');
    const other = await create('other');

    const creates = await subscriber.start(OnCreateMemoDocument);
    const updatesOfWatched = await subscriber.start(OnUpdateMemoDocument, { memoId: watched.memoId });
    const allUpdates = await subscriber.start(OnUpdateMemoDocument);
    const deletesOfWatched = await subscriber.start(OnDeleteMemoDocument, { memoId: watched.memoId });
    for (const id of [creates, updatesOfWatched, allUpdates, deletesOfWatched]) await acked(subscriber, id);

    await mutate(UpdateMemoDocument, { input: { memoId: other.memoId, content: 'other 2' } });
    await mutate(UpdateMemoDocument, { input: { memoId: watched.memoId, content: 'watched 2' } });
    const created = await create('new');
    await mutate(DeleteMemoDocument, { memoId: other.memoId });
    await mutate(DeleteMemoDocument, { memoId: watched.memoId });

    // The last event every filter lets through; once it is in, all earlier ones are too.
    await subscriber.next((message) => message.id === deletesOfWatched && message.type === 'data');
    expect(subscriber.dataOf(creates)).toEqual([{ data: { onCreateMemo: created } }]);
    expect(subscriber.dataOf(updatesOfWatched)).toEqual([
      { data: { onUpdateMemo: expect.objectContaining({ memoId: watched.memoId, content: 'watched 2', version: 2 }) } },
    ]);
    expect(subscriber.dataOf(allUpdates).map((payload) => (payload as GraphQLResponseBody).data.onUpdateMemo.memoId)).toEqual([
      other.memoId,
      watched.memoId,
    ]);
    expect(subscriber.dataOf(deletesOfWatched)).toEqual([{ data: { onDeleteMemo: expect.objectContaining({ memoId: watched.memoId }) } }]);
  });

  it("keeps a user-pool subscriber's events private: someone else's memos never reach them, whatever the arguments", async () => {
    const alice = await acknowledged('alice');
    const bobsMemo = await create("bob's", 'bob');
    const creates = await alice.start(OnCreateMemoDocument);
    const updatesOfBobsMemo = await alice.start(OnUpdateMemoDocument, { memoId: bobsMemo.memoId });
    const deletes = await alice.start(OnDeleteMemoDocument);
    for (const id of [creates, updatesOfBobsMemo, deletes]) await acked(alice, id);

    await create("bob's second", 'bob');
    await mutate(UpdateMemoDocument, { input: { memoId: bobsMemo.memoId, content: "bob's 2" } }, 'bob');
    await mutate(DeleteMemoDocument, { memoId: bobsMemo.memoId }, 'bob');
    const hers = await create("alice's");

    await alice.next((message) => message.id === creates && message.type === 'data');
    expect(alice.dataOf(creates)).toEqual([{ data: { onCreateMemo: hers } }]);
    expect(alice.dataOf(updatesOfBobsMemo)).toEqual([]);
    expect(alice.dataOf(deletes)).toEqual([]);
  });

  it("delivers an IAM subscriber everyone's events, and one memo's when it names it (in any case)", async () => {
    const backOffice = await acknowledged('iam');
    const alicesMemo = await create('watched by the back office');
    const creates = await backOffice.start(OnCreateMemoDocument);
    const updatesOfAlicesMemo = await backOffice.start(OnUpdateMemoDocument, { memoId: alicesMemo.memoId.toUpperCase() });
    for (const id of [creates, updatesOfAlicesMemo]) await acked(backOffice, id);

    const bobs = await create("bob's, seen by IAM", 'bob');
    await mutate(UpdateMemoDocument, { input: { memoId: bobs.memoId, content: "bob's 2" } }, 'bob');
    const alices = await create("alice's, seen by IAM");
    await mutate(UpdateMemoDocument, { input: { memoId: alicesMemo.memoId, content: 'updated' } });

    await backOffice.next((message) => message.id === updatesOfAlicesMemo && message.type === 'data');
    expect(backOffice.dataOf(creates)).toEqual([{ data: { onCreateMemo: bobs } }, { data: { onCreateMemo: alices } }]);
    expect(backOffice.dataOf(updatesOfAlicesMemo)).toEqual([
      { data: { onUpdateMemo: expect.objectContaining({ memoId: alicesMemo.memoId, content: 'updated' }) } },
    ]);
  });

  it('sends a subscriber only the fields the mutation selected', async () => {
    const subscriber = await acknowledged();
    const wide = await subscriber.start('subscription { onCreateMemo { memoId ownerId title content } }');
    const needsCreatedAt = await subscriber.start('subscription { onCreateMemo { memoId ownerId createdAt } }');
    for (const id of [wide, needsCreatedAt]) await acked(subscriber, id);

    // Without ownerId in the selection the owner filter cannot match: no user-pool subscriber gets it.
    await mutate('mutation { createMemo(input: { title: "unseen", content: "no ownerId selected" }) { memoId content } }', {});
    const { createMemo: seen } = await mutate<{ createMemo: { memoId: string; ownerId: string } }, object>(
      'mutation { createMemo(input: { title: "left out", content: "selected" }) { memoId ownerId content } }',
      {},
    );

    await subscriber.next((message) => message.id === needsCreatedAt && message.type === 'data');
    expect(subscriber.dataOf(wide)).toEqual([
      { data: { onCreateMemo: { memoId: seen.memoId, ownerId: seen.ownerId, title: null, content: 'selected' } } },
    ]);
    const [failed] = subscriber.dataOf(needsCreatedAt) as { data: unknown; errors: { message: string }[] }[];
    expect(failed?.data).toEqual({ onCreateMemo: null });
    expect(failed?.errors[0]?.message).toContain('Cannot return null');
  });

  it('stops a subscription with complete, after which nothing more arrives', async () => {
    const client = await acknowledged();
    const id = await client.start(OnCreateMemoDocument);
    await acked(client, id);
    client.stop(id);
    await client.next((message) => message.id === id && message.type === 'complete');
    const canary = await client.start(OnCreateMemoDocument);
    await acked(client, canary);

    await create('after stop');
    await client.next((message) => message.id === canary && message.type === 'data');
    expect(client.dataOf(id)).toEqual([]);
  });

  it.each([
    [
      'a start authorized with a bad token',
      (client: AppSyncRealtimeClient) =>
        client.start(OnCreateMemoDocument, {}, { host: new URL(localApi().url).host, Authorization: 'not-a-token' }),
      'UnauthorizedException',
    ],
    [
      'a start authorized with an API key',
      (client: AppSyncRealtimeClient) =>
        client.start(OnCreateMemoDocument, {}, { host: new URL(localApi().url).host, 'x-api-key': 'da2-wrong' }),
      'UnauthorizedException',
    ],
    ['a query instead of a subscription', (client: AppSyncRealtimeClient) => client.start('query { listMemos { nextToken } }'), undefined],
    ['an unknown field', (client: AppSyncRealtimeClient) => client.start('subscription { onNothing { memoId } }'), undefined],
  ])('answers %s with an error message for that id', async (_case, start, errorType) => {
    const client = await acknowledged();
    const id = await start(client);
    const error = await client.next((message) => message.id === id);
    expect(error.type).toBe('error');
    expect(error.payload.errors[0].message).toEqual(expect.any(String));
    if (errorType) expect(error.payload.errors[0].errorType).toBe(errorType);
  });

  it('refuses a connection whose header carries no valid credentials', async () => {
    const client = await connected(tokenAuth(localApi().realtimeUrl, 'not-a-token'));
    const error = await client.next((message) => message.type === 'connection_error');
    expect(error.payload.errors[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
  });

  it('refuses a start before connection_init', async () => {
    const client = await connected('alice', false);
    const id = await client.start(OnCreateMemoDocument);
    const error = await client.next((message) => message.id === id);
    expect(error).toMatchObject({ type: 'error', payload: { errors: [{ message: 'Send connection_init before start' }] } });
  });

  it('answers an unknown message type with UnsupportedOperation', async () => {
    const client = await connected();
    client.send({ type: 'subscribe', id: 'x' });
    const error = await client.next((message) => message.type === 'error');
    expect(error.payload.errors[0].errorType).toBe('UnsupportedOperation');
  });
});
