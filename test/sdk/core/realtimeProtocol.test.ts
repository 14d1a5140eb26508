import { afterEach, describe, expect, it, vi } from 'vitest';
import { iamAuth, userPoolAuth } from '../../../sdk/src/auth/providers.js';
import { toMemoApiError, MemoApiRequestError } from '../../../sdk/src/errors.js';
import { backoffDelayMs } from '../../../sdk/src/realtime/backoff.js';
import { SubscriptionRefusedError } from '../../../sdk/src/realtime/subscriptionRefusedError.js';
import { createRealtimeClient, type RealtimeClientSettings } from '../../../sdk/src/realtime/realtimeClient.js';
import {
  countingWebSocket,
  decodeHeader,
  recordingSink,
  sleep,
  startFakeRealtimeServer,
  type FakeConnection,
} from './helpers/realtimeTestKit.js';

// Protocol behaviour the real runtime does not show on demand, against a scripted fake endpoint.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Message = { type: string; id?: string; payload?: any };

/** Acks with `connectionTimeoutMs`, acks every start, answers stop with complete. */
function ackEverything(connectionTimeoutMs = 300_000) {
  return (connection: FakeConnection, message: Message) => {
    if (message.type === 'connection_init') {
      connection.send({ type: 'connection_ack', payload: { connectionTimeoutMs } });
      connection.send({ type: 'ka' });
    }
    if (message.type === 'start') connection.send({ type: 'start_ack', id: message.id });
    if (message.type === 'stop') connection.send({ type: 'complete', id: message.id });
  };
}

async function fakeServer(script: Parameters<typeof startFakeRealtimeServer>[0]) {
  const server = await startFakeRealtimeServer(script);
  cleanups.push(() => server.close());
  return server;
}

function client(server: { graphqlUrl: string; realtimeUrl: string }, settings: Partial<RealtimeClientSettings> = {}) {
  const sockets = countingWebSocket();
  const realtime = createRealtimeClient({
    realtimeUrl: server.realtimeUrl,
    graphqlUrl: server.graphqlUrl,
    region: 'us-east-1',
    auth: userPoolAuth(() => 'token-1'),
    WebSocket: sockets.WebSocket,
    retryWait: () => sleep(20),
    ...settings,
  });
  cleanups.push(() => realtime.dispose());
  return { realtime, sockets };
}

const query = 'subscription OnCreateMemo { onCreateMemo { memoId ownerId } }';
const starts = (connection: FakeConnection | undefined) => connection?.received.filter((message) => message.type === 'start') ?? [];

describe('the real-time client speaks AppSync’s protocol', () => {
  it('connects with the graphql-ws subprotocol, the header in the URL, and authorization in every start', async () => {
    const server = await fakeServer({ onMessage: ackEverything() });
    const { realtime } = client(server, { auth: userPoolAuth(() => 'token+/=') });
    const events = recordingSink();
    realtime.subscribe({ query, variables: { a: 1 } }, events.sink);
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(1));

    const [connection] = server.connections;
    expect(connection!.protocol).toBe('graphql-ws');
    expect(connection!.url).toMatch(/^\/graphql\/realtime\?header=[^&]+&payload=e30=$/);
    // The graphql endpoint's host (as AppSync wants), the raw token, and base64 that survives the URL.
    expect(decodeHeader(`ws://x${connection!.url}`)).toEqual({ host: new URL(server.graphqlUrl).host, Authorization: 'token+/=' });
    expect(connection!.received[0]).toEqual({ type: 'connection_init' });
    const start = starts(connection)[0]!;
    expect(JSON.parse(start.payload.data)).toEqual({ query, variables: { a: 1 } });
    expect(start.payload.extensions.authorization).toEqual({ host: new URL(server.graphqlUrl).host, Authorization: 'token+/=' });
  });

  it('signs the connection and each start with SigV4 for IAM', async () => {
    const server = await fakeServer({ onMessage: ackEverything() });
    const { realtime } = client(server, {
      auth: iamAuth({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' }),
    });
    realtime.subscribe({ query }, recordingSink().sink);
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(1));

    const header = decodeHeader(`ws://x${server.connections[0]!.url}`);
    expect(header.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/appsync\/aws4_request, SignedHeaders=/,
    );
    expect(header['x-amz-security-token']).toBe('session');
    const authorization = starts(server.connections[0])[0]!.payload.extensions.authorization;
    expect(authorization.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(authorization.authorization).not.toBe(header.authorization);
  });

  it('delivers data to the right sink, ends a subscription with stop → complete, and reads a fresh token at every start', async () => {
    const server = await fakeServer({ onMessage: ackEverything() });
    let token = 0;
    const { realtime, sockets } = client(server, { auth: userPoolAuth(() => `token-${++token}`) });
    const first = recordingSink();
    const second = recordingSink();
    const stopFirst = realtime.subscribe({ query }, first.sink);
    realtime.subscribe({ query }, second.sink);
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(2));

    const [startA, startB] = starts(server.connections[0]);
    server.connections[0]!.send({ type: 'data', id: startB!.id, payload: { data: { onCreateMemo: { memoId: 'b' } } } });
    server.connections[0]!.send({ type: 'data', id: startA!.id, payload: { data: { onCreateMemo: { memoId: 'a' } } } });
    await vi.waitFor(() => expect(first.values).toHaveLength(1));
    expect(first.values).toEqual([{ data: { onCreateMemo: { memoId: 'a' } } }]);
    expect(second.values).toEqual([{ data: { onCreateMemo: { memoId: 'b' } } }]);
    // One token for the connection, then one per start.
    expect([startA, startB].map((start) => start!.payload.extensions.authorization.Authorization).sort()).toEqual(['token-2', 'token-3']);

    stopFirst();
    expect(first.completed).toBe(1);
    await vi.waitFor(() => expect(server.connections[0]!.received.at(-1)).toEqual({ type: 'stop', id: startA!.id }));
    expect(sockets.sockets).toHaveLength(1);
    expect(sockets.live()).toHaveLength(1);
  });

  it('treats a server that stops sending ka within connectionTimeoutMs as dead: reconnects and starts the subscription again', async () => {
    const closed: any[] = [];
    // Every connection: ack with a 300 ms timeout, one ka, then silence (but it still acks starts).
    const server = await fakeServer({ onMessage: ackEverything(300) });
    const { realtime } = client(server, { on: { closed: (event) => closed.push(event) } });
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);

    await vi.waitFor(() => expect(starts(server.connections[1])).toHaveLength(1), { timeout: 5_000 });
    expect(closed[0]).toMatchObject({ code: 4408, reason: 'No keep-alive within 300 ms', intentional: false });
    // The same subscription, started again on the new socket; its sink saw no end.
    expect(starts(server.connections[1])[0]!.id).toBe(starts(server.connections[0])[0]!.id);
    expect(events).toMatchObject({ errors: [], completed: 0 });
  });

  it('keeps a connection that receives ka in time', async () => {
    const server = await fakeServer({
      onMessage: ackEverything(600),
      onConnection: (connection) => {
        const timer = setInterval(() => connection.send({ type: 'ka' }), 100);
        connection.socket.on('close', () => clearInterval(timer));
      },
    });
    const { realtime } = client(server);
    realtime.subscribe({ query }, recordingSink().sink);
    await sleep(1_500);
    expect(server.connections).toHaveLength(1);
  });

  it('gives up on a socket that never acknowledges within connectionAckTimeoutMs, and tries again', async () => {
    const server = await fakeServer({ onMessage: () => {} });
    const closed: any[] = [];
    const { realtime } = client(server, { connectionAckTimeoutMs: 200, on: { closed: (event) => closed.push(event) } });
    realtime.subscribe({ query }, recordingSink().sink);
    await vi.waitFor(() => expect(server.connections.length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    expect(closed[0]).toMatchObject({ code: 4408, reason: 'No connection_ack within 200 ms' });
  });

  it('retries a refused connection once with a fresh token, which succeeds', async () => {
    const server = await fakeServer({
      onMessage: (connection, message) => {
        const token = decodeHeader(`ws://x${connection.url}`).Authorization;
        if (message.type === 'connection_init' && token === 'expired') {
          connection.send({
            type: 'connection_error',
            payload: {
              errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }],
            },
          });
          return connection.socket.close(1000);
        }
        ackEverything()(connection, message);
      },
    });
    const tokens = ['expired', 'fresh'];
    const { realtime } = client(server, { auth: userPoolAuth(() => tokens.shift() ?? 'fresh') });
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);
    await vi.waitFor(() => expect(starts(server.connections[1])).toHaveLength(1));
    expect(server.connections).toHaveLength(2);
    expect(events.errors).toEqual([]);
  });

  it('fails every subscription after retryAttempts reconnects in a row fail', async () => {
    const server = await fakeServer({ onMessage: () => {}, onConnection: (connection) => connection.socket.close(1011, 'Internal error') });
    const waits: number[] = [];
    const { realtime } = client(server, { retryAttempts: 3, retryWait: (attempt) => Promise.resolve(void waits.push(attempt)) });
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);
    await vi.waitFor(() => expect(events.errors).toHaveLength(1), { timeout: 5_000 });
    expect(waits).toEqual([0, 1, 2]);
    expect(server.connections).toHaveLength(4);
    expect(events.errors[0]).toBeInstanceOf(MemoApiRequestError);
    expect(events.errors[0]).toMatchObject({
      errorType: 'NetworkError',
      message: 'The real-time connection closed (1011 Internal error), after 3 reconnect attempts',
    });
  });

  it('stops retrying when retryWait rejects, failing every subscription with its error', async () => {
    const server = await fakeServer({ onMessage: () => {}, onConnection: (connection) => connection.socket.close(1001, 'Going away') });
    const giveUp = new Error('offline for good');
    const { realtime } = client(server, { retryWait: async () => Promise.reject(giveUp) });
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);
    await vi.waitFor(() => expect(events.errors).toEqual([giveUp]));
    await sleep(100);
    expect(server.connections).toHaveLength(1);
  });

  it('ends a subscription refused at start with sink.error, typed by toMemoApiError', async () => {
    const server = await fakeServer({
      onMessage: (connection, message) => {
        if (message.type !== 'start') return ackEverything()(connection, message);
        connection.send({
          type: 'error',
          id: message.id,
          payload: { errors: [{ errorType: 'ValidationError', message: 'memoId must be a UUID', errorInfo: { field: 'memoId' } }] },
        });
      },
    });
    const { realtime, sockets } = client(server);
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);
    await vi.waitFor(() => expect(events.errors).toHaveLength(1));
    // A refusal of this subscription, not a failed connection: AppSync's errors as it sent them.
    expect(events.errors[0]).toBeInstanceOf(SubscriptionRefusedError);
    expect(events.errors[0]).toMatchObject({
      errorType: 'ValidationError',
      errors: [{ errorType: 'ValidationError', message: 'memoId must be a UUID', errorInfo: { field: 'memoId' } }],
    });
    expect(toMemoApiError(events.errors[0])).toEqual({
      errorType: 'ValidationError',
      message: 'memoId must be a UUID',
      errorInfo: { field: 'memoId' },
    });
    // It was the only subscription: the socket closes.
    await vi.waitFor(() => expect(sockets.live()).toHaveLength(0));
  });

  it('iterates a subscription with for await, and leaving the loop unsubscribes', async () => {
    const server = await fakeServer({
      onMessage: (connection, message) => {
        ackEverything()(connection, message);
        if (message.type === 'start')
          for (const n of [1, 2, 3]) connection.send({ type: 'data', id: message.id, payload: { data: { n } } });
      },
    });
    const { realtime, sockets } = client(server);
    const seen: unknown[] = [];
    for await (const event of realtime.iterate<{ data: { n: number } }>({ query })) {
      seen.push(event.data.n);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    await vi.waitFor(() => expect(sockets.live()).toHaveLength(0));
  });

  it('connects at once and stays connected with lazy: false', async () => {
    const server = await fakeServer({ onMessage: ackEverything() });
    let connected = 0;
    const { realtime } = client(server, { lazy: false, on: { connected: () => connected++ } });
    await vi.waitFor(() => expect(connected).toBe(1));
    const stop = realtime.subscribe({ query }, recordingSink().sink);
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(1));
    stop();
    await sleep(200);
    expect(server.connections[0]!.socket.readyState).toBe(1);
  });

  it('completes every subscription on dispose and refuses new ones', async () => {
    const server = await fakeServer({ onMessage: ackEverything() });
    const { realtime, sockets } = client(server);
    const events = recordingSink();
    realtime.subscribe({ query }, events.sink);
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(1));
    realtime.dispose();
    expect(events.completed).toBe(1);
    await vi.waitFor(() => expect(sockets.live()).toHaveLength(0));
    const late = recordingSink();
    realtime.subscribe({ query }, late.sink);
    expect(late.errors).toHaveLength(1);
  });
});

describe('start acknowledgements (start_ack) and refusals', () => {
  /** Acks connections and stops; starts wait until the test acks them with ackStart. */
  function holdStarts() {
    return (connection: FakeConnection, message: Message) => {
      if (message.type !== 'start') ackEverything()(connection, message);
    };
  }
  const ackStart = (connection: FakeConnection, index = 0) => connection.send({ type: 'start_ack', id: starts(connection)[index]!.id });

  it('calls sink.started at start_ack, once per start, and again when a reconnect has started the subscription anew', async () => {
    const server = await fakeServer({ onMessage: holdStarts() });
    const { realtime } = client(server);
    let started = 0;
    const events = recordingSink();
    realtime.subscribe({ query }, { ...events.sink, started: () => void started++ });
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(1));
    await sleep(50);
    expect(started).toBe(0); // sent, not yet acknowledged
    ackStart(server.connections[0]!);
    await vi.waitFor(() => expect(started).toBe(1));
    ackStart(server.connections[0]!); // a repeated ack is not a new start
    await sleep(50);
    expect(started).toBe(1);

    server.connections[0]!.socket.close(1001, 'Going away');
    await vi.waitFor(() => expect(starts(server.connections[1])).toHaveLength(1));
    await sleep(50);
    expect(started).toBe(1);
    ackStart(server.connections[1]!);
    await vi.waitFor(() => expect(started).toBe(2));
    expect(events).toMatchObject({ errors: [], completed: 0 });
  });

  it('calls only the acknowledged subscription’s started, and survives a sink without one', async () => {
    const server = await fakeServer({ onMessage: holdStarts() });
    const { realtime } = client(server);
    const heard: string[] = [];
    realtime.subscribe({ query }, recordingSink().sink);
    realtime.subscribe({ query }, { ...recordingSink().sink, started: () => void heard.push('second') });
    await vi.waitFor(() => expect(starts(server.connections[0])).toHaveLength(2));
    ackStart(server.connections[0]!, 0);
    ackStart(server.connections[0]!, 1);
    await vi.waitFor(() => expect(heard).toEqual(['second']));
  });

  it('tells an iterator it is live through on.started', async () => {
    const server = await fakeServer({
      onMessage: (connection, message) => {
        ackEverything()(connection, message);
        if (message.type === 'start') connection.send({ type: 'data', id: message.id, payload: { data: { n: 1 } } });
      },
    });
    const { realtime } = client(server);
    const order: string[] = [];
    for await (const event of realtime.iterate<{ data: { n: number } }>({ query }, { started: () => void order.push('started') })) {
      order.push(`data ${event.data.n}`);
      break;
    }
    expect(order).toEqual(['started', 'data 1']);
  });

  it('ends only the refused subscription; an errorType the SDK does not know keeps its type and errorInfo', async () => {
    const refusal = {
      errorType: 'MaxSubscriptionsReachedError',
      message: 'Max number of 100 subscriptions reached',
      errorInfo: { limit: 100 },
    };
    const server = await fakeServer({
      onMessage: (connection, message) => {
        if (message.type !== 'start' || starts(connection).length === 1) return ackEverything()(connection, message);
        connection.send({ type: 'error', id: message.id, payload: { errors: [refusal] } });
      },
    });
    const { realtime, sockets } = client(server);
    const kept = recordingSink();
    let started = 0;
    realtime.subscribe({ query }, { ...kept.sink, started: () => void started++ });
    await vi.waitFor(() => expect(started).toBe(1));
    const refused = recordingSink();
    realtime.subscribe({ query }, { ...refused.sink, started: () => void started++ });
    await vi.waitFor(() => expect(refused.errors).toHaveLength(1));

    expect(refused.errors[0]).toBeInstanceOf(SubscriptionRefusedError);
    expect(refused.errors[0]).toMatchObject({ name: 'SubscriptionRefusedError', message: refusal.message, errors: [refusal] });
    expect(toMemoApiError(refused.errors[0])).toEqual({
      errorType: 'Unrecognized',
      message: refusal.message,
      errorInfo: { errorType: 'MaxSubscriptionsReachedError', errorInfo: { limit: 100 } },
    });
    expect(started).toBe(1);
    expect(kept).toMatchObject({ errors: [], completed: 0 });
    expect(sockets.live()).toHaveLength(1);
  });
});

describe('the default reconnect backoff', () => {
  it('waits 1–2 s first, doubling per attempt, never more than 30 s', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelayMs(attempt, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([0, 1, 2].map((attempt) => backoffDelayMs(attempt, () => 0.999))).toEqual([1_999, 3_998, 7_996]);
    expect(backoffDelayMs(5, () => 0.5)).toBe(30_000);
    expect(backoffDelayMs(50, () => 0)).toBe(30_000);
  });
});
