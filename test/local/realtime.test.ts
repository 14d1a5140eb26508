import { afterAll, describe, expect, it } from 'vitest'
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  OnCreateMemoDocument,
  OnDeleteMemoDocument,
  OnUpdateMemoDocument,
  UpdateMemoDocument,
} from '../../generated/sdk.js';
import * as urql from './examples/urqlClient.js';
import { AppSyncRealtimeClient } from './helpers/appSyncRealtimeClient.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

const localApi = useLocalApiProcess({ KEEP_ALIVE_MS: '100' });
const clients: AppSyncRealtimeClient[] = [];

afterAll(() => Promise.all(clients.map((client) => client.close())));

async function connected(apiKey = localApi().apiKey, init = true): Promise<AppSyncRealtimeClient> {
  const client = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, apiKey, { init });
  clients.push(client);
  return client;
}

async function acked(client: AppSyncRealtimeClient, id: string): Promise<void> {
  await client.next((message) => message.id === id && (message.type === 'start_ack' || message.type === 'error'));
  expect(client.messages.find((message) => message.id === id)?.type).toBe('start_ack');
}

describe('the real-time endpoint (AppSync protocol)', () => {
  it('acknowledges the connection with connectionTimeoutMs and sends keep-alives', async () => {
    const client = await connected();
    expect(client.protocol).toBe('graphql-ws');
    const ack = await client.next((message) => message.type === 'connection_ack');
    expect(ack.payload).toEqual({ connectionTimeoutMs: 300_000 });
    await client.next((message) => message.type === 'ka' && client.messages.filter((m) => m.type === 'ka').length >= 2);
  });

  it('delivers exactly the events a subscriber asked for, filtered by memoId', async () => {
    const subscriber = await connected();
    await subscriber.next((message) => message.type === 'connection_ack');
    const mutator = urql.createMemoClient(localApi().url, localApi().apiKey);
    const watched = (await mutator.mutation(CreateMemoDocument, { input: { content: 'watched' } }).toPromise()).data!.createMemo;
    const other = (await mutator.mutation(CreateMemoDocument, { input: { content: 'other' } }).toPromise()).data!.createMemo;

    const creates = subscriber.start(OnCreateMemoDocument);
    const updatesOfWatched = subscriber.start(OnUpdateMemoDocument, { memoId: watched.memoId });
    const allUpdates = subscriber.start(OnUpdateMemoDocument);
    const deletesOfWatched = subscriber.start(OnDeleteMemoDocument, { memoId: watched.memoId });
    for (const id of [creates, updatesOfWatched, allUpdates, deletesOfWatched]) await acked(subscriber, id);

    await mutator.mutation(UpdateMemoDocument, { input: { memoId: other.memoId, content: 'other 2' } }).toPromise();
    await mutator.mutation(UpdateMemoDocument, { input: { memoId: watched.memoId, content: 'watched 2' } }).toPromise();
    const created = (await mutator.mutation(CreateMemoDocument, { input: { content: 'new' } }).toPromise()).data!.createMemo;
    await mutator.mutation(DeleteMemoDocument, { memoId: other.memoId }).toPromise();
    await mutator.mutation(DeleteMemoDocument, { memoId: watched.memoId }).toPromise();

    // The last event every filter lets through; once it is in, all earlier ones are too.
    await subscriber.next((message) => message.id === deletesOfWatched && message.type === 'data');
    expect(subscriber.dataOf(creates)).toEqual([{ data: { onCreateMemo: created } }]);
    expect(subscriber.dataOf(updatesOfWatched)).toEqual([{ data: { onUpdateMemo: expect.objectContaining({ memoId: watched.memoId, content: 'watched 2', version: 2 }) } }]);
    expect(subscriber.dataOf(allUpdates).map((payload: any) => payload.data.onUpdateMemo.memoId)).toEqual([other.memoId, watched.memoId]);
    expect(subscriber.dataOf(deletesOfWatched)).toEqual([{ data: { onDeleteMemo: expect.objectContaining({ memoId: watched.memoId }) } }]);
  });

  it('stops a subscription with complete, after which nothing more arrives', async () => {
    const client = await connected();
    await client.next((message) => message.type === 'connection_ack');
    const id = client.start(OnCreateMemoDocument);
    await acked(client, id);
    client.stop(id);
    await client.next((message) => message.id === id && message.type === 'complete');
    const canary = client.start(OnCreateMemoDocument);
    await acked(client, canary);

    await urql.createMemoClient(localApi().url, localApi().apiKey).mutation(CreateMemoDocument, { input: { content: 'after stop' } }).toPromise();
    await client.next((message) => message.id === canary && message.type === 'data');
    expect(client.dataOf(id)).toEqual([]);
  });

  it.each([
    ['a wrong API key in start', (client: AppSyncRealtimeClient) => client.start(OnCreateMemoDocument, {}, { 'x-api-key': 'da2-wrong' }), 'UnauthorizedException'],
    ['a query instead of a subscription', (client: AppSyncRealtimeClient) => client.start('query { listMemos { nextToken } }'), undefined],
    ['an unknown field', (client: AppSyncRealtimeClient) => client.start('subscription { onNothing { memoId } }'), undefined],
  ])('answers %s with an error message for that id', async (_case, start, errorType) => {
    const client = await connected();
    await client.next((message) => message.type === 'connection_ack');
    const id = start(client);
    const error = await client.next((message) => message.id === id);
    expect(error.type).toBe('error');
    expect(error.payload.errors[0].message).toEqual(expect.any(String));
    if (errorType) expect(error.payload.errors[0].errorType).toBe(errorType);
  });

  it('refuses a connection whose header carries a wrong API key', async () => {
    const client = await connected('da2-wrong');
    const error = await client.next((message) => message.type === 'connection_error');
    expect(error.payload.errors[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
  });

  it('refuses a start before connection_init', async () => {
    const client = await connected(localApi().apiKey, false);
    const id = client.start(OnCreateMemoDocument);
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
