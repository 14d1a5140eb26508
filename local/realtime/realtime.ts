import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { Unauthenticated, UNAUTHORIZED_MESSAGE, type Authenticator } from '../auth/authenticator.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import { toAppSyncError, type GraphQLExecutor } from '../appsync/graphqlExecution.js';
import { refuseOnSocket } from '../http/httpApi.js';
import type { Subscriber, SubscriptionHub } from './subscriptionHub.js';

export const REALTIME_PATH = '/graphql/realtime';
/** The largest message a client may send (a bigger frame closes its socket with 1009). */
export const MAX_REALTIME_MESSAGE_BYTES = 1024 * 1024;

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
  readonly authenticator: Authenticator;
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
    maxPayload: MAX_REALTIME_MESSAGE_BYTES,
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
    const sourceIp = request.socket.remoteAddress ?? '';
    const host = request.headers.host;
    this.server.handleUpgrade(request, socket, head, (ws) => this.serve(ws, connectionHeaders(request), sourceIp, host));
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

  private serve(ws: WebSocket, headers: Record<string, unknown>, sourceIp: string, host: string | undefined): void {
    const { authenticator, keepAliveMs, hub } = this.options;
    const subscriptions = new Map<string, Subscriber>();
    let keepAlive: NodeJS.Timeout | undefined;
    let acknowledged = false;
    const initTimeoutMs = this.options.connectionInitTimeoutMs ?? CONNECTION_INIT_TIMEOUT_MS;
    const initDeadline = setTimeout(() => ws.close(1008, `No connection_init within ${initTimeoutMs} ms`), initTimeoutMs);
    const send = (message: object) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const fail = (id: unknown, errors: ErrorEntry[] | ReturnType<typeof toAppSyncError>[]) =>
      send({ type: 'error', ...(typeof id === 'string' ? { id } : {}), payload: { errors } });

    // Verifying credentials is asynchronous: messages are handled one after another, so a start
    // sent right behind connection_init waits for its verdict.
    let queue = Promise.resolve();
    ws.on('message', (raw) => {
      queue = queue.then(async () => void (await handle(raw))).catch((error: unknown) => {
        fail(undefined, [{ errorType: 'InternalFailure', message: 'An internal failure occurred' }]);
        console.error(error);
      });
    });
    const handle = async (raw: WebSocket.RawData): Promise<unknown> => {
      let message: Message;
      try {
        message = JSON.parse(raw.toString()) as Message;
      } catch {
        return fail(undefined, [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON' }]);
      }
      // `null`, a number, a list: JSON, but no message (it ended in an InternalFailure before).
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        return fail(undefined, [{ errorType: 'UnsupportedOperation', message: 'Messages must be JSON objects' }]);
      }
      switch (message.type) {
        case 'connection_init':
          clearTimeout(initDeadline);
          if (!(await verified(() => authenticator.realtimeConnect(headers, sourceIp, host)))) {
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
          return this.start(message, subscriptions, send, fail, sourceIp);
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
    };
    // A frame over maxPayload, bad UTF-8, a protocol violation: ws closes the socket (1009, 1007,
    // 1002) and emits 'error' first. Unheard, that error ended the whole process.
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(initDeadline);
      clearInterval(keepAlive);
      for (const subscriber of subscriptions.values()) hub.remove(subscriber);
    });
  }

  /** Checks the start's own credentials (AppSync checks them on every start, not only at connect). */
  private async start(
    message: Message,
    subscriptions: Map<string, Subscriber>,
    send: (message: object) => unknown,
    fail: (id: unknown, errors: ErrorEntry[] | ReturnType<typeof toAppSyncError>[]) => unknown,
    sourceIp: string,
  ): Promise<void> {
    const { id, payload } = message;
    if (typeof id !== 'string' || id === '') return void fail(id, [{ errorType: 'BadRequestException', message: 'start needs an id' }]);
    if (subscriptions.has(id)) return void fail(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicate operation with id ${id}` }]);
    const caller = await verified(() => this.options.authenticator.realtimeStart(payload?.extensions?.authorization, payload?.data, sourceIp));
    if (!caller) return void fail(id, [{ errorType: 'UnauthorizedException', message: UNAUTHORIZED_MESSAGE, errorCode: 401 }]);
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
      const subscriber = this.options.hub.createSubscriber(prepared, request.variables, caller, (response) =>
        send({ type: 'data', id, payload: response }),
      );
      this.options.hub.add(subscriber);
      subscriptions.set(id, subscriber);
    } catch (error) {
      const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error as Error });
      return void fail(id, [toAppSyncError(graphqlError)]);
    }
    send({ type: 'start_ack', id });
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

/** The auth headers a client put in the connection URL (`?header=`) or subprotocol list. */
function connectionHeaders(request: IncomingMessage): Record<string, unknown> {
  // Not URLSearchParams: it would read a raw base64 '+' (as clients send it) as a space.
  const rawQuery = /[?&]header=([^&]*)/.exec(request.url ?? '')?.[1];
  const fromQuery = rawQuery === undefined ? undefined : safeDecode(rawQuery);
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

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
