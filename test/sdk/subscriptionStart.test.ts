import { CombinedGraphQLErrors } from '@apollo/client';
import type { CombinedError } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { AuthModeVerifier } from '../../local/auth/authModeVerifier.js';
import { headerValue } from '../../local/auth/headerValue.js';
import { startLocalApi, type LocalApi } from '../../local/server.js';
import { createApolloClient } from '../../sdk/src/apollo.js';
import { userPoolAuth, type AuthProvider } from '../../sdk/src/auth/providers.js';
import { createMemoClient, type MemoClient } from '../../sdk/src/core/client.js';
import { parseMemoClientConfig, type MemoClientConfig } from '../../sdk/src/core/config.js';
import { toMemoApiError } from '../../sdk/src/errors.js';
import { CreateMemoDocument, OnCreateMemoDocument, type OnCreateMemoSubscription } from '../../sdk/src/generated/operations.js';
import { SubscriptionRefusedError } from '../../sdk/src/realtime/subscriptionRefusedError.js';
import { createUrqlClient } from '../../sdk/src/urql.js';
import { signIn } from '../helpers/localCredentials.js';

// Against the real local runtime: `started` means live (an event of a mutation made after it is
// delivered), and a start the server refuses reaches each client as GraphQL errors, typed.

/**
 * A Lambda authorizer that believes `fake <username>`: a third auth mode for which the owner
 * filter (resolvers/appsync/ownerSubscriptionFilter.ts) has no rule, so it refuses the start
 * with `Unauthorized` — a real refusal, as test/local/auth/fakeAuthMode.test.ts shows on the wire.
 */
const fakeIdentity = (authorization: string | undefined) =>
  authorization?.startsWith('fake ')
    ? Promise.resolve({ username: authorization.slice(5), sub: authorization.slice(5), resolverContext: {} })
    : Promise.reject(new Error('not a fake credential'));
const fakeLambdaAuthorizer: AuthModeVerifier = {
  recognizes: (authorization) => authorization.startsWith('fake '),
  http: (request) => fakeIdentity(request.headers.authorization),
  realtimeConnect: (header) => fakeIdentity(headerValue(header, 'authorization')),
  realtimeStart: (authorization) => fakeIdentity(headerValue(authorization, 'authorization')),
};

let api: LocalApi;
let config: MemoClientConfig;
let aliceToken: string;
const clients: MemoClient[] = [];
beforeAll(async () => {
  api = await startLocalApi({ additionalAuthModes: { AWS_LAMBDA: fakeLambdaAuthorizer } });
  config = parseMemoClientConfig(api.clientConfig);
  const alice = api.clientConfig.users.find(({ username }) => username === 'alice')!;
  aliceToken = (await signIn(config.userPoolEndpoint!, config.userPoolClientId!, alice.username, alice.password)).idToken;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await api?.close();
});

/** A memo client of the runtime whose sockets record the message types they receive. */
function memoClient(auth: AuthProvider) {
  const received: string[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      // Registered before the client's own onmessage, so it has heard a message before the client acts on it.
      this.addEventListener('message', ({ data }) => void received.push((JSON.parse(data as string) as { type: string }).type));
    }
  }
  const client = createMemoClient(config, { auth, WebSocket: RecordingWebSocket });
  clients.push(client);
  return { client, received };
}

describe('sink.started', () => {
  it('fires once AppSync has acknowledged the start, and an event of a mutation made after it is delivered', async () => {
    const { client, received } = memoClient(userPoolAuth(() => aliceToken));
    const order: string[] = [];
    let seenAtStart: string[] = [];
    client.subscribe(OnCreateMemoDocument, undefined, {
      started: () => {
        seenAtStart = [...received];
        order.push('started');
      },
      next: ({ data }) => void order.push(`event: ${data?.onCreateMemo?.content}`),
      error: (error) => void order.push(`error: ${String(error)}`),
      complete: () => void order.push('complete'),
    });
    await vi.waitFor(() => expect(order).toEqual(['started']));
    expect(seenAtStart.at(-1)).toBe('start_ack');

    // One mutation, no retry loop: after `started` nothing can fall between.
    await client.request(CreateMemoDocument, { input: { content: 'after start_ack' } });
    await vi.waitFor(() => expect(order).toEqual(['started', 'event: after start_ack']));
  });

  it('tells a for-await loop it is live through iterate(payload, { started })', async () => {
    const { client } = memoClient(userPoolAuth(() => aliceToken));
    const query = 'subscription { onCreateMemo { memoId ownerId content } }';
    let creating: Promise<unknown> | undefined;
    const started = () => void (creating = client.request(CreateMemoDocument, { input: { content: 'iterated' } }));
    for await (const event of client.realtime.iterate<{ data: OnCreateMemoSubscription }>({ query }, { started })) {
      expect(event.data.onCreateMemo?.content).toBe('iterated');
      break;
    }
    await creating;
  });
});

type Refusal = readonly [kind: string, auth: () => AuthProvider, errorType: string, message: string];
const refusals: Refusal[] = [
  [
    'the owner filter has no rule for its auth mode',
    () => userPoolAuth(() => 'fake alice'),
    'Unauthorized',
    'Not Authorized to access onCreateMemo on type Subscription',
  ],
  [
    "the start's own token does not verify (it expired after the connect)",
    () => {
      let calls = 0;
      return userPoolAuth(() => (calls++ === 0 ? aliceToken : 'expired-token'));
    },
    'UnauthorizedException',
    expect.any(String) as string,
  ],
];

/**
 * One client library: subscribes to onCreateMemo through it and resolves with the error it
 * reports; then the AppSync errors that error holds as GraphQL errors (it throws when the error is another kind).
 */
interface Library {
  readonly subscribe: (client: MemoClient) => Promise<unknown>;
  readonly graphQLErrorsOf: (error: unknown) => unknown[];
}
const libraries: [string, Library][] = [
  [
    'the memo client (sink.error: SubscriptionRefusedError)',
    {
      subscribe: (client) =>
        new Promise((resolve) => client.subscribe(OnCreateMemoDocument, undefined, { next: () => {}, error: resolve, complete: () => {} })),
      graphQLErrorsOf: (error) => {
        if (!(error instanceof SubscriptionRefusedError)) throw new Error(`not a SubscriptionRefusedError: ${String(error)}`);
        return [...error.errors];
      },
    },
  ],
  [
    'urql (result.error: CombinedError.graphQLErrors, no networkError)',
    {
      subscribe: (client) =>
        new Promise((resolve) =>
          createUrqlClient(client)
            .subscription(OnCreateMemoDocument, {})
            .subscribe(({ error }) => error && resolve(error)),
        ),
      graphQLErrorsOf: (error) => {
        const { networkError, graphQLErrors } = error as CombinedError;
        if (networkError) throw networkError;
        return graphQLErrors.map(({ originalError }) => originalError);
      },
    },
  ],
  [
    'Apollo (the error: CombinedGraphQLErrors)',
    {
      subscribe: (client) =>
        new Promise((resolve) =>
          createApolloClient(client)
            .subscribe({ query: OnCreateMemoDocument })
            .subscribe({ next: ({ error }) => error && resolve(error), error: resolve }),
        ),
      graphQLErrorsOf: (error) => {
        if (!CombinedGraphQLErrors.is(error)) throw new Error(`not CombinedGraphQLErrors: ${String(error)}`);
        return [...error.errors];
      },
    },
  ],
];

describe.each(refusals)('a subscription the server refuses because %s', (_kind, auth, errorType, message) => {
  it.each(libraries)('reaches %s, typed by toMemoApiError', async (_library, { subscribe, graphQLErrorsOf }) => {
    const error = await subscribe(memoClient(auth()).client);
    expect(graphQLErrorsOf(error)).toEqual([expect.objectContaining({ errorType, message })]);
    expect(toMemoApiError(error)).toMatchObject({ errorType, message });
  });
});
