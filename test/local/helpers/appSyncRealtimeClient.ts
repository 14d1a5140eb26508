import { randomUUID } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import WebSocket from 'ws';

export interface RealtimeMessage {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A client of AppSync's real-time protocol written from AppSync's documentation, as front ends
 * (Amplify, aws-appsync-subscription-link) speak it: auth headers base64-encoded in the `header`
 * query parameter, `graphql-ws` subprotocol, JSON text of the request in `start.payload.data`.
 */
export class AppSyncRealtimeClient {
  readonly messages: RealtimeMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly socket: WebSocket,
    private readonly authorization: Record<string, string>,
  ) {
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()) as RealtimeMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects and (unless told not to) sends connection_init; resolves once the socket is open. */
  static async connect(realtimeUrl: string, apiKey: string, { init = true } = {}): Promise<AppSyncRealtimeClient> {
    const authorization = { host: new URL(realtimeUrl).host, 'x-api-key': apiKey };
    const header = Buffer.from(JSON.stringify(authorization)).toString('base64');
    const socket = new WebSocket(`${realtimeUrl}?header=${header}&payload=e30=`, ['graphql-ws']);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const client = new AppSyncRealtimeClient(socket, authorization);
    if (init) client.send({ type: 'connection_init' });
    return client;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends `start` for the document and returns the subscription id. */
  start(document: DocumentNode | string, variables: Record<string, unknown> = {}, authorization = this.authorization): string {
    const id = randomUUID();
    const data = JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
    this.send({ id, type: 'start', payload: { data, extensions: { authorization } } });
    return id;
  }

  stop(id: string): void {
    this.send({ id, type: 'stop' });
  }

  /** Waits for the first message (in arrival order, already received or not) that matches. */
  async next(matches: (message: RealtimeMessage) => boolean, timeoutMs = 10_000): Promise<RealtimeMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** The `data` messages of one subscription so far. */
  dataOf(id: string): unknown[] {
    return this.messages.filter((message) => message.type === 'data' && message.id === id).map((message) => message.payload);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
