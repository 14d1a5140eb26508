import { describe, expect, it } from 'vitest';
import { iamHeaders } from '../../helpers/localCredentials.js';
import { postGraphQL, useLocalApiProcess, type GraphQLResponseBody } from '../helpers/localApiProcess.js';

const localApi = useLocalApiProcess();

const CREATE = { query: 'mutation { createMemo(input: { content: "should not exist" }) { memoId } }' };
const COUNT = { query: '{ listMemos(limit: 100) { items { memoId content } } }' };

/** A GraphQL POST as alice (her ID token, raw in Authorization). */
async function asAlice(body: unknown): Promise<{ status: number; body: GraphQLResponseBody }> {
  return postGraphQL(localApi().url, body, await localApi().authHeaders('alice'));
}

async function memoContents(): Promise<string[]> {
  const { body } = await asAlice(COUNT);
  return body.data.listMemos.items.map((item: { content: string }) => item.content);
}

/** The server still answers a normal request. */
async function expectServerUp(): Promise<void> {
  expect((await asAlice(COUNT)).status).toBe(200);
}

// The whole bad-credential matrix is in credentials.test.ts; these are the requests a client
// written for the old API key sends.
describe('auth', () => {
  it.each([
    ['no credentials', {}],
    ['an API key (the API has none)', { 'x-api-key': 'da2-wrongwrongwrongwrongwrong00' }],
    ['an API key in Authorization', { authorization: 'da2-wrongwrongwrongwrongwrong00' }],
  ])('rejects %s with 401 UnauthorizedException and writes nothing', async (_case, headers) => {
    const { status, body } = await postGraphQL(localApi().url, CREATE, headers);
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
    expect(await memoContents()).not.toContain('should not exist');
  });
});

describe('bad HTTP input', () => {
  const post = async (body: string | Buffer, contentType = 'application/json') =>
    fetch(localApi().url, { method: 'POST', headers: { ...(await localApi().authHeaders('alice')), 'content-type': contentType }, body });
  /** Signed over the exact bytes sent: an IAM caller's bad input gets the same answers. */
  const postSigned = async (body: string) =>
    fetch(localApi().url, { method: 'POST', headers: await iamHeaders(localApi().url, body), body });

  it.each([
    ['invalid JSON', () => post('{"query": '), 400, 'MalformedHttpRequestException'],
    ['a JSON array (batching)', () => post('[{"query":"{ __typename }"}]'), 400, 'BadRequestException'],
    ['no query', () => post('{"variables":{}}'), 400, 'BadRequestException'],
    ['variables that are not an object', () => post('{"query":"{ __typename }","variables":[1]}'), 400, 'BadRequestException'],
    [
      'a form content type',
      () => post('query=%7B__typename%7D', 'application/x-www-form-urlencoded'),
      415,
      'UnsupportedMediaTypeException',
    ],
    [
      'a body over 1 MB',
      () => post(JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024)}` })),
      413,
      'PayloadTooLargeException',
    ],
    ['an unknown path', () => fetch(localApi().url.replace('/graphql', '/nothing'), { method: 'POST' }), 404, 'NotFoundException'],
    ["a GET (urql's default for queries)", () => fetch(`${localApi().url}?query=%7B__typename%7D`), 405, 'MethodNotAllowedException'],
    ['invalid JSON, signed with IAM', () => postSigned('{"query": '), 400, 'MalformedHttpRequestException'],
    ['no query, signed with IAM', () => postSigned('{"variables":{}}'), 400, 'BadRequestException'],
  ])('answers %s with a clear %i error and stays up', async (_case, send, status, errorType) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('x-amzn-errortype')).toBe(errorType);
    const body = (await response.json()) as { errors: { errorType: string; message: string }[] };
    expect(body.errors[0]).toMatchObject({ errorType, message: expect.any(String) });
    await expectServerUp();
  });

  it.each([
    [
      'an unknown operationName',
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
      'Unknown operation named "C"',
    ],
    ['a syntax error', { query: '{ listMemos { ' }, 'Syntax Error'],
    ['an unknown field', { query: '{ nothing }' }, 'Cannot query field "nothing"'],
    [
      'a missing required variable',
      { query: 'query ($id: ID!) { memo(memoId: $id) { memoId } }' },
      'Variable "$id" of required type "ID!" was not provided',
    ],
    ['a subscription over HTTP', { query: 'subscription { onCreateMemo { memoId } }' }, 'must be sent to the real-time endpoint'],
    [
      'introspection nesting abuse',
      { query: `{ __schema { types { ${'fields { type { '.repeat(6)}name${' } }'.repeat(6)} } } }` },
      'Maximum introspection depth exceeded',
    ],
    [
      'depth abuse',
      { query: `{ __schema { types { fields { type { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } } } } }` },
      'exceeds the limit of 20',
    ],
    [
      'alias abuse (resolver count)',
      { query: `{ ${Array.from({ length: 30 }, (_, i) => `m${i}: listMemos { nextToken }`).join(' ')} }` },
      'more than the limit of 25',
    ],
  ])('answers %s with GraphQL errors (HTTP 200, data null) and stays up', async (_case, request, message) => {
    const { status, body } = await asAlice(request);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors[0].message).toContain(message);
    await expectServerUp();
  });

  it('answers a request with 20,000 tokens with an error instead of parsing on', async () => {
    const { body } = await asAlice({ query: `{ ${'__typename '.repeat(25_000)}}` });
    expect(body.errors[0].message).toContain('20000 tokens');
  });

  it('reports errors in the AppSync shape, with path, locations and errorInfo', async () => {
    const { body } = await asAlice({ query: 'mutation {\n  updateMemo(input: { memoId: "nope", content: "x" }) { memoId }\n}' });
    expect(body).toEqual({
      data: null,
      errors: [
        {
          path: ['updateMemo'],
          data: null,
          errorType: 'ValidationError',
          errorInfo: { field: 'input.memoId' },
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'input.memoId must be a UUID',
        },
      ],
    });
  });
});
