import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Sink } from '../../../../sdk/src/realtime/realtimeClient.js';

/**
 * The `ws` WebSocket class, counting every socket the client opens: the client's side of "how
 * many connections", and the `header` each one carried in its URL.
 */
export function countingWebSocket() {
  const sockets: WebSocket[] = [];
  class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return {
    WebSocket: CountingWebSocket,
    sockets,
    /** Sockets not yet closed (connecting, open or closing). */
    live: () => sockets.filter((socket) => socket.readyState !== WebSocket.CLOSED),
    /** The decoded `header` query parameter of the n-th socket's URL. */
    headerOf: (socket: WebSocket) => decodeHeader(socket.url),
  };
}

export function decodeHeader(url: string): Record<string, string> {
  const encoded = new URL(url).searchParams.get('header');
  if (encoded === null) throw new Error(`No header in ${url}`);
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Record<string, string>;
}

/** A sink that records what it receives. */
export function recordingSink<T>() {
  const state = { values: [] as T[], errors: [] as unknown[], completed: 0 };
  const sink: Sink<T> = {
    next: (value) => void state.values.push(value),
    error: (error) => void state.errors.push(error),
    complete: () => void state.completed++,
  };
  return Object.assign(state, { sink });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One connection to the fake server, with the messages it received. */
export interface FakeConnection {
  readonly socket: WebSocket;
  readonly url: string;
  readonly protocol: string;
  readonly received: { type: string; id?: string; payload?: any }[];
  send(message: object): void;
}

/**
 * A tiny stand-in for AppSync's real-time endpoint, for behaviour the real runtime does not show
 * on demand (a server that goes silent, a refusal followed by success). `onConnection` scripts
 * each connection; `onMessage` answers its messages.
 */
export async function startFakeRealtimeServer(script: {
  onConnection?(connection: FakeConnection, index: number): void;
  onMessage(connection: FakeConnection, message: { type: string; id?: string; payload?: any }, index: number): void;
}) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: FakeConnection[] = [];
  server.on('connection', (socket, request) => {
    const index = connections.length;
    const connection: FakeConnection = {
      socket,
      url: request.url ?? '',
      protocol: socket.protocol,
      received: [],
      send: (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message)),
    };
    connections.push(connection);
    script.onConnection?.(connection, index);
    socket.on('message', (raw: RawData) => {
      const message = JSON.parse((raw as Buffer).toString()) as { type: string; id?: string; payload?: any };
      connection.received.push(message);
      script.onMessage(connection, message, index);
    });
  });
  const { port } = server.address() as { port: number };
  return {
    connections,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
