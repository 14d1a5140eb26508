import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { httpAuthHeaders, type AuthProvider } from '../auth/providers.js';
import { MemoApiRequestError, type AppSyncGraphQLError } from '../errors.js';
import {
  createRealtimeClient,
  type RealtimeClient,
  type RealtimeOptions,
  type Sink,
  type WebSocketConstructor,
} from '../realtime/realtimeClient.js';
import { readAppSyncResponse, type MemoResult } from './appSyncResponse.js';
import { createAuthFetch } from './authFetch.js';
import type { MemoClientConfig } from './config.js';
import { toGraphQLRequest } from './graphqlRequest.js';

/**
 * How a MemoClient authorizes and connects.
 *
 * @example
 * const options: MemoClientOptions = { auth: iamAuth(credentials), realtime: { retryAttempts: 5 } };
 */
export interface MemoClientOptions {
  /** userPoolAuth(getToken) or iamAuth(credentials). */
  readonly auth: AuthProvider;
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof fetch;
  /** The WebSocket class (default `globalThis.WebSocket`; in Node 20 pass `WebSocket` from the `ws` package). */
  readonly WebSocket?: WebSocketConstructor;
  readonly realtime?: RealtimeOptions;
}

export type { MemoResult } from './appSyncResponse.js';

/**
 * The client createMemoClient returns.
 *
 * @example
 * const { data } = await client.request(ListMemosDocument, { limit: 20 });
 * const stop = client.subscribe(OnDeleteMemoDocument, { memoId }, sink);
 */
export interface MemoClient {
  readonly config: MemoClientConfig;
  /** A fetch that adds auth to every POST to config.graphqlUrl (signing the exact body for IAM): plug into urql's `fetch` option / Apollo's HttpLink `fetch`. */
  readonly fetch: typeof fetch;
  /**
   * One GraphQL request over HTTP with auth; resolves with the AppSync response `{ data, errors }`
   * (errors keep errorType/errorInfo: see toMemoApiError); rejects only on network/HTTP failures
   * (a 401 is a MemoApiRequestError with errorType UnauthorizedException from x-amzn-ErrorType).
   */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables): Promise<MemoResult<TData>>;
  /** A subscription over the shared real-time connection; returns unsubscribe. */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables: TVariables | undefined,
    sink: Sink<MemoResult<TData>>,
  ): () => void;
  readonly realtime: RealtimeClient;
  /** Closes the real-time connection (ending its subscriptions); the client stays usable over HTTP. */
  close(): void;
}

/**
 * The memo API client: typed requests over HTTP and subscriptions over one shared real-time
 * connection, both authorized by `options.auth`.
 *
 * @example
 * import WebSocket from 'ws'; // Node 20 only
 * const config = await loadMemoClientConfig('http://localhost:4000/config.json');
 * const client = createMemoClient(config, { auth: userPoolAuth(() => session.idToken), WebSocket });
 * const { data, errors } = await client.request(CreateMemoDocument, { input: { content: 'Hello' } });
 * const stop = client.subscribe(OnCreateMemoDocument, {}, {
 *   next: ({ data }) => console.log(data?.onCreateMemo),
 *   error: console.error,
 *   complete: () => {},
 * });
 */
export function createMemoClient(config: MemoClientConfig, options: MemoClientOptions): MemoClient {
  const { auth } = options;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const realtime = createRealtimeClient({
    ...options.realtime,
    realtimeUrl: config.realtimeUrl,
    graphqlUrl: config.graphqlUrl,
    region: config.region,
    auth,
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  return {
    config,
    fetch: createAuthFetch({ graphqlUrl: config.graphqlUrl, region: config.region, auth, fetch: baseFetch }),
    realtime,
    async request<TData, TVariables>(
      document: TypedDocumentNode<TData, TVariables> | string,
      variables?: TVariables,
    ): Promise<MemoResult<TData>> {
      const body = JSON.stringify(toGraphQLRequest(document, variables));
      // fetch sends the URL's own host (browsers refuse to set it).
      const { host: _host, ...authHeaders } = await httpAuthHeaders(auth, config.graphqlUrl, body, config.region);
      const headers = { 'content-type': 'application/json', ...authHeaders };
      let response: Response;
      try {
        response = await baseFetch(config.graphqlUrl, { method: 'POST', headers, body });
      } catch (cause) {
        throw new MemoApiRequestError(
          `The request to ${config.graphqlUrl} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          {
            errorType: 'NetworkError',
            status: 0,
            cause,
          },
        );
      }
      return readAppSyncResponse<TData>(response);
    },
    subscribe<TData, TVariables>(
      document: TypedDocumentNode<TData, TVariables> | string,
      variables: TVariables | undefined,
      sink: Sink<MemoResult<TData>>,
    ): () => void {
      return realtime.subscribe<{ data?: TData | null; errors?: AppSyncGraphQLError[] }>(toGraphQLRequest(document, variables), {
        next: ({ data, errors }) => sink.next(errors ? { data: data ?? null, errors } : { data: data ?? null }),
        error: (error) => sink.error(error),
        complete: () => sink.complete(),
        ...(sink.started ? { started: () => sink.started?.() } : {}),
      });
    },
    close: () => realtime.dispose(),
  };
}
