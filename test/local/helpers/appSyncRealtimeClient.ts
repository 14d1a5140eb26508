import { randomUUID } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import WebSocket from 'ws';
import { signRealtimeConnect, signRealtimeStart } from '../../../sdk/src/auth/sigv4.js';
import { TEST_IAM } from '../../helpers/localCredentials.js';
import type { GraphQLResponseBody } from './localApiProcess.js';

/** How a client authorizes its connection and each start (AppSync sends auth with both). */
export interface RealtimeAuth {
  /** The `header` object of the connection URL. */
  connectHeader(): Promise<Record<string, string>>;
  /** A start's `payload.extensions.authorization`, for its exact `payload.data`. */
  startAuthorization(data: string): Promise<Record<string, string>>;
}

/** A user-pool caller: the token raw in `Authorization`, with the host, at connect and every start. */
export function tokenAuth(realtimeUrl: string, token: string): RealtimeAuth {
  const headers = { host: new URL(realtimeUrl).host, Authorization: token };
  return { connectHeader: () => Promise.resolve(headers), startAuthorization: () => Promise.resolve(headers) };
}

/** An IAM caller: SigV4 signatures of `/graphql/connect` and of each start's data (test credentials by default). */
export function iamAuth(realtimeUrl: string, credentials: { accessKeyId: string; secretAccessKey: string } = TEST_IAM): RealtimeAuth {
  const graphqlUrl = realtimeUrl.replace(/^ws/, 'http').replace(/\/realtime$/, '');
  return {
    connectHeader: () => signRealtimeConnect({ graphqlUrl, credentials, region: 'us-east-1' }),
    startAuthorization: (data) => signRealtimeStart({ graphqlUrl, data, credentials, region: 'us-east-1' }),
  };
}

export interface RealtimeMessage {
  type: string;
  id?: string;
  /** Absent from `ka` and `complete`; typed loosely, as tests read whatever shape they assert. */
  payload: GraphQLResponseBody;
}

/**
 * A client of AppSync's real-time protocol written from AppSync's documentation, as front ends
 * (Amplify, aws-appsync-subscription-link) speak it: auth headers base64-encoded in the `header`
 * query parameter, `graphql-ws` subprotocol, JSON text of the request in `start.payload.data`,
 * authorization again in every start.
 */
export class AppSyncRealtimeClient {
  readonly messages: RealtimeMessage[] = [];
  /** The close code, once the socket has closed (1009: a message over the endpoint's size limit). */
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly socket: WebSocket,
    private readonly auth: RealtimeAuth,
  ) {
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse((raw as Buffer).toString()) as RealtimeMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects and (unless told not to) sends connection_init; resolves once the socket is open. */
  static async connect(realtimeUrl: string, auth: RealtimeAuth, { init = true } = {}): Promise<AppSyncRealtimeClient> {
    const header = Buffer.from(JSON.stringify(await auth.connectHeader())).toString('base64');
    const socket = new WebSocket(`${realtimeUrl}?header=${header}&payload=e30=`, ['graphql-ws']);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const client = new AppSyncRealtimeClient(socket, auth);
    if (init) client.send({ type: 'connection_init' });
    return client;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends `start` for the document (authorized as at connect, unless `authorization` says otherwise) and returns the subscription id. */
  async start(
    document: DocumentNode | string,
    variables: Record<string, unknown> = {},
    authorization?: Record<string, string>,
  ): Promise<string> {
    const id = randomUUID();
    const data = JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
    this.send({
      id,
      type: 'start',
      payload: { data, extensions: { authorization: authorization ?? (await this.auth.startAuthorization(data)) } },
    });
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
