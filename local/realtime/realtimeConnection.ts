import { GraphQLError, OperationTypeNode } from 'graphql';
import type { WebSocket } from 'ws';
import { toAppSyncError, type AppSyncError } from '../appsync/appSyncResponse.js';
import type { GraphQLExecutor } from '../appsync/graphqlExecution.js';
import { Unauthenticated, UNAUTHORIZED_MESSAGE, type Authenticator } from '../auth/authenticator.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import type { Subscriber, SubscriptionHub } from './subscriptionHub.js';

/** What AppSync tells clients in connection_ack: the longest silence before they reconnect. */
const CONNECTION_TIMEOUT_MS = 300_000;

export interface RealtimeConnectionOptions {
  readonly authenticator: Authenticator;
  readonly keepAliveMs: number;
  readonly executor: Pick<GraphQLExecutor, 'prepare'>;
  readonly hub: SubscriptionHub;
  /** A connection that has not sent connection_init by then is closed, as AppSync closes it. */
  readonly connectionInitTimeoutMs: number;
}

/** Where a connection came from: the auth headers of its URL or subprotocol, its address, its Host. */
export interface ConnectionOrigin {
  readonly headers: Record<string, unknown>;
  readonly sourceIp: string;
  readonly host: string | undefined;
}

type Message = { type?: unknown; id?: unknown; payload?: { data?: unknown; extensions?: { authorization?: unknown } } };
type ErrorEntry = { errorType: string; message: string; errorCode?: number } | AppSyncError;

const unauthorized = (): ErrorEntry => ({ errorType: 'UnauthorizedException', message: UNAUTHORIZED_MESSAGE, errorCode: 401 });

/**
 * One client of the real-time endpoint, in AppSync's dialect of `graphql-ws`: connection_init →
 * connection_ack + `ka` keep-alives; start (payload.data = JSON text of the request,
 * payload.extensions.authorization = auth headers, checked again on every start) → start_ack,
 * then data …; stop → complete. Its subscriptions end with it.
 */
export class RealtimeConnection {
  private readonly subscriptions = new Map<string, Subscriber>();
  private readonly initDeadline: NodeJS.Timeout;
  private keepAlive: NodeJS.Timeout | undefined;
  private acknowledged = false;
  /**
   * Verifying credentials is asynchronous: messages are handled one after another, so a start
   * sent right behind connection_init waits for its verdict.
   */
  private queue = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly origin: ConnectionOrigin,
    private readonly options: RealtimeConnectionOptions,
  ) {
    const initTimeoutMs = options.connectionInitTimeoutMs;
    this.initDeadline = setTimeout(() => ws.close(1008, `No connection_init within ${initTimeoutMs} ms`), initTimeoutMs);
    ws.on('message', (raw) => {
      this.queue = this.queue
        .then(() => this.handle(textOf(raw)))
        .catch((error: unknown) => {
          this.fail(undefined, [{ errorType: 'InternalFailure', message: 'An internal failure occurred' }]);
          console.error(error);
        });
    });
    // A frame over maxPayload, bad UTF-8, a protocol violation: ws closes the socket (1009, 1007,
    // 1002) and emits 'error' first. Unheard, that error ended the whole process.
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(this.initDeadline);
      clearInterval(this.keepAlive);
      for (const subscriber of this.subscriptions.values()) options.hub.remove(subscriber);
    });
  }

  private async handle(text: string): Promise<void> {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return this.fail(undefined, [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON' }]);
    }
    // `null`, a number, a list: JSON, but no message (it ended in an InternalFailure before).
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return this.fail(undefined, [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON objects' }]);
    }
    switch (message.type) {
      case 'connection_init':
        return this.connectionInit();
      case 'start':
        if (!this.acknowledged)
          return this.fail(message.id, [{ errorType: 'BadRequestException', message: 'Send connection_init before start' }]);
        return this.start(message);
      case 'stop':
        return this.stop(message.id);
      default:
        return this.fail(message.id, [
          { errorType: 'UnsupportedOperation', message: 'Operation not supported through the realtime channel' },
        ]);
    }
  }

  private async connectionInit(): Promise<void> {
    clearTimeout(this.initDeadline);
    const { headers, sourceIp, host } = this.origin;
    if (!(await verified(() => this.options.authenticator.realtimeConnect(headers, sourceIp, host)))) {
      this.send({ type: 'connection_error', payload: { errors: [unauthorized()] } });
      this.ws.close(1000);
      return;
    }
    this.acknowledged = true;
    this.send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    this.send({ type: 'ka' });
    this.keepAlive ??= setInterval(() => this.send({ type: 'ka' }), this.options.keepAliveMs);
  }

  /** Checks the start's own credentials (AppSync checks them on every start, not only at connect). */
  private async start({ id, payload }: Message): Promise<void> {
    if (typeof id !== 'string' || id === '') return this.fail(id, [{ errorType: 'BadRequestException', message: 'start needs an id' }]);
    if (this.subscriptions.has(id))
      return this.fail(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicate operation with id ${id}` }]);
    const { authenticator, executor, hub } = this.options;
    const caller = await verified(() =>
      authenticator.realtimeStart(payload?.extensions?.authorization, payload?.data, this.origin.sourceIp),
    );
    if (!caller) return this.fail(id, [unauthorized()]);
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(String(payload?.data)) as typeof request;
    } catch {
      return this.fail(id, [{ errorType: 'BadRequestException', message: 'payload.data must be the JSON text of {query, variables}' }]);
    }
    if (typeof request?.query !== 'string')
      return this.fail(id, [{ errorType: 'BadRequestException', message: 'payload.data has no query' }]);
    const operationName = typeof request.operationName === 'string' ? request.operationName : null;
    const prepared = executor.prepare({ query: request.query, operationName }, [OperationTypeNode.SUBSCRIPTION]);
    if ('errors' in prepared) return this.fail(id, prepared.errors);
    try {
      const subscriber = hub.createSubscriber(prepared, request.variables, caller, (response) =>
        this.send({ type: 'data', id, payload: response }),
      );
      hub.add(subscriber);
      this.subscriptions.set(id, subscriber);
    } catch (error) {
      const graphqlError =
        error instanceof GraphQLError
          ? error
          : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error as Error });
      return this.fail(id, [toAppSyncError(graphqlError)]);
    }
    this.send({ type: 'start_ack', id });
  }

  private stop(id: unknown): void {
    const subscriber = typeof id === 'string' ? this.subscriptions.get(id) : undefined;
    if (!subscriber) return this.fail(id, [{ errorType: 'BadRequestException', message: `No subscription with id ${String(id)}` }]);
    this.options.hub.remove(subscriber);
    this.subscriptions.delete(id as string);
    this.send({ type: 'complete', id });
  }

  private send(message: object): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private fail(id: unknown, errors: readonly ErrorEntry[]): void {
    this.send({ type: 'error', ...(typeof id === 'string' ? { id } : {}), payload: { errors } });
  }
}

/** The caller, or undefined when the credentials do not verify. */
async function verified(verify: () => Promise<VerifiedCaller>): Promise<VerifiedCaller | undefined> {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof Unauthenticated) return undefined;
    throw error;
  }
}

/** A message's text: ws hands a Buffer (or its fragments, or an ArrayBuffer, by binaryType). */
function textOf(raw: WebSocket.RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString();
  return Buffer.isBuffer(raw) ? raw.toString() : Buffer.from(raw).toString();
}
