import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { refuseOnSocket } from '../http/socketRefusals.js';
import { connectionHeaders } from './connectionHeaders.js';
import { RealtimeConnection, type RealtimeConnectionOptions } from './realtimeConnection.js';

export const REALTIME_PATH = '/graphql/realtime';
/** The largest message a client may send (a bigger frame closes its socket with 1009). */
export const MAX_REALTIME_MESSAGE_BYTES = 1024 * 1024;

/** A connection that has not sent connection_init by then is closed, as AppSync closes it. */
export const CONNECTION_INIT_TIMEOUT_MS = 10_000;
/**
 * How long shutdown waits for clients to answer the closing handshake before cutting them off;
 * without it, one client that never answers holds shutdown (and the store) for ws's 30 s.
 */
export const CLOSE_GRACE_MS = 1_000;

export interface RealtimeOptions extends Omit<RealtimeConnectionOptions, 'connectionInitTimeoutMs'> {
  /** Defaults to CONNECTION_INIT_TIMEOUT_MS. */
  readonly connectionInitTimeoutMs?: number;
  /** Defaults to CLOSE_GRACE_MS. */
  readonly closeGraceMs?: number;
}

/**
 * AppSync's real-time WebSocket endpoint (subprotocol `graphql-ws`, AppSync's dialect): it takes
 * over upgrades of the real-time path and serves each client as a RealtimeConnection. Auth
 * travels in the `header` query parameter (base64 JSON) or a `header-<base64url>` subprotocol,
 * and again in every start.
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
    const origin = { headers: connectionHeaders(request), sourceIp: request.socket.remoteAddress ?? '', host: request.headers.host };
    const connectionOptions = {
      ...this.options,
      connectionInitTimeoutMs: this.options.connectionInitTimeoutMs ?? CONNECTION_INIT_TIMEOUT_MS,
    };
    this.server.handleUpgrade(request, socket, head, (ws) => new RealtimeConnection(ws, origin, connectionOptions));
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
}
