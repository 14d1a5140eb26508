import type { Fetcher, FetcherOpts, FetcherParams, Observable } from '@graphiql/toolkit';
import type { ExecutionResult } from 'graphql-ws';
import { createAuthFetch, createRealtimeClient, MemoApiRequestError, userPoolAuth, type RealtimeCloseInfo } from '@memo-api/client';
import { Kind, type DocumentNode } from 'graphql';
import type { EditorHeaders, HeaderAuth } from './headerAuth.js';

/** Where the API is and how the page authenticates. */
export interface FetcherSettings {
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  readonly region: string;
  readonly headerAuth: HeaderAuth;
  /** Refreshes the signed-in user's tokens after the API refused them. */
  readonly renew: () => Promise<void>;
}

/** The close code of a real-time connection refused for its credentials. */
const REFUSED_CREDENTIALS_CODE = 4401;

/**
 * GraphiQL's fetcher on the SDK: queries and mutations over HTTP through its auth fetch,
 * subscriptions over AppSync's real-time protocol through its real-time client. A request the API
 * refuses with the signed-in user's token is tried once more after a refresh.
 */
export function createFetcher(settings: FetcherSettings): Fetcher {
  return (params, options: FetcherOpts = {}) =>
    operationType(params, options.documentAST) === 'subscription'
      ? subscription(settings, params, options.headers ?? {})
      : httpFetch(settings, params, options.headers ?? {});
}

async function httpFetch(
  settings: FetcherSettings,
  params: FetcherParams,
  editorHeaders: EditorHeaders,
  retried = false,
): Promise<ExecutionResult> {
  const { graphqlUrl, region, headerAuth } = settings;
  const { headers, token, pageToken } = await headerAuth.resolve(editorHeaders);
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(params) };
  // Nobody signed in and no token typed: sent without one, so the API's own refusal shows.
  const send = token ? createAuthFetch({ graphqlUrl, region, auth: userPoolAuth(() => token) }) : fetch;
  const response = await send(graphqlUrl, init);
  if (response.status === 401 && pageToken && !retried) {
    await settings.renew();
    return httpFetch(settings, params, editorHeaders, true);
  }
  return (await response.json()) as ExecutionResult;
}

type Observer = { next(value: ExecutionResult): void; error(error: unknown): void; complete(): void };

/** One real-time client per subscription: its headers are the editor's when it started. */
function subscription(settings: FetcherSettings, params: FetcherParams, editorHeaders: EditorHeaders): Observable<ExecutionResult> {
  const subscribe = (
    observerOrNext?: Partial<Observer> | ((value: ExecutionResult) => void) | null,
    error?: ((error: unknown) => void) | null,
    complete?: () => void,
  ) => {
    const observer =
      typeof observerOrNext === 'function' || !observerOrNext ? { next: observerOrNext ?? undefined, error, complete } : observerOrNext;
    let pageToken = false;
    const realtime = createRealtimeClient({
      graphqlUrl: settings.graphqlUrl,
      realtimeUrl: settings.realtimeUrl,
      region: settings.region,
      auth: userPoolAuth(async () => {
        const resolved = await settings.headerAuth.resolve(editorHeaders);
        pageToken = resolved.pageToken;
        return resolved.token ?? '';
      }),
      // No reconnecting: a subscription whose connection ends ends too, and GraphiQL shows its stop button no more.
      retryAttempts: 0,
      on: {
        // The client tries once more at once; a refresh started now gives it a fresh token.
        closed: (info) => {
          if ((info as RealtimeCloseInfo).code === REFUSED_CREDENTIALS_CODE && pageToken) void settings.renew().catch(() => undefined);
        },
      },
    });
    const stop = realtime.subscribe<ExecutionResult>(
      { query: params.query, variables: variablesOf(params), operationName: params.operationName ?? null },
      {
        next: (value) => observer.next?.(value),
        error: (failure) => {
          // AppSync's refusal of the start (its errors) is a result GraphiQL shows; anything else is an error.
          if (failure instanceof MemoApiRequestError && failure.errors.length > 0) {
            observer.next?.({ errors: failure.errors } as ExecutionResult);
            observer.complete?.();
          } else observer.error?.(failure);
          realtime.dispose();
        },
        complete: () => observer.complete?.(),
      },
    );
    return {
      unsubscribe() {
        stop();
        realtime.dispose();
      },
    };
  };
  return { subscribe };
}

/** The variables editor's object (GraphiQL types it `any`). */
function variablesOf(params: FetcherParams): Record<string, unknown> {
  const variables: unknown = params.variables;
  return typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
}

/** The type of the operation GraphiQL runs: the named one, or the document's only one. */
function operationType(params: FetcherParams, document: DocumentNode | undefined): string | undefined {
  const operations = (document?.definitions ?? []).filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.find((definition) => !params.operationName || definition.name?.value === params.operationName)?.operation;
}
