import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '@aws-amplify/core/internals/aws-client-utils';
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLResult } from 'aws-amplify/api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { LocalIamPrincipal } from '../../../local/auth/iam/iamCredentials.js';
import type { IamIdentity } from '../../../local/auth/iam/iamIdentity.js';
import { verifyRealtimeConnect, verifyRealtimeStart } from '../../../local/auth/iam/sigv4Realtime.js';
import { verifySigV4 } from '../../../local/auth/iam/sigv4Verifier.js';
import { expectRejected, principal } from './sigv4Fixtures.js';

// The verifier against signers it shares no code with: AWS's published test vector, Amplify JS
// v6's own SigV4 implementation, and Amplify's GraphQL client end to end (HTTP and real-time).

describe('an AWS Signature Version 4 test-suite vector (post-vanilla)', () => {
  // AWS's SigV4 test suite: example key pair, 2015-08-30T12:36:00Z, us-east-1, service "service".
  const awsExample: LocalIamPrincipal = {
    ...principal,
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
  const request = {
    method: 'POST',
    path: '/',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    },
    body: '',
  };
  const options = { now: new Date('2015-08-30T12:36:00Z'), service: 'service' };

  it('verifies', async () => {
    await expect(verifySigV4(request, awsExample, options)).resolves.toMatchObject({ accountId: principal.accountId });
  });

  it('rejects it once the body differs', async () => {
    await expectRejected(verifySigV4({ ...request, body: 'x' }, awsExample, options), /signature does not match/);
  });
});

describe("Amplify JS v6's signRequest (@aws-amplify/core)", () => {
  it('signs a POST with a query string the verifier accepts, and a changed parameter it rejects', async () => {
    const signingDate = new Date('2026-03-19T12:00:00Z');
    const url = new URL('http://127.0.0.1:4000/graphql?z=last&a=b%20c&a=0&e=%2A');
    const body = JSON.stringify({ query: '{ listMemos { items { memoId } } }' });
    const { headers } = signRequest(
      { url, method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8', 'x-amz-user-agent': 'aws-amplify/6' }, body },
      { credentials: principal, signingRegion: 'us-east-1', signingService: 'appsync', signingDate },
    );
    const received = { method: 'POST', path: `${url.pathname}${url.search}`, headers, body };
    await expect(verifySigV4(received, principal, { now: signingDate })).resolves.toBeDefined();
    await expectRejected(
      verifySigV4({ ...received, path: received.path.replace('z=last', 'z=first') }, principal, { now: signingDate }),
      /signature does not match/,
    );
  });

  it('signs a `date` header too if given one: valid SigV4, but the SDK signer drops it, so it is refused', async () => {
    // No AppSync client sends `date`; the refusal is a stated limit, not a silent mismatch.
    const signingDate = new Date('2026-03-19T12:00:00Z');
    const url = new URL('http://127.0.0.1:4000/graphql');
    const { headers } = signRequest(
      { url, method: 'POST', headers: { date: signingDate.toUTCString() }, body: '{}' },
      { credentials: principal, signingRegion: 'us-east-1', signingService: 'appsync', signingDate },
    );
    await expectRejected(
      verifySigV4({ method: 'POST', path: '/graphql', headers, body: '{}' }, principal, { now: signingDate }),
      /date;host;x-amz-date cannot be reproduced/,
    );
  });
});

describe('Amplify JS v6 GraphQL client with authMode iam', () => {
  /** What the fake endpoint verified, in order: `http`, `connect`, `start`. */
  const verified: [string, IamIdentity][] = [];
  let server: Server;

  beforeAll(async () => {
    server = fakeAppSyncEndpoint(verified);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    Amplify.configure(
      { API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'iam' } } },
      {
        Auth: {
          tokenProvider: { getTokens: () => Promise.resolve(null) },
          credentialsProvider: {
            getCredentialsAndIdentityId: () =>
              Promise.resolve({ credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey } }),
            clearCredentialsAndIdentityId: () => undefined,
          },
        },
      },
    );
  });

  afterEach(() => {
    verified.length = 0;
    vi.unstubAllGlobals();
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs queries the verifier accepts', async () => {
    const result = (await generateClient().graphql({ query: 'query Whoami { whoami }' })) as GraphQLResult<{ whoami: string }>;
    expect(result.data.whoami).toBe(principal.userArn);
    expect(verified.map(([kind]) => kind)).toEqual(['http']);
  });

  it('signs the real-time connect header and each start the verifiers accept', async () => {
    // Node 20 has no WebSocket and Amplify always dials wss://: hand it ws on plain ws://.
    vi.stubGlobal(
      'WebSocket',
      class extends WebSocket {
        constructor(url: string, protocols: string[]) {
          super(url.replace(/^wss:/, 'ws:'), protocols);
        }
      },
    );
    const events: unknown[] = [];
    const observable = generateClient().graphql({ query: 'subscription OnCreateMemo { onCreateMemo { memoId } }' }) as unknown as {
      subscribe(observer: { next(value: unknown): void; error(error: unknown): void }): { unsubscribe(): void };
    };
    const subscription = observable.subscribe({ next: (event) => events.push(event), error: (error) => events.push({ error }) });
    try {
      await vi.waitFor(() => expect(events).toHaveLength(1));
      expect(events[0]).toMatchObject({ data: { onCreateMemo: { memoId: principal.userArn } } });
      expect(verified.map(([kind]) => kind)).toEqual(['connect', 'start']);
    } finally {
      subscription.unsubscribe();
    }
  });
});

/**
 * Just enough of AppSync to see what Amplify sends: POST /graphql answers `whoami` with the
 * verified ARN (401 otherwise); /graphql/realtime refuses an unverified connect header and
 * answers a verified start with one event carrying the ARN.
 */
function fakeAppSyncEndpoint(verified: [string, IamIdentity][]): Server {
  const server = createServer((request, response) => {
    void readBody(request)
      .then((body) => verifySigV4({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body }, principal))
      .then(
        (identity) => {
          verified.push(['http', identity]);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { whoami: identity.userArn } }));
        },
        (error: Error) => {
          response.writeHead(401, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException' });
          response.end(JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message: error.message }] }));
        },
      );
  });
  const sockets = new WebSocketServer({
    server,
    path: '/graphql/realtime',
    handleProtocols: () => 'graphql-ws',
    verifyClient: ({ req }: { req: IncomingMessage }, accept: (result: boolean, code?: number) => void) => {
      const encoded = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((protocol) => protocol.trim())
        .find((protocol) => protocol.startsWith('header-'));
      const header: unknown = JSON.parse(Buffer.from(encoded?.slice('header-'.length) ?? '', 'base64').toString('utf8') || 'null');
      verifyRealtimeConnect(header, principal).then(
        (identity) => {
          verified.push(['connect', identity]);
          accept(true);
        },
        () => accept(false, 401),
      );
    },
  });
  sockets.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString()) as {
        type: string;
        id?: string;
        payload?: { data?: unknown; extensions?: { authorization?: unknown } };
      };
      if (message.type === 'connection_init')
        socket.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } }));
      if (message.type !== 'start') return;
      verifyRealtimeStart(message.payload?.extensions?.authorization, message.payload?.data, principal).then(
        (identity) => {
          verified.push(['start', identity]);
          socket.send(JSON.stringify({ type: 'start_ack', id: message.id }));
          socket.send(JSON.stringify({ type: 'data', id: message.id, payload: { data: { onCreateMemo: { memoId: identity.userArn } } } }));
        },
        (error: Error) =>
          socket.send(
            JSON.stringify({ type: 'error', id: message.id, payload: { errors: [{ errorType: 'Unauthorized', message: error.message }] } }),
          ),
      );
    });
  });
  return server;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
