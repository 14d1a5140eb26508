import { describe, expect, it } from 'vitest';
import { expectServing, postGraphQL, useLocalApiProcess } from '../helpers/localApiProcess.js';
import { rawExchange, type RawAnswer } from '../helpers/rawHttp.js';

// Requests an attacker on the same network can send (the runtime may listen beyond loopback with
// HOST), against the runtime as a process: each gets an answer in AppSync's error shape, and the
// process keeps serving.
const localApi = useLocalApiProcess();

const rawRequest = (bytes: string | Buffer) => rawExchange(localApi().url, bytes);
const expectStillServing = () => expectServing(localApi());

function expectAppSyncRefusal(answer: RawAnswer, status: number, errorType: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['x-amzn-errortype']).toBe(errorType);
  expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  const body = JSON.parse(answer.body) as { errors: { errorType: string; message: string }[] };
  expect(body.errors).toEqual([{ errorType, message: expect.any(String) }]);
}

const host = () => new URL(localApi().url).host;

describe('a request target that is no URL (issue 17, defect 1: it ended the process)', () => {
  it.each([
    ['GET http://%zz/', () => `GET http://%zz/ HTTP/1.1\r\nHost: evil.example\r\n\r\n`],
    [
      'POST http://%zz/graphql',
      () => `POST http://%zz/graphql HTTP/1.1\r\nHost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
    ],
    ['OPTIONS http://%zz/graphql', () => `OPTIONS http://%zz/graphql HTTP/1.1\r\nHost: ${host()}\r\n\r\n`],
    ['POST http://[::1/graphql', () => `POST http://[::1/graphql HTTP/1.1\r\nHost: ${host()}\r\ncontent-length: 0\r\n\r\n`],
    [
      'a WebSocket upgrade to http://%zz/graphql/realtime',
      () =>
        `GET http://%zz/graphql/realtime HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n`,
    ],
  ])('answers %s with 400 MalformedHttpRequestException and keeps serving', async (_case, request) => {
    expectAppSyncRefusal(await rawRequest(request()), 400, 'MalformedHttpRequestException');
    await expectStillServing();
  });
});

describe('a body that is not UTF-8 (issue 17, defect 5: stored with U+FFFD)', () => {
  it.each([
    ['a lone continuation byte 80', [0x80]],
    ['a broken two-byte sequence C3 28', [0xc3, 0x28]],
    ['an overlong encoding C0 AF', [0xc0, 0xaf]],
    ['an encoded surrogate ED A0 80', [0xed, 0xa0, 0x80]],
  ])('refuses %s in content with 400 and stores nothing', async (_case, bytes) => {
    const marker = `utf8-probe-${bytes.join('-')}`;
    const body = Buffer.concat([
      Buffer.from(`{"query":"mutation { createMemo(input: { content: \\"${marker} `),
      Buffer.from(bytes),
      Buffer.from(`\\" }) { memoId } }"}`),
    ]);
    const response = await fetch(localApi().url, {
      method: 'POST',
      headers: { ...(await localApi().authHeaders('alice')), 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MalformedHttpRequestException');
    expect(await response.json()).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'The request body is not valid UTF-8' }],
    });
    const { body: listed } = await postGraphQL(
      localApi().url,
      { query: '{ listMemos(limit: 100) { items { content } } }' },
      await localApi().authHeaders('alice'),
    );
    expect(
      listed.data.listMemos.items
        .map(({ content }: { content: string }) => content)
        .filter((content: string) => content.startsWith(marker)),
    ).toEqual([]);
  });
});

describe('refusals Node made on its own (issue 17, defect 6: bare answers without the error shape)', () => {
  it('answers a request without a Host header with 400 BadRequestException', async () => {
    expectAppSyncRefusal(
      await rawRequest('POST /graphql HTTP/1.1\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}'),
      400,
      'BadRequestException',
    );
    await expectStillServing();
  });

  it('answers an Expect other than 100-continue with 417 in the AppSync shape', async () => {
    expectAppSyncRefusal(
      await rawRequest(
        `POST /graphql HTTP/1.1\r\nHost: ${host()}\r\nExpect: teapot\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
      ),
      417,
      'BadRequestException',
    );
    await expectStillServing();
  });
});
