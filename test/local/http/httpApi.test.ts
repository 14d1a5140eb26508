import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type OutgoingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLExecutor } from '../../../local/appsync/graphqlExecution.js';
import { apiAuthModes } from '../../../local/auth/apiAuthModes.js';
import { Authenticator } from '../../../local/auth/authenticator.js';
import { loadIamPrincipal } from '../../../local/auth/iam/iamCredentials.js';
import { signAppSyncRequest } from '../../../sdk/src/auth/sigv4.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { createHttpHandler, GRAPHQL_PATH } from '../../../local/http/httpApi.js';
import { startLocalApi, type LocalApi } from '../../../local/server.js';
import { signIn, TEST_CREDENTIALS_ENV, TEST_USERS } from '../../helpers/localCredentials.js';

// In-process (startLocalApi), so internal-error reports can be observed directly.
const internalErrors: unknown[] = [];
let api: LocalApi;
let origin: URL;
/** alice's ID token, what a signed-in front end sends raw in Authorization. */
let idToken: string;
/** What must never leak to a refused or cross-origin request: a seeded user's password. */
let alicePassword: string;

// A handler whose executor throws, for the 500 the runtime gives when a failure is not the caller's.
const executorFailures: unknown[] = [];
let failingServer: Server;
let failingPort: number;
let failingServerToken: string;

beforeAll(async () => {
  api = await startLocalApi({ onInternalError: (error) => internalErrors.push(error) });
  origin = new URL(api.url);
  const alice = api.clientConfig.users.find(({ username }) => username === 'alice')!;
  alicePassword = alice.password;
  ({ idToken } = await signIn(api.clientConfig.userPoolEndpoint, api.clientConfig.userPoolClientId, alice.username, alice.password));

  // Its own user pool and principal: the in-process API keeps its authenticator to itself.
  const pool = await LocalUserPool.open({
    dataDir: null,
    region: 'us-east-1',
    issuerOrigin: 'http://127.0.0.1',
    seedUsers: [{ username: 'alice', password: TEST_USERS.alice }],
  });
  const authenticator = new Authenticator(
    apiAuthModes({
      userPool: pool,
      principal: await loadIamPrincipal({ dataDir: null, env: TEST_CREDENTIALS_ENV }),
      graphqlPath: GRAPHQL_PATH,
    }),
  );
  failingServerToken = (await pool.signIn('alice', TEST_USERS.alice)).idToken;
  const failingExecutor = { execute: () => Promise.reject(new Error('executor down')) } as unknown as GraphQLExecutor;
  const failingHandler = createHttpHandler({
    authenticator,
    userPool: pool,
    clientConfig: api.clientConfig,
    realtimePath: '/graphql/realtime',
    executor: failingExecutor,
    isAllowedHost: () => true,
    onInternalError: (error) => executorFailures.push(error),
  });
  failingServer = createServer((request, response) => void failingHandler(request, response));
  await new Promise<void>((resolve) => failingServer.listen(0, '127.0.0.1', resolve));
  failingPort = (failingServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => failingServer?.close(resolve));
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch cannot set Host); `body` as a Buffer streams it. */
function send(
  method: string,
  path: string,
  headers: OutgoingHttpHeaders = {},
  body?: string | Buffer,
  setHost = true,
  port = origin.port,
): Promise<Reply | 'connection closed'> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: origin.hostname, port, method, path, headers, setHost }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      response.on('error', reject);
    });
    outgoing.on('error', () => resolve('connection closed'));
    outgoing.end(body);
  });
}

async function reply(...args: Parameters<typeof send>): Promise<Reply> {
  const result = await send(...args);
  if (result === 'connection closed') throw new Error('The connection closed without a response');
  return result;
}

/** Bytes that are not an HTTP request Node can parse, and the answer, read off the socket. */
function sendRaw(text: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(origin.port), origin.hostname);
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject).on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(text);
  });
}

const OTHER_SITE = { origin: 'https://attacker.example' };
const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version';
const websocketHandshake = () => ({
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-key': randomBytes(16).toString('base64'),
  'sec-websocket-version': '13',
});
/** The headers of a POST of `body` signed with the in-process API's own IAM credentials. */
const signedHeaders = (body: string) => signAppSyncRequest({ url: api.url, body, credentials: api.iam, region: 'us-east-1' });
const graphql = (headers: OutgoingHttpHeaders = {}) =>
  reply(
    'POST',
    '/graphql',
    { 'content-type': 'application/json', authorization: idToken, ...headers },
    JSON.stringify({ query: '{ __typename }' }),
  );

describe("the GraphiQL page and /config.json, which hold the local users' passwords", () => {
  it.each(['/', '/graphiql/page.js', '/graphiql/graphiql.css'])(
    'GET %s carries no CORS header, so other sites cannot read it',
    async (path) => {
      const { status, headers } = await reply('GET', path, OTHER_SITE);
      expect(status).toBe(200);
      expect(headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it("GET /config.json from another site: the API's CORS and the settings, but no user and no password", async () => {
    const { status, headers, body } = await reply('GET', '/config.json', OTHER_SITE);
    expect({ status, cors: headers['access-control-allow-origin'], vary: headers.vary }).toEqual({
      status: 200,
      cors: '*',
      vary: 'Origin',
    });
    expect(JSON.parse(body)).not.toHaveProperty('users');
    expect(body).not.toContain(alicePassword);
  });

  it.each([
    ['a name rebound to 127.0.0.1 (DNS rebinding)', (port: string) => `attacker.example:${port}`],
    ['the wrong port', () => '127.0.0.1:1'],
  ])('is refused with 421 to a Host header with %s', async (_case, host) => {
    for (const path of ['/', '/config.json']) {
      const { status, body } = await reply('GET', path, { host: host(origin.port) });
      expect(status).toBe(421);
      expect(JSON.parse(body).errors[0]).toMatchObject({
        errorType: 'MisdirectedRequestException',
        message: expect.stringContaining('DNS rebinding'),
      });
      expect(body).not.toContain(alicePassword);
    }
  });

  it('is refused without a Host header', async () => {
    for (const path of ['/', '/config.json']) {
      const { status, body } = await reply('GET', path, {}, undefined, false);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(body).not.toContain(alicePassword);
    }
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('is served to Host %s with the port', async (name) => {
    const page = await reply('GET', '/', { host: `${name}:${origin.port}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=UTF-8');
    const config = await reply('GET', '/config.json', { host: `${name}:${origin.port}` });
    expect(JSON.parse(config.body).users).toContainEqual({ username: 'alice', password: alicePassword });
  });
});

describe('the GraphQL endpoint', () => {
  it('answers a cross-origin preflight so front ends on other origins can send a token or a SigV4 signature', async () => {
    const requested = 'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent';
    const { status, headers } = await reply('OPTIONS', '/graphql', {
      ...OTHER_SITE,
      'access-control-request-method': 'POST',
      'access-control-request-headers': requested,
    });
    expect(status).toBe(204);
    expect(headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': expect.stringContaining('POST') });
    const allowed = String(headers['access-control-allow-headers']).split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(requested.split(', ')));
  });

  it('lets other origins read its answers, errors included', async () => {
    const ok = await graphql(OTHER_SITE);
    expect(JSON.parse(ok.body)).toEqual({ data: { __typename: 'Query' } });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const unauthorized = await graphql({ ...OTHER_SITE, authorization: 'not-a-token' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a SigV4-signed request (the IAM mode) like a token-authorized one', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const { status, headers, body: answer } = await reply('POST', '/graphql', { ...(await signedHeaders(body)), ...OTHER_SITE }, body);
    expect(status).toBe(200);
    expect(JSON.parse(answer)).toEqual({ data: { __typename: 'Query' } });
    expect(headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses a foreign Host header too', async () => {
    expect((await graphql({ host: `attacker.example:${origin.port}` })).status).toBe(421);
  });

  it("answers GET with a JSON error, not the GraphiQL page (so urql's default GET fails clearly)", async () => {
    const { status, headers, body } = await reply('GET', '/graphql?query=%7B__typename%7D', OTHER_SITE);
    expect(status).toBe(405);
    expect(headers).toMatchObject({
      'content-type': 'application/json; charset=UTF-8',
      allow: 'POST, OPTIONS',
      'access-control-allow-origin': '*',
    });
    expect(JSON.parse(body)).toEqual({ errors: [{ errorType: 'MethodNotAllowedException', message: expect.stringContaining('POST') }] });
    expect(body).not.toContain(alicePassword);
  });
});

describe('every HTTP error, as AppSync sends it', () => {
  const post = (body: string | Buffer, headers: OutgoingHttpHeaders = {}) =>
    reply('POST', '/graphql', { 'content-type': 'application/json', authorization: idToken, ...OTHER_SITE, ...headers }, body);
  const query = JSON.stringify({ query: '{ __typename }' });

  // [case, status, errorType, request, whether the answer is the API's (CORS and exposed headers)]
  it.each<[string, number, string, () => Promise<Reply>, boolean]>([
    ['GET /graphql', 405, 'MethodNotAllowedException', () => reply('GET', '/graphql', OTHER_SITE), true],
    ['DELETE /graphql', 405, 'MethodNotAllowedException', () => reply('DELETE', '/graphql', OTHER_SITE), true],
    [
      'no credentials',
      401,
      'UnauthorizedException',
      () => reply('POST', '/graphql', { 'content-type': 'application/json', ...OTHER_SITE }, query),
      true,
    ],
    [
      'an API key instead of a token',
      401,
      'UnauthorizedException',
      () => reply('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': 'da2-wrong', ...OTHER_SITE }, query),
      true,
    ],
    [
      'a token that does not verify',
      401,
      'UnauthorizedException',
      () => post(query, { authorization: `${idToken.slice(0, -4)}AAAA` }),
      true,
    ],
    ['a SigV4 signature of another body', 401, 'UnauthorizedException', async () => post(query, await signedHeaders('{}')), true],
    ['invalid JSON', 400, 'MalformedHttpRequestException', () => post('{"query": '), true],
    ['no query', 400, 'BadRequestException', () => post('{}'), true],
    [
      'a form content type',
      415,
      'UnsupportedMediaTypeException',
      () => post('query=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      true,
    ],
    ['a body over 1 MB', 413, 'PayloadTooLargeException', () => post(Buffer.alloc(1024 * 1024 + 1, ' ')), true],
    ['a foreign Host header', 421, 'MisdirectedRequestException', () => post(query, { host: `attacker.example:${origin.port}` }), true],
    [
      "a failure that is not the caller's",
      500,
      'InternalFailure',
      () =>
        reply(
          'POST',
          '/graphql',
          { 'content-type': 'application/json', authorization: failingServerToken },
          query,
          true,
          String(failingPort),
        ),
      true,
    ],
    ['an unknown path', 404, 'NotFoundException', () => reply('POST', '/nothing'), false],
    ['a WebSocket upgrade on another path', 404, 'NotFoundException', () => reply('GET', '/graphql', websocketHandshake()), false],
    [
      'a WebSocket upgrade with a bad key',
      400,
      'BadRequestException',
      () => reply('GET', '/graphql/realtime', { ...websocketHandshake(), 'sec-websocket-key': 'short' }),
      false,
    ],
    ['a request that is not HTTP', 400, 'MalformedHttpRequestException', () => sendRaw('HELLO\r\n\r\n'), false],
  ])('%s: %i with errorType %s in the body and the x-amzn-ErrorType header', async (_case, status, errorType, request, fromApi) => {
    const { status: actual, headers, body } = await request();
    expect(actual).toBe(status);
    expect(JSON.parse(body)).toEqual({ errors: [{ errorType, message: expect.any(String) }] });
    expect(headers['x-amzn-errortype']).toBe(errorType);
    expect(headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['access-control-expose-headers']).toBe(fromApi ? EXPOSED_HEADERS : undefined);
  });

  it("reports only the failure that is not the caller's as internal", () => {
    expect(executorFailures).toEqual([expect.objectContaining({ message: 'executor down' })]);
  });
});

// Last: it closes the API, because close() waits for in-flight requests (and so for their reports).
describe('a body far over the 1 MB limit', () => {
  it('gets 413 (or a closed connection) and is not reported as an internal failure', async () => {
    const body = Buffer.alloc(17 * 1024 * 1024, ' ');
    const result = await send('POST', '/graphql', { 'content-type': 'application/json', authorization: idToken }, body);
    if (result !== 'connection closed') {
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body).errors[0].errorType).toBe('PayloadTooLargeException');
    }
    await api.close();
    expect(internalErrors).toEqual([]);
  });
});
