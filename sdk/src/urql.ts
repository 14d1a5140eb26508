import {
  cacheExchange,
  Client,
  fetchExchange,
  subscriptionExchange,
  type ClientOptions,
  type Exchange,
  type ExecutionResult,
} from '@urql/core';
import type { MemoClient } from './core/client.js';
import { refusalErrors } from './realtime/subscriptionRefusedError.js';

/**
 * urql's own `subscriptionExchange`, forwarding subscriptions to the memo client's AppSync
 * real-time connection (`client.realtime`): one `forwardSubscription`, no fork of urql.
 * Queries and mutations are not its job: give urql's Client `fetch: client.fetch`, which adds
 * the credentials (the user pool token, or a SigV4 signature of the exact body). A subscription
 * AppSync refuses ends with a result whose `error` (CombinedError) holds AppSync's errors in
 * `graphQLErrors`, with no `networkError`.
 *
 * @example
 * const urql = new Client({
 *   url: memo.config.graphqlUrl,
 *   fetch: memo.fetch,
 *   preferGetMethod: false,
 *   exchanges: [cacheExchange, fetchExchange, memoSubscriptionExchange(memo)],
 * });
 */
export function memoSubscriptionExchange(client: MemoClient): Exchange {
  return subscriptionExchange({
    forwardSubscription: ({ query, variables, operationName }) => ({
      subscribe(sink) {
        if (query === undefined) {
          // Only a persisted-documents exchange strips the query, and AppSync has no persisted subscriptions.
          sink.error(new Error('AppSync subscriptions need the query text; persisted documents are not supported'));
          return { unsubscribe: () => {} };
        }
        const unsubscribe = client.realtime.subscribe<ExecutionResult>(
          { query, variables: variables ?? {}, operationName },
          {
            next: (value) => sink.next(value),
            // urql's subscriptionExchange reads a list as the result's GraphQL errors, anything else as a network error.
            error: (error) => sink.error(refusalErrors(error) ?? error),
            complete: () => sink.complete(),
          },
        );
        return { unsubscribe };
      },
    }),
  });
}

/** urql's cache and fetch exchanges, then subscriptions over the memo client's real-time connection. */
export function memoExchanges(client: MemoClient): Exchange[] {
  return [cacheExchange, fetchExchange, memoSubscriptionExchange(client)];
}

/** urql's Client options that createUrqlClient leaves to the caller (`exchanges` defaults to memoExchanges). */
export type UrqlClientOptions = Omit<ClientOptions, 'url' | 'fetch' | 'preferGetMethod' | 'exchanges'> & { exchanges?: Exchange[] };

/**
 * An `@urql/core` Client for the memo API: `url` is the config's graphqlUrl, requests go through
 * `client.fetch` (auth), always as POST (AppSync answers no GET), with memoExchanges unless
 * `options.exchanges` says otherwise.
 *
 * @example
 * const memo = createMemoClient(config, { auth: userPoolAuth(getIdToken), WebSocket });
 * const urql = createUrqlClient(memo, { requestPolicy: 'network-only' });
 * const { data, error } = await urql.mutation(CreateMemoDocument, { input: { content: 'Hello' } }).toPromise();
 * if (error) throw toMemoApiError(error);
 */
export function createUrqlClient(client: MemoClient, options: UrqlClientOptions = {}): Client {
  const { exchanges = memoExchanges(client), ...rest } = options;
  return new Client({ ...rest, url: client.config.graphqlUrl, fetch: client.fetch, preferGetMethod: false, exchanges });
}
