import { realtimeConnectHeader } from '../auth/providers.js';
import { MemoApiRequestError } from '../errors.js';
import { randomisedBackoff } from './backoff.js';
import { REFUSED_CREDENTIALS_CODE, type RealtimeConnection, type SubscriptionMessage } from './connection.js';
import { iterateSubscription } from './iterate.js';
import { openConnection, reportUnclaimed } from './openConnection.js';
import { newSubscriptionId, protocolFailure, subscriptionRefusal } from './protocol.js';
import { SubscriptionRegistry, type ActiveSubscription } from './subscriptions.js';
import { startMessage, type StartMessage } from './startMessage.js';
import type { RealtimeClient, RealtimeClientSettings, RealtimeCloseInfo, Sink, SubscribePayload } from './types.js';

type Phase = 'idle' | 'connecting' | 'connected' | 'waiting' | 'disposed';

/** createRealtimeClient's client: one socket's life (connect, start, reconnect) for every subscription. */
export class SharedSocketClient implements RealtimeClient {
  private phase: Phase = 'idle';
  private connection: RealtimeConnection | undefined;
  /** Bumped to abandon a pending connect or retry wait. */
  private generation = 0;
  /** Connections in a row that ended before connection_ack. */
  private failedAttempts = 0;
  /** Connections in a row refused for their credentials. */
  private refusals = 0;
  private readonly lazy: boolean;
  private readonly subscriptions = new SubscriptionRegistry((error) => reportUnclaimed(this.settings, error));

  constructor(private readonly settings: RealtimeClientSettings) {
    this.lazy = settings.lazy ?? true;
    if (!this.lazy) void this.connect();
  }

  subscribe<T>(payload: SubscribePayload, sink: Sink<T>): () => void {
    if (this.phase === 'disposed') {
      sink.error(new Error('The real-time client is disposed'));
      return () => {};
    }
    const subscription = this.subscriptions.add(newSubscriptionId(), payload, sink);
    if (this.connection?.isAcknowledged) void this.start(subscription, this.connection);
    else if (this.phase === 'idle') void this.connect();
    return () => this.unsubscribe(subscription);
  }

  iterate<T>(payload: SubscribePayload, on?: Pick<Sink<T>, 'started'>): AsyncIterableIterator<T> {
    return iterateSubscription<T>((sink) => this.subscribe(payload, sink), on);
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
    const { auth, graphqlUrl, region } = this.settings;
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
    try {
      const connection: RealtimeConnection = openConnection(this.settings, header, {
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
    let message: StartMessage;
    try {
      message = await startMessage(this.settings, subscription.id, subscription.payload);
    } catch (error) {
      this.subscriptions.error(subscription.id, error);
      return this.closeIfUnused();
    }
    // Unsubscribed, or the connection was replaced meanwhile (the new one starts it itself).
    if (!this.subscriptions.has(subscription) || connection !== this.connection || !connection.isAcknowledged) return;
    connection.send(message);
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
        if (message.id === undefined)
          return this.settings.on?.error?.(protocolFailure(message.errors, 'The real-time connection reported an error'));
        this.subscriptions.error(message.id, subscriptionRefusal(message.errors));
        return this.closeIfUnused();
      case 'start_ack':
        return this.subscriptions.acknowledged(message.id, connection);
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
      if (this.refusals > 1) return this.failAll(protocolFailure(info.errors ?? [], 'The real-time connection was refused'));
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
      const message = `${failure}, after ${this.failedAttempts} reconnect attempts`;
      return this.failAll(new MemoApiRequestError(message, { errorType: 'NetworkError', status: 0, cause }));
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
}
