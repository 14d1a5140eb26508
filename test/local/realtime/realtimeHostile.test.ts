import { describe, expect, it, vi } from 'vitest';
import { MAX_REALTIME_MESSAGE_BYTES } from '../../../local/realtime/realtime.js';
import { AppSyncRealtimeClient, tokenAuth } from '../helpers/appSyncRealtimeClient.js';
import { expectServing, useLocalApiProcess } from '../helpers/localApiProcess.js';

// Found by test/local/fuzz/realtimeFuzz.test.ts: each of these ended the runtime or surfaced as an
// InternalFailure before.
const localApi = useLocalApiProcess();

async function connected(): Promise<AppSyncRealtimeClient> {
  const { idToken } = await localApi().tokens('alice');
  const client = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, tokenAuth(localApi().realtimeUrl, idToken));
  await client.next((message) => message.type === 'connection_ack');
  return client;
}

const expectStillServing = () => expectServing(localApi());

describe('hostile real-time messages', () => {
  it('closes a connection that sends a frame over 1 MB with 1009 and keeps serving (the unheard ws error ended the process)', async () => {
    const client = await connected();
    client.send({ type: 'start', id: 'big', payload: { data: 'x'.repeat(MAX_REALTIME_MESSAGE_BYTES + 1) } });
    await vi.waitFor(() => expect(client.closeCode).toBe(1009));
    await expectStillServing();
    const again = await connected();
    await again.close();
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a list', []],
    ['a string', 'start'],
  ])('answers JSON that is %s with UnsupportedOperation, not an internal failure', async (_case, value) => {
    const client = await connected();
    client.send(value as object);
    const answer = await client.next((message) => message.type === 'error');
    expect(answer.payload).toEqual({ errors: [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON objects' }] });
    await client.close();
    await expectStillServing();
  });
});
