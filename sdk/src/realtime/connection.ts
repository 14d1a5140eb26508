import { isUnauthorized, parseServerMessage, SUBPROTOCOL, type ServerMessage } from './protocol.js';
import type { RealtimeCloseInfo, WebSocketConstructor, WebSocketLike } from './types.js';

/** Close code for a server that fell silent (as graphql-ws's "connection acknowledgement timeout"). */
export const SILENT_SERVER_CODE = 4408;
/** Close code for a connection_error that refused the credentials. */
export const REFUSED_CREDENTIALS_CODE = 4401;
/** Close code for any other connection_error. */
export const REFUSED_CONNECTION_CODE = 4400;

/** The messages about subscriptions (and connection-level `error`), which the connection passes on. */
export type SubscriptionMessage = Exclude<ServerMessage, { type: 'connection_ack' | 'ka' | 'connection_error' }>;

export interface ConnectionHandlers {
  /** connection_ack arrived: subscriptions may start. */
  acknowledged(): void;
  /** start_ack, data, complete or error of a subscription, or a connection-level error. */
  message(message: SubscriptionMessage): void;
  /** A socket error event (the close that follows ends the connection). */
  socketError(event: unknown): void;
  /** The connection is over, once: closed by the server or the network, found silent, or refused. */
  ended(info: RealtimeCloseInfo): void;
}

/**
 * One socket to the real-time endpoint, from opening to its end: sends connection_init, waits
 * for connection_ack (at most `ackTimeoutMs`), then holds the server to the
 * `connectionTimeoutMs` it announced — each `ka` (or any message) must come within it, or the
 * socket is dropped as dead. Reports its end exactly once and ignores the socket afterwards, so a
 * dead socket that never finishes its closing handshake cannot hold up a reconnect.
 */
export class RealtimeConnection {
  private ended = false;
  private acknowledged = false;
  /** What connection_ack announced: the longest the server may stay silent. */
  private connectionTimeoutMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly socket: WebSocketLike;

  /** @throws when the WebSocket class refuses the URL */
  constructor(
    url: string,
    WebSocketClass: WebSocketConstructor,
    ackTimeoutMs: number,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.socket = new WebSocketClass(url, [SUBPROTOCOL]);
    this.socket.onopen = () => this.send({ type: 'connection_init' });
    this.socket.onmessage = (event: { data: unknown }) => this.receive(event.data);
    this.socket.onerror = (event: unknown) => {
      if (!this.ended) this.handlers.socketError(event);
    };
    this.socket.onclose = (event: { code?: number; reason?: string }) =>
      this.end({ code: event.code ?? 1006, reason: event.reason ?? '', intentional: false }, false);
    this.arm(ackTimeoutMs, `No connection_ack within ${ackTimeoutMs} ms`);
  }

  get isAcknowledged(): boolean {
    return this.acknowledged && !this.ended;
  }

  /** Sends a message if the socket is open (a message for a closed socket has nowhere to go). */
  send(message: object): void {
    if (!this.ended && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  /** Closes on purpose (normal closure); `ended` reports it as intentional. */
  close(code = 1000, reason = 'Normal Closure'): void {
    this.end({ code, reason, intentional: true }, true);
  }

  private receive(data: unknown): void {
    if (this.ended) return;
    const message = parseServerMessage(data);
    if (!message) return;
    switch (message.type) {
      case 'connection_ack':
        this.acknowledged = true;
        this.connectionTimeoutMs = message.connectionTimeoutMs;
        this.keepAlive();
        return this.handlers.acknowledged();
      case 'connection_error': {
        const code = isUnauthorized(message.errors) ? REFUSED_CREDENTIALS_CODE : REFUSED_CONNECTION_CODE;
        return this.end({ code, reason: 'connection_error', intentional: false, errors: message.errors }, true);
      }
      case 'ka':
        return this.keepAlive();
      default:
        this.keepAlive();
        return this.handlers.message(message);
    }
  }

  /** Any message proves the connection alive until connectionTimeoutMs from now. */
  private keepAlive(): void {
    if (this.acknowledged) this.arm(this.connectionTimeoutMs, `No keep-alive within ${this.connectionTimeoutMs} ms`);
  }

  private arm(ms: number, reason: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.end({ code: SILENT_SERVER_CODE, reason, intentional: false }, true, true), ms);
  }

  /** Ends once: stops the timer, detaches from the socket, closes it if asked, then reports. */
  private end(info: RealtimeCloseInfo, closeSocket: boolean, dead = false): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    const ignore = () => {};
    // Never null: ws emits 'error' when a socket still connecting is closed, and an EventEmitter
    // without a listener throws it.
    this.socket.onopen = ignore;
    this.socket.onmessage = ignore;
    this.socket.onerror = ignore;
    this.socket.onclose = ignore;
    if (closeSocket && this.socket.readyState !== 3) {
      if (dead && this.socket.terminate) this.socket.terminate();
      // Browsers accept only 1000 and 3000–4999 from applications; a reason of at most 123 bytes.
      else this.socket.close(info.code >= 3000 && info.code <= 4999 ? info.code : 1000, info.reason.slice(0, 120));
    }
    this.handlers.ended(info);
  }
}
