import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { buildSchema } from 'graphql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GraphQLExecutor } from '../../../local/appsync/graphqlExecution.js';
import { apiAuthModes } from '../../../local/auth/apiAuthModes.js';
import { Authenticator } from '../../../local/auth/authenticator.js';
import { loadIamPrincipal } from '../../../local/auth/iam/iamCredentials.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { GRAPHQL_PATH } from '../../../local/http/httpApi.js';
import { RealtimeEndpoint, REALTIME_PATH, type RealtimeOptions } from '../../../local/realtime/realtime.js';
import { SubscriptionHub } from '../../../local/realtime/subscriptionHub.js';
import { TEST_CREDENTIALS_ENV, TEST_USERS } from '../../helpers/localCredentials.js';

const schema = buildSchema('type Query { hello: String } type Subscription { hello: String }');
const servers: Server[] = [];
const clients: (WebSocket | Socket)[] = [];
/** A real authenticator over an in-memory user pool, and a token it accepts. */
let authenticator: Authenticator;
let idToken: string;

beforeAll(async () => {
  const pool = await LocalUserPool.open({
    dataDir: null,
    region: 'us-east-1',
    issuerOrigin: 'http://127.0.0.1',
    seedUsers: [{ username: 'alice', password: TEST_USERS.alice }],
  });
  authenticator = new Authenticator(
    apiAuthModes({
      userPool: pool,
      principal: await loadIamPrincipal({ dataDir: null, env: TEST_CREDENTIALS_ENV }),
      graphqlPath: GRAPHQL_PATH,
    }),
  );
  ({ idToken } = await pool.signIn('alice', TEST_USERS.alice));
});

afterEach(async () => {
  for (const client of clients.splice(0)) {
    if (client instanceof WebSocket) client.terminate();
    else client.destroy();
  }
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The endpoint alone, behind a plain HTTP server on a free loopback port. */
async function serve(
  options: Partial<RealtimeOptions>,
  header?: Record<string, string>,
): Promise<{ endpoint: RealtimeEndpoint; url: string; port: number }> {
  const executor = new GraphQLExecutor(schema, () => false, { queryDepthLimit: 20, resolverCountLimit: 25 });
  const endpoint = new RealtimeEndpoint({
    authenticator,
    keepAliveMs: 60_000,
    executor,
    hub: new SubscriptionHub(schema, new Map(), new Map()),
    ...options,
  });
  const server = createServer();
  server.on('upgrade', (request, socket, head) => endpoint.handleUpgrade(request, socket, head));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connectHeader = header ?? { host: `127.0.0.1:${port}`, Authorization: idToken };
  return {
    endpoint,
    port,
    url: `ws://127.0.0.1:${port}${REALTIME_PATH}?header=${Buffer.from(JSON.stringify(connectHeader)).toString('base64')}`,
  };
}

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, ['graphql-ws']);
  clients.push(ws);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', resolve));

/** A client that completes the WebSocket handshake and then never sends a byte (nor answers a close). */
async function silentClient(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  clients.push(socket);
  socket.write(
    [
      `GET ${REALTIME_PATH} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: graphql-ws',
      '',
      '',
    ].join('\r\n'),
  );
  await new Promise<void>((resolve) =>
    socket.once('data', (chunk: Buffer) => (chunk.toString().startsWith('HTTP/1.1 101') ? resolve() : undefined)),
  );
  return socket;
}

describe('RealtimeEndpoint connections', () => {
  it('closes a connection that sends no connection_init in time', async () => {
    const { url } = await serve({ connectionInitTimeoutMs: 50 });
    expect(await closeCode(await open(url))).toBe(1008);
  });

  it('keeps a connection that sent connection_init past that timeout', async () => {
    const { url } = await serve({ connectionInitTimeoutMs: 50, keepAliveMs: 100 });
    const ws = await open(url);
    const messages: string[] = [];
    const twoKeepAlives = new Promise<void>((resolve) =>
      ws.on('message', (raw) => messages.push(JSON.parse((raw as Buffer).toString()).type) === 3 && resolve()),
    );
    ws.send(JSON.stringify({ type: 'connection_init' }));
    await twoKeepAlives; // ack, ka, then a ka one keep-alive interval (twice the init timeout) later
    expect(messages).toEqual(['connection_ack', 'ka', 'ka']);
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers connection_init without valid credentials with connection_error, then closes', async () => {
    const { url } = await serve({}, { host: '127.0.0.1' });
    const ws = await open(url);
    const messages: unknown[] = [];
    ws.on('message', (raw) => messages.push(JSON.parse((raw as Buffer).toString())));
    const closed = closeCode(ws);
    ws.send(JSON.stringify({ type: 'connection_init' }));
    expect(await closed).toBe(1000);
    expect(messages).toEqual([
      {
        type: 'connection_error',
        payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
      },
    ]);
  });

  // Messages are handled in order: a start must not overtake its connection's (asynchronous) verification.
  it('handles a start sent right behind connection_init once the connection is verified', async () => {
    const { url, port } = await serve({});
    const ws = await open(url);
    const types: string[] = [];
    const started = new Promise<void>((resolve) =>
      ws.on('message', (raw) => types.push(JSON.parse((raw as Buffer).toString()).type) === 3 && resolve()),
    );
    const data = JSON.stringify({ query: 'subscription { hello }', variables: {} });
    ws.send(JSON.stringify({ type: 'connection_init' }));
    ws.send(
      JSON.stringify({
        id: 'one',
        type: 'start',
        payload: { data, extensions: { authorization: { host: `127.0.0.1:${port}`, Authorization: idToken } } },
      }),
    );
    await started;
    expect(types).toEqual(['connection_ack', 'ka', 'start_ack']);
  });
});

describe('RealtimeEndpoint.close', () => {
  it('closes well-behaved clients with 1001 going away', async () => {
    const { endpoint, url } = await serve({});
    const code = closeCode(await open(url));
    await endpoint.close();
    expect(await code).toBe(1001);
  });

  it('cuts off a client that never answers the closing handshake instead of waiting ws’s 30 s', async () => {
    const { endpoint, port } = await serve({ closeGraceMs: 50 });
    const silent = await silentClient(port);
    const cut = new Promise((resolve) => silent.once('close', resolve));
    silent.resume();
    await endpoint.close();
    await cut;
  }, 10_000);
});
