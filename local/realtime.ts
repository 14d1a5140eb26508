import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAuthorized, UNAUTHORIZED_MESSAGE } from './apiKeyAuth.js';
import { toAppSyncError, type GraphQLExecutor } from './graphqlExecution.js';
import { refuseOnSocket } from './httpApi.js';
import type { Subscriber, SubscriptionHub } from './subscriptionHub.js';

export const REALTIME_PATH = '/graphql/realtime';

/** What AppSync tells clients in connection_ack: the longest silence before they reconnect. */
const CONNECTION_TIMEOUT_MS = 300_000;
/** A connection that has not sent connection_init by then is closed, as AppSync closes it. */
export const CONNECTION_INIT_TIMEOUT_MS = 10_000;
/**
 * How long shutdown waits for clients to answer the closing handshake before cutting them off;
 * without it, one client that never answers holds shutdown (and the store) for ws's 30 s.
 */
export const CLOSE_GRACE_MS = 1_000;

export interface RealtimeOptions {
  readonly apiKey: string;
  readonly keepAliveMs: number;
  readonly executor: GraphQLExecutor;
  readonly hub: SubscriptionHub;
  /** Defaults to CONNECTION_INIT_TIMEOUT_MS. */
  readonly connectionInitTimeoutMs?: number;
  /** Defaults to CLOSE_GRACE_MS. */
  readonly closeGraceMs?: number;
}

type Message = { type?: unknown; id?: unknown; payload?: { data?: unknown; extensions?: { authorization?: unknown } } };
type ErrorEntry = { errorType: string; message: string; errorCode?: number };

/**
 * AppSync's real-time WebSocket protocol (subprotocol `graphql-ws`, AppSync's dialect):
 * connection_init → connection_ack + `ka` keep-alives; start (payload.data = JSON text of the
 * request, payload.extensions.authorization = auth headers) → start_ack, then data …;
 * stop → complete. Auth travels in the `header` query parameter (base64 JSON) or a
 * `header-<base64url>` subprotocol, and again in every start.
 */
export class RealtimeEndpoint {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });

  constructor(private readonly options: RealtimeOptions) {
    // ws refuses a bad handshake in plain text; clients read AppSync errors as JSON and x-amzn-ErrorType.
    this.server.on('wsClientError', (error, socket, request) =>
      request.method === 'GET'
        ? refuseOnSocket(socket, 400, 'BadRequestException', error.message, { 'sec-websocket-version': '13, 8' })
        : refuseOnSocket(socket, 405, 'MethodNotAllowedException', error.message, { allow: 'GET' }),
    );
  }

  /** Takes over an HTTP upgrade request for the real-time path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.serve(ws, connectionHeaders(request)));
  }

  /**
   * Closes every connection (clients see 1001 "going away", as when AppSync redeploys); those
   * that have not finished the closing handshake after the grace period are cut off.
   */
  async close(): Promise<void> {
    for (const ws of this.server.clients) ws.close(1001, 'Server shutting down');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const cutOff = setTimeout(() => {
      for (const ws of this.server.clients) ws.terminate();
    }, this.options.closeGraceMs ?? CLOSE_GRACE_MS);
    await closed;
    clearTimeout(cutOff);
  }

  private serve(ws: WebSocket, headers: Record<string, unknown>): void {
    const { apiKey, keepAliveMs, hub } = this.options;
    const subscriptions = new Map<string, Subscriber>();
    let keepAlive: NodeJS.Timeout | undefined;
    let acknowledged = false;
    const initTimeoutMs = this.options.connectionInitTimeoutMs ?? CONNECTION_INIT_TIMEOUT_MS;
    const initDeadline = setTimeout(() => ws.close(1008, `No connection_init within ${initTimeoutMs} ms`), initTimeoutMs);
    const send = (message: object) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const fail = (id: unknown, errors: ErrorEntry[] | ReturnType<typeof toAppSyncError>[]) =>
      send({ type: 'error', ...(typeof id === 'string' ? { id } : {}), payload: { errors } });

    ws.on('message', (raw) => {
      let message: Message;
      try {
        message = JSON.parse(raw.toString()) as Message;
      } catch {
        return fail(undefined, [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON' }]);
      }
      switch (message.type) {
        case 'connection_init':
          clearTimeout(initDeadline);
          if (!isAuthorized(headers, apiKey)) {
            send({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', message: UNAUTHORIZED_MESSAGE, errorCode: 401 }] } });
            ws.close(1000);
            return;
          }
          acknowledged = true;
          send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
          send({ type: 'ka' });
          keepAlive ??= setInterval(() => send({ type: 'ka' }), keepAliveMs);
          return;
        case 'start':
          if (!acknowledged) return fail(message.id, [{ errorType: 'BadRequestException', message: 'Send connection_init before start' }]);
          return this.start(message, subscriptions, send, fail);
        case 'stop': {
          const subscriber = typeof message.id === 'string' ? subscriptions.get(message.id) : undefined;
          if (!subscriber) return fail(message.id, [{ errorType: 'BadRequestException', message: `No subscription with id ${String(message.id)}` }]);
          hub.remove(subscriber);
          subscriptions.delete(message.id as string);
          return send({ type: 'complete', id: message.id });
        }
        default:
          return fail(message.id, [{ errorType: 'UnsupportedOperation', message: 'Operation not supported through the realtime channel' }]);
      }
    });
    ws.on('close', () => {
      clearTimeout(initDeadline);
      clearInterval(keepAlive);
      for (const subscriber of subscriptions.values()) hub.remove(subscriber);
    });
  }

  private start(
    message: Message,
    subscriptions: Map<string, Subscriber>,
    send: (message: object) => unknown,
    fail: (id: unknown, errors: ErrorEntry[] | ReturnType<typeof toAppSyncError>[]) => unknown,
  ): void {
    const { id, payload } = message;
    if (typeof id !== 'string' || id === '') return void fail(id, [{ errorType: 'BadRequestException', message: 'start needs an id' }]);
    if (subscriptions.has(id)) return void fail(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicate operation with id ${id}` }]);
    if (!isAuthorized(payload?.extensions?.authorization, this.options.apiKey)) {
      return void fail(id, [{ errorType: 'UnauthorizedException', message: UNAUTHORIZED_MESSAGE, errorCode: 401 }]);
    }
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(String(payload?.data)) as typeof request;
    } catch {
      return void fail(id, [{ errorType: 'BadRequestException', message: 'payload.data must be the JSON text of {query, variables}' }]);
    }
    if (typeof request?.query !== 'string') return void fail(id, [{ errorType: 'BadRequestException', message: 'payload.data has no query' }]);
    const prepared = this.options.executor.prepare(
      { query: request.query, operationName: typeof request.operationName === 'string' ? request.operationName : null },
      [OperationTypeNode.SUBSCRIPTION],
    );
    if ('errors' in prepared) return void fail(id, prepared.errors);
    try {
      const subscriber = this.options.hub.createSubscriber(prepared, request.variables, (response) =>
        send({ type: 'data', id, payload: response }),
      );
      this.options.hub.add(subscriber);
      subscriptions.set(id, subscriber);
    } catch (error) {
      return void fail(id, [toAppSyncError(error instanceof GraphQLError ? error : new GraphQLError(String(error)))]);
    }
    send({ type: 'start_ack', id });
  }
}

/** The auth headers a client put in the connection URL (`?header=`) or subprotocol list. */
function connectionHeaders(request: IncomingMessage): Record<string, unknown> {
  const fromQuery = new URL(request.url ?? '/', 'http://local').searchParams.get('header');
  const fromProtocol = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith('header-'))
    ?.slice('header-'.length);
  const encoded = fromQuery ?? fromProtocol;
  if (!encoded) return {};
  try {
    const headers: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
