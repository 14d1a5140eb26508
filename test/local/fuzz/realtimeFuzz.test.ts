import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CreateMemoDocument } from '../../../sdk/src/generated/operations.js';
import { AppSyncRealtimeClient, tokenAuth } from '../helpers/appSyncRealtimeClient.js';
import { postGraphQL, useLocalApiProcess } from '../helpers/localApiProcess.js';
import { print } from 'graphql';
import { bodyOf, fuzzRequest } from './graphqlDocuments.js';
import { FUZZ_SEED, LEAKS } from './fuzzKit.js';
import { MAX_REALTIME_MESSAGE_BYTES } from '../../../local/realtime/realtime.js';

// Hostile real-time traffic on one signed-in connection: random messages, and `start`s of
// generated documents with real, missing or forged authorization. Every start is answered
// (start_ack or error), nothing internal leaks, and the endpoint still serves a real
// subscription afterwards.
const localApi = useLocalApiProcess();

describe('fuzzing the real-time endpoint (fast-check, fixed seed)', () => {
  it('answers every start of a generated document, survives random messages, and still delivers afterwards', async () => {
    const { idToken } = await localApi().tokens('alice');
    const connect = async () => {
      const connected = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, tokenAuth(localApi().realtimeUrl, idToken));
      await connected.next((message) => message.type === 'connection_ack');
      return connected;
    };
    let client = await connect();
    const host = new URL(localApi().url).host;
    const authorization = fc.constantFrom<Record<string, unknown> | undefined>(
      { Authorization: idToken, host },
      { Authorization: idToken, host },
      undefined,
      { Authorization: `${idToken}x`, host },
      { Authorization: 42 },
    );
    const randomMessage = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          type: fc.constantFrom('start', 'stop', 'ka', 'connection_init', 'nope', ''),
          id: fc.oneof(fc.uuid(), fc.string({ maxLength: 5 }), fc.integer()),
          payload: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: ['type'] },
      ),
    );
    let starts = 0;
    let closedForSize = 0;
    await fc.assert(
      fc.asyncProperty(fuzzRequest, authorization, randomMessage, async (request, startAuthorization, noise) => {
        client.send(noise as object);
        const id = randomUUID();
        const start = JSON.stringify({
          id,
          type: 'start',
          payload: { data: bodyOf(request), extensions: { authorization: startAuthorization } },
        });
        client.send(JSON.parse(start) as object);
        starts++;
        if (Buffer.byteLength(start) > MAX_REALTIME_MESSAGE_BYTES) {
          // Over the endpoint's message limit: the socket closes with 1009 ("message too big").
          await vi.waitFor(() => expect(client.closeCode).toBe(1009), { timeout: 15_000 });
          closedForSize++;
          client = await connect();
          return;
        }
        const answer = await client.next(
          (message) => message.id === id && (message.type === 'start_ack' || message.type === 'error'),
          15_000,
        );
        expect(JSON.stringify(answer)).not.toMatch(LEAKS);
        if (answer.type === 'start_ack') client.send({ id, type: 'stop' });
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
    expect(starts).toBe(150);
    expect(closedForSize).toBeLessThan(starts / 10); // most starts were answered, not cut off
    for (const message of client.messages) expect(JSON.stringify(message)).not.toMatch(LEAKS);

    // The endpoint still works end to end: a real subscription receives a real create.
    const id = await client.start('subscription { onCreateMemo { memoId ownerId content } }');
    await client.next((message) => message.id === id && message.type === 'start_ack');
    const memoId = randomUUID();
    await postGraphQL(
      localApi().url,
      { query: print(CreateMemoDocument), variables: { input: { memoId, content: 'after the fuzz' } } },
      await localApi().authHeaders('alice'),
    );
    await client.next((message) => message.id === id && message.type === 'data' && JSON.stringify(message.payload).includes(memoId));
    await client.close();
    expect(localApi().child.exitCode).toBeNull();
  }, 180_000);
});
