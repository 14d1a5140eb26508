import { realtimeConnectHeader, realtimeStartAuthorization, type AuthProvider } from '../auth/providers.js';
import { MemoApiRequestError } from '../errors.js';
import { randomisedBackoff } from './backoff.js';
import { RealtimeConnection, REFUSED_CREDENTIALS_CODE, type SubscriptionMessage } from './connection.js';
import { iterateSubscription } from './iterate.js';
import { connectionUrl, newSubscriptionId, protocolFailure } from './protocol.js';
import { SubscriptionRegistry, type ActiveSubscription } from './subscriptions.js';
import type { RealtimeClient, RealtimeCloseInfo, RealtimeOptions, Sink, SubscribePayload, WebSocketConstructor } from './types.js';

export type { RealtimeClient, RealtimeCloseInfo, RealtimeOptions, Sink, SubscribePayload, WebSocketConstructor, WebSocketLike } from './types.js';

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

/** How long a new socket may take to open and acknowledge connection_init. */
const DEFAULT_ACK_TIMEOUT_MS = 15_000;

/**
 * A client of AppSync's real-time protocol with graphql-ws's API: one socket shared by every
 * subscription, opened on the first and closed after the last (unless `lazy: false`); auth read
 * afresh from the provider for every connect and every start; after the server goes away or the
 * network drops, reconnects with randomised backoff and starts every active subscription again
 * (events published while disconnected are not replayed: AppSync keeps none). A failing auth
 * provider (a token refresh while offline) counts as a failed attempt, reported to `on.error`. A
 * connection refused for its credentials is retried once at once (with a fresh token), then every
 * subscription fails with a MemoApiRequestError `UnauthorizedException` (status 401). An `error`
 * for one start ends that subscription only (`sink.error`, typed by toMemoApiError).
 *
 * @example
 * import WebSocket from 'ws'; // Node 20 only; browsers have one
 * const realtime = createRealtimeClient({ ...config, auth: userPoolAuth(getIdToken), WebSocket });
 * const unsubscribe = realtime.subscribe({ query: print(OnCreateMemoDocument) }, {
 *   next: ({ data }) => console.log(data.onCreateMemo),
 *   error: (error) => console.error(toMemoApiError(error) ?? error),
 *   complete: () => {},
 * });
 */
export function createRealtimeClient(settings: RealtimeClientSettings): RealtimeClient {
  return new SharedSocketClient(settings);
}

type Phase = 'idle' | 'connecting' | 'connected' | 'waiting' | 'disposed';

class SharedSocketClient implements RealtimeClient {
  private phase: Phase = 'idle';
  private connection: RealtimeConnection | undefined;
  /** Bumped to abandon a pending connect or retry wait. */
  private generation = 0;
  /** Connections in a row that ended before connection_ack. */
  private failedAttempts = 0;
  /** Connections in a row refused for their credentials. */
  private refusals = 0;
  private readonly lazy: boolean;
  private readonly subscriptions = new SubscriptionRegistry((error) => this.report(error));

  constructor(private readonly settings: RealtimeClientSettings) {
    this.lazy = settings.lazy ?? true;
    if (!this.lazy) void this.connect();
  }

  subscribe<T>(payload: SubscribePayload, sink: Sink<T>): () => void {
    if (this.phase === 'disposed') {
      sink.error(new Error('The real-time client is disposed'));
      return () => {};
    }
    const subscription = this.subscriptions.add(newSubscriptionId(), payload, sink as Sink<unknown>);
    if (this.connection?.isAcknowledged) void this.start(subscription, this.connection);
    else if (this.phase === 'idle') void this.connect();
    return () => this.unsubscribe(subscription);
  }

  iterate<T>(payload: SubscribePayload): AsyncIterableIterator<T> {
    return iterateSubscription<T>((sink) => this.subscribe(payload, sink));
  }

  dispose(): void {
    if (this.phase === 'disposed') return;
    this.abandonConnection();
    this.phase = 'disposed';
    for (const subscription of this.subscriptions.all()) this.subscriptions.complete(subscription.id);
  }

  private unsubscribe(subscription: ActiveSubscription): void {
    if (!this.subscriptions.has(subscription)) return;
    if (this.connection && subscription.startedOn === this.connection) this.connection.send({ type: 'stop', id: subscription.id });
    this.subscriptions.complete(subscription.id);
    this.closeIfUnused();
  }

  private wanted(): boolean {
    return this.phase !== 'disposed' && (!this.lazy || this.subscriptions.size > 0);
  }

  private closeIfUnused(): void {
    if (this.phase === 'disposed' || this.wanted()) return;
    this.abandonConnection();
    this.phase = 'idle';
  }

  /** Stops whatever is pending (connect, retry wait) and closes the socket on purpose. */
  private abandonConnection(): void {
    this.generation++;
    const connection = this.connection;
    this.connection = undefined;
    connection?.close();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.phase = 'connecting';
    const { auth, graphqlUrl, region, realtimeUrl } = this.settings;
    let header: Record<string, string>;
    try {
      header = await realtimeConnectHeader(auth, graphqlUrl, region);
    } catch (error) {
      // Like a connection that failed (a token refresh fails while offline, too): reported, retried.
      if (generation !== this.generation) return;
      this.settings.on?.error?.(error);
      return this.retry(`The auth provider failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (generation !== this.generation) return;
    const WebSocketClass = this.settings.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketClass) {
      return this.failAll(new Error('No WebSocket class: pass one as the WebSocket option (in Node 20: `import WebSocket from "ws"`)'));
    }
    try {
      const connection: RealtimeConnection = new RealtimeConnection(connectionUrl(realtimeUrl, header), WebSocketClass, this.settings.connectionAckTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS, {
        acknowledged: () => this.acknowledged(connection),
        message: (message) => this.received(connection, message),
        socketError: (event) => this.settings.on?.error?.(event),
        ended: (info) => this.ended(connection, info),
      });
      this.connection = connection;
    } catch (error) {
      this.failAll(error);
    }
  }

  private acknowledged(connection: RealtimeConnection): void {
    if (connection !== this.connection) return;
    this.phase = 'connected';
    this.failedAttempts = 0;
    this.refusals = 0;
    this.settings.on?.connected?.();
    for (const subscription of this.subscriptions.all()) {
      subscription.startedOn = undefined;
      void this.start(subscription, connection);
    }
  }

  /** Sends the subscription's start on the connection, with authorization read now. */
  private async start(subscription: ActiveSubscription, connection: RealtimeConnection): Promise<void> {
    const { query, variables, operationName } = subscription.payload;
    const data = JSON.stringify({ query, variables: variables ?? {}, ...(operationName ? { operationName } : {}) });
    let authorization: Record<string, string>;
    try {
      authorization = await realtimeStartAuthorization(this.settings.auth, this.settings.graphqlUrl, data, this.settings.region);
    } catch (error) {
      this.subscriptions.error(subscription.id, error);
      return this.closeIfUnused();
    }
    // Unsubscribed, or the connection was replaced meanwhile (the new one starts it itself).
    if (!this.subscriptions.has(subscription) || connection !== this.connection || !connection.isAcknowledged) return;
    connection.send({ id: subscription.id, type: 'start', payload: { data, extensions: { authorization } } });
    subscription.startedOn = connection;
  }

  private received(connection: RealtimeConnection, message: SubscriptionMessage): void {
    if (connection !== this.connection) return;
    switch (message.type) {
      case 'data':
        return this.subscriptions.next(message.id, message.payload);
      case 'complete':
        this.subscriptions.complete(message.id);
        return this.closeIfUnused();
      case 'error':
        if (message.id === undefined) return this.settings.on?.error?.(protocolFailure(message.errors, 'The real-time connection reported an error'));
        this.subscriptions.error(message.id, protocolFailure(message.errors, 'The subscription was refused'));
        return this.closeIfUnused();
      case 'start_ack':
        return;
    }
  }

  private ended(connection: RealtimeConnection, info: RealtimeCloseInfo): void {
    this.settings.on?.closed?.(info);
    if (connection !== this.connection) return;
    this.connection = undefined;
    for (const subscription of this.subscriptions.all()) subscription.startedOn = undefined;
    if (info.code === REFUSED_CREDENTIALS_CODE) {
      // Refused credentials: one more try at once (the provider may hand out a refreshed token), then fail.
      this.refusals++;
      if (this.refusals > 1) {
        return this.failAll(protocolFailure(info.errors ?? [], 'The real-time connection was refused'));
      }
      if (this.wanted()) void this.connect();
      else this.phase = 'idle';
      return;
    }
    if (!this.wanted()) {
      this.phase = 'idle';
      return;
    }
    void this.retry(`The real-time connection closed (${info.code}${info.reason ? ` ${info.reason}` : ''})`, info);
  }

  /** Waits retryWait(attempt) and connects again, or fails every subscription once retryAttempts are spent. */
  private async retry(failure: string, cause: unknown): Promise<void> {
    const { retryAttempts = Infinity, retryWait = randomisedBackoff } = this.settings;
    if (this.failedAttempts >= retryAttempts) {
      return this.failAll(new MemoApiRequestError(`${failure}, after ${this.failedAttempts} reconnect attempts`, { errorType: 'NetworkError', status: 0, cause }));
    }
    const attempt = this.failedAttempts++;
    const generation = ++this.generation;
    this.phase = 'waiting';
    try {
      await retryWait(attempt);
    } catch (error) {
      // A retryWait that rejects stops retrying (as in graphql-ws): its error ends every subscription.
      if (generation === this.generation) this.failAll(error);
      return;
    }
    if (generation !== this.generation) return;
    if (this.wanted()) void this.connect();
    else this.phase = 'idle';
  }

  /** Ends every subscription with `error` and goes idle (a later subscribe connects anew). */
  private failAll(error: unknown): void {
    this.abandonConnection();
    this.phase = 'idle';
    this.failedAttempts = 0;
    this.refusals = 0;
    for (const subscription of this.subscriptions.all()) this.subscriptions.error(subscription.id, error);
  }

  /** An error with no subscription to take it: `on.error`, else thrown outside the client's own stack. */
  private report(error: unknown): void {
    if (this.settings.on?.error) this.settings.on.error(error);
    else
      setTimeout(() => {
        throw error;
      });
  }
}
