import type { AuthProvider } from '../auth/providers.js';

/**
 * The shapes of the real-time client, after graphql-ws's (`createClient`, `subscribe(payload,
 * sink)`, `iterate`, `on`), for AppSync's dialect of the protocol.
 */

/**
 * Receives one subscription's events: any number of `next`, then at most one of `error` or
 * `complete`; `started` each time AppSync acknowledges a start of it (`start_ack`).
 *
 * @example
 * const sink: Sink<{ data: OnCreateMemoSubscription | null }> = {
 *   started: () => void pullChangesSince(cursor), // live from here on: nothing falls in between
 *   next: ({ data }) => render(data?.onCreateMemo),
 *   error: (error) => showError(toMemoApiError(error)?.errorType ?? 'NetworkError'),
 *   complete: () => {},
 * };
 */
export interface Sink<T> {
  next(value: T): void;
  /**
   * An `error` message for this subscription (AppSync refused its start: a SubscriptionRefusedError
   * with AppSync's `errors`), or the connection failed for good (retries spent, credentials refused).
   */
  error(error: unknown): void;
  complete(): void;
  /**
   * AppSync acknowledged the start (`start_ack`): every event published from now on reaches `next`.
   * Called once per start, so again after each reconnect has started the subscription anew (events
   * of the time between were missed: catch up from here).
   */
  started?(): void;
}

/**
 * One GraphQL subscription request.
 *
 * @example
 * const payload: SubscribePayload = { query: print(OnUpdateMemoDocument), variables: { memoId } };
 */
export interface SubscribePayload {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

/**
 * Why a connection ended: the socket's close event (`code`, `reason`), or the client's own verdict
 * — 4408 when the server fell silent (no `connection_ack`, or no keep-alive within
 * `connectionTimeoutMs`), 4401/4400 when it refused the connection (`errors` from `connection_error`).
 */
export interface RealtimeCloseInfo {
  readonly code: number;
  readonly reason: string;
  /** Whether the client closed it on purpose (last subscription ended, dispose). */
  readonly intentional: boolean;
  readonly errors?: readonly { readonly errorType?: string | null; readonly message: string; readonly errorCode?: number }[];
}

/**
 * How the real-time client connects and reconnects (graphql-ws's option names).
 *
 * @example
 * const options: RealtimeOptions = {
 *   retryAttempts: 10,
 *   on: { connected: () => setOnline(true), closed: () => setOnline(false) },
 * };
 */
export interface RealtimeOptions {
  /** Connect on the first subscription and close after the last one ends (default true); false connects at once and stays connected. */
  readonly lazy?: boolean;
  /** How many times in a row to try (re)connecting before failing every subscription (default Infinity). */
  readonly retryAttempts?: number;
  /**
   * Waits before reconnect attempt `attempt` (0, 1, …; back to 0 after each connection_ack);
   * default: randomised exponential backoff from 1 s up to 30 s. Rejecting stops the retries and
   * fails every subscription with that error.
   */
  readonly retryWait?: (attempt: number) => Promise<void>;
  /** How long to wait for `connection_ack` after opening the socket (default 15 000 ms). */
  readonly connectionAckTimeoutMs?: number;
  readonly on?: {
    /** The connection was acknowledged (again, after a reconnect). */
    connected?(): void;
    /** A connection ended; receives a RealtimeCloseInfo. */
    closed?(event: unknown): void;
    /** A socket error, a connection-level `error` message, or an exception thrown by a sink. */
    error?(error: unknown): void;
  };
}

/**
 * The subscription client: one shared socket for all subscriptions.
 *
 * @example
 * const stop = realtime.subscribe({ query }, sink);
 * for await (const event of realtime.iterate({ query })) handle(event);
 * realtime.dispose();
 */
export interface RealtimeClient {
  /**
   * Starts a subscription; returns the function that ends it (which then calls `sink.complete`).
   * Events reach `sink.next` as AppSync sends them: `{ data, errors? }`.
   */
  subscribe<T>(payload: SubscribePayload, sink: Sink<T>): () => void;
  /** The subscription as an async iterator (`for await`); leaving the loop ends it; `on.started` as Sink's `started`. */
  iterate<T>(payload: SubscribePayload, on?: Pick<Sink<T>, 'started'>): AsyncIterableIterator<T>;
  /** Ends every subscription (`complete`) and closes the socket for good. */
  dispose(): void;
}

/**
 * What the client needs of a WebSocket: the browser's, or the `ws` package's class in Node.
 *
 * @example
 * import WebSocket from 'ws';
 * const WebSocketClass: WebSocketConstructor = WebSocket;
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** ws only: drop the connection without a closing handshake (used for a connection found dead). */
  terminate?(): void;
  // `never`: the DOM's and ws's event classes differ, and both sockets' handlers fit; the client's
  // own handlers declare the little they read (`data`, `code`, `reason`).
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

/** A WebSocket class: `globalThis.WebSocket` in browsers (and Node ≥ 22), `WebSocket` from `ws` in Node 20. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Where and as whom the real-time client connects, besides its RealtimeOptions. */
export interface RealtimeClientSettings extends RealtimeOptions {
  readonly realtimeUrl: string;
  /** The GraphQL endpoint: the user-pool `host` and the IAM signatures name it, not the real-time URL. */
  readonly graphqlUrl: string;
  readonly region: string;
  readonly auth: AuthProvider;
  /** The WebSocket class (default `globalThis.WebSocket`; in Node 20 pass `WebSocket` from the `ws` package). */
  readonly WebSocket?: WebSocketConstructor;
}
