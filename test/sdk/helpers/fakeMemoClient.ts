import { userPoolAuth } from '../../../sdk/src/auth/providers.js';
import { createMemoClient, type MemoClient } from '../../../sdk/src/core/client.js';
import type { MemoClientConfig } from '../../../sdk/src/core/config.js';
import type { RealtimeClient, Sink, SubscribePayload } from '../../../sdk/src/realtime/realtimeClient.js';

export const CONFIG: MemoClientConfig = {
  graphqlUrl: 'https://memo.example/graphql',
  realtimeUrl: 'wss://memo.example/graphql/realtime',
  region: 'eu-west-1',
};
export const TOKEN = 'alice-id-token';

/** An AppSync reply for the fake fetch: a JSON body, a status and headers. */
export interface Reply {
  readonly body: unknown;
  readonly status?: number;
  readonly headers?: Record<string, string>;
}

export interface StartedSubscription {
  readonly payload: SubscribePayload;
  readonly sink: Sink<unknown>;
  stopped: boolean;
}

/**
 * A MemoClient whose HTTP goes to a recording fake fetch (through the real auth wrapper,
 * client.fetch) and whose real-time client records subscriptions for the test to feed.
 */
export function fakeMemoClient(reply: (body: Record<string, any>) => Reply = () => ({ body: { data: null } })) {
  const requests: { url: string; method: string; headers: Headers; body: Record<string, any> }[] = [];
  const subscriptions: StartedSubscription[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = JSON.parse(await request.text()) as Record<string, any>;
    requests.push({ url: request.url, method: request.method, headers: request.headers, body });
    const { body: replyBody, status = 200, headers = {} } = reply(body);
    return new Response(JSON.stringify(replyBody), { status, headers: { 'content-type': 'application/json', ...headers } });
  }) as typeof fetch;
  const realtime: RealtimeClient = {
    subscribe<T>(payload: SubscribePayload, sink: Sink<T>) {
      const started: StartedSubscription = { payload, sink, stopped: false };
      subscriptions.push(started);
      return () => void (started.stopped = true);
    },
    iterate: () => {
      throw new Error('not used by the adapters');
    },
    dispose: () => {},
  };
  const client: MemoClient = { ...createMemoClient(CONFIG, { auth: userPoolAuth(() => TOKEN), fetch: fakeFetch }), realtime };
  return { client, requests, subscriptions };
}

/** Resolves once `condition()` holds (checked every few ms), for events that arrive asynchronously. */
export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const MEMO = {
  __typename: 'Memo',
  memoId: 'm-1',
  ownerId: 'alice-sub',
  title: null,
  content: 'Hello',
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

/** AppSync's answer to a stale expectedVersion. */
export const VERSION_CONFLICT: Reply = {
  body: {
    data: null,
    errors: [
      {
        path: ['updateMemo'],
        errorType: 'VersionConflict',
        message: 'Version conflict',
        errorInfo: { memoId: 'm-1', expectedVersion: 7, currentVersion: 1 },
      },
    ],
  },
};

/** AppSync's answer to a request without valid credentials. */
export const UNAUTHORIZED: Reply = {
  status: 401,
  headers: { 'x-amzn-ErrorType': 'UnauthorizedException' },
  body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
};
