import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type OutgoingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLExecutor } from '../../local/graphqlExecution.js';
import { createHttpHandler } from '../../local/httpApi.js';
import { startLocalApi, type LocalApi } from '../../local/server.js';
import type { SubscriptionHub } from '../../local/subscriptionHub.js';

// In-process (startLocalApi), so internal-error reports can be observed directly.
const internalErrors: unknown[] = [];
let api: LocalApi;
let origin: URL;

// A handler whose executor throws, for the 500 the runtime gives when a failure is not the caller's.
const executorFailures: unknown[] = [];
let failingServer: Server;
let failingPort: number;

beforeAll(async () => {
  api = await startLocalApi({ onInternalError: (error) => internalErrors.push(error) });
  origin = new URL(api.url);
  const failingExecutor = { execute: () => Promise.reject(new Error('executor down')) } as unknown as GraphQLExecutor;
  failingServer = createServer(
    createHttpHandler({ apiKey: api.apiKey, realtimePath: '/graphql/realtime', executor: failingExecutor, hub: {} as SubscriptionHub, isAllowedHost: () => true, onInternalError: (error) => executorFailures.push(error) }),
  );
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
function send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string | Buffer, setHost = true, port = origin.port): Promise<Reply | 'connection closed'> {
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
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(text);
  });
}

const OTHER_SITE = { origin: 'https://attacker.example' };
const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version';
const websocketHandshake = () => ({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': randomBytes(16).toString('base64'), 'sec-websocket-version': '13' });
const graphql = (headers: OutgoingHttpHeaders = {}) =>
  reply('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': api.apiKey, ...headers }, JSON.stringify({ query: '{ __typename }' }));

describe('the GraphiQL page, which holds the API key', () => {
  it.each(['/', '/graphiql/page.js', '/graphiql/graphiql.css'])('GET %s carries no CORS header, so other sites cannot read it', async (path) => {
    const { status, headers } = await reply('GET', path, OTHER_SITE);
    expect(status).toBe(200);
    expect(headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['a name rebound to 127.0.0.1 (DNS rebinding)', (port: string) => `attacker.example:${port}`],
    ['the wrong port', () => '127.0.0.1:1'],
  ])('is refused with 421 to a Host header with %s', async (_case, host) => {
    const { status, body } = await reply('GET', '/', { host: host(origin.port) });
    expect(status).toBe(421);
    expect(JSON.parse(body).errors[0]).toMatchObject({ errorType: 'MisdirectedRequestException', message: expect.stringContaining('DNS rebinding') });
    expect(body).not.toContain(api.apiKey);
  });

  it('is refused without a Host header', async () => {
    const { status, body } = await reply('GET', '/', {}, undefined, false);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(body).not.toContain(api.apiKey);
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('is served to Host %s with the port', async (name) => {
    const { status, body } = await reply('GET', '/', { host: `${name}:${origin.port}` });
    expect(status).toBe(200);
    expect(body).toContain(api.apiKey);
  });
});

describe('the GraphQL endpoint', () => {
  it('answers a cross-origin preflight so front ends on other origins can send their key', async () => {
    const { status, headers } = await reply('OPTIONS', '/graphql', { ...OTHER_SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' });
    expect(status).toBe(204);
    expect(headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': expect.stringContaining('POST') });
    expect(headers['access-control-allow-headers']).toContain('x-api-key');
  });

  it('lets other origins read its answers, errors included', async () => {
    const ok = await graphql(OTHER_SITE);
    expect(JSON.parse(ok.body)).toEqual({ data: { __typename: 'Query' } });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const unauthorized = await graphql({ ...OTHER_SITE, 'x-api-key': 'da2-wrong' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses a foreign Host header too', async () => {
    expect((await graphql({ host: `attacker.example:${origin.port}` })).status).toBe(421);
  });

  it('answers GET with a JSON error, not the GraphiQL page (so urql\'s default GET fails clearly)', async () => {
    const { status, headers, body } = await reply('GET', '/graphql?query=%7B__typename%7D', OTHER_SITE);
    expect(status).toBe(405);
    expect(headers).toMatchObject({ 'content-type': 'application/json; charset=UTF-8', allow: 'POST, OPTIONS', 'access-control-allow-origin': '*' });
    expect(JSON.parse(body)).toEqual({ errors: [{ errorType: 'MethodNotAllowedException', message: expect.stringContaining('POST') }] });
    expect(body).not.toContain(api.apiKey);
  });
});

describe('every HTTP error, as AppSync sends it', () => {
  const post = (body: string | Buffer, headers: OutgoingHttpHeaders = {}) =>
    reply('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': api.apiKey, ...OTHER_SITE, ...headers }, body);
  const query = JSON.stringify({ query: '{ __typename }' });

  // [case, request, status, errorType, whether the answer is the API's (CORS and exposed headers)]
  it.each<[string, () => Promise<Reply>, number, string, boolean]>([
    ['GET /graphql', () => reply('GET', '/graphql', OTHER_SITE), 405, 'MethodNotAllowedException', true],
    ['DELETE /graphql', () => reply('DELETE', '/graphql', OTHER_SITE), 405, 'MethodNotAllowedException', true],
    ['a wrong API key', () => post(query, { 'x-api-key': 'da2-wrong' }), 401, 'UnauthorizedException', true],
    ['invalid JSON', () => post('{"query": '), 400, 'MalformedHttpRequestException', true],
    ['no query', () => post('{}'), 400, 'BadRequestException', true],
    ['a form content type', () => post('query=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UnsupportedMediaTypeException', true],
    ['a body over 1 MB', () => post(Buffer.alloc(1024 * 1024 + 1, ' ')), 413, 'PayloadTooLargeException', true],
    ['a foreign Host header', () => post(query, { host: `attacker.example:${origin.port}` }), 421, 'MisdirectedRequestException', true],
    ['a failure that is not the caller\'s', () => reply('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': api.apiKey }, query, true, String(failingPort)), 500, 'InternalFailure', true],
    ['an unknown path', () => reply('POST', '/nothing'), 404, 'NotFoundException', false],
    ['a WebSocket upgrade on another path', () => reply('GET', '/graphql', websocketHandshake()), 404, 'NotFoundException', false],
    ['a WebSocket upgrade with a bad key', () => reply('GET', '/graphql/realtime', { ...websocketHandshake(), 'sec-websocket-key': 'short' }), 400, 'BadRequestException', false],
    ['a request that is not HTTP', () => sendRaw('HELLO\r\n\r\n'), 400, 'MalformedHttpRequestException', false],
  ])('%s: %i with errorType %s in the body and the x-amzn-ErrorType header', async (_case, request, status, errorType, fromApi) => {
    const { status: actual, headers, body } = await request();
    expect(actual).toBe(status);
    expect(JSON.parse(body)).toEqual({ errors: [{ errorType, message: expect.any(String) }] });
    expect(headers['x-amzn-errortype']).toBe(errorType);
    expect(headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['access-control-expose-headers']).toBe(fromApi ? EXPOSED_HEADERS : undefined);
  });

  it('reports only the failure that is not the caller\'s as internal', () => {
    expect(executorFailures).toEqual([expect.objectContaining({ message: 'executor down' })]);
  });
});

// Last: it closes the API, because close() waits for in-flight requests (and so for their reports).
describe('a body far over the 1 MB limit', () => {
  it('gets 413 (or a closed connection) and is not reported as an internal failure', async () => {
    const body = Buffer.alloc(17 * 1024 * 1024, ' ');
    const result = await send('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': api.apiKey }, body);
    if (result !== 'connection closed') {
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body).errors[0].errorType).toBe('PayloadTooLargeException');
    }
    await api.close();
    expect(internalErrors).toEqual([]);
  });
});
