import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../local/server.js';

// In-process (startLocalApi), so internal-error reports can be observed directly.
const internalErrors: unknown[] = [];
let api: LocalApi;
let origin: URL;

beforeAll(async () => {
  api = await startLocalApi({ onInternalError: (error) => internalErrors.push(error) });
  origin = new URL(api.url);
});

afterAll(async () => {
  await api?.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch cannot set Host); `body` as a Buffer streams it. */
function send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string | Buffer, setHost = true): Promise<Reply | 'connection closed'> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: origin.hostname, port: origin.port, method, path, headers, setHost }, (response) => {
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

const OTHER_SITE = { origin: 'https://attacker.example' };
const graphql = (headers: OutgoingHttpHeaders = {}) =>
  reply('POST', '/graphql', { 'content-type': 'application/json', 'x-api-key': api.apiKey, ...headers }, JSON.stringify({ query: '{ __typename }' }));

describe('the GraphiQL page, which holds the API key', () => {
  it.each(['/', '/graphql', '/graphiql/page.js', '/graphiql/graphiql.css'])('GET %s carries no CORS header, so other sites cannot read it', async (path) => {
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
