import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectServing, postGraphQL, useLocalApiProcess } from '../helpers/localApiProcess.js';
import { rawExchange } from '../helpers/rawHttp.js';
import { ANSWER_BOUND_MS, expectWellFormed, FUZZ_SEED, request } from './fuzzKit.js';

// Random and mutated HTTP requests against the runtime as a process: every one is answered within
// the bound, never with a 5xx, refusals in AppSync's shape; the process keeps serving.
const localApi = useLocalApiProcess();
const origin = () => new URL(localApi().url).origin;
const host = () => new URL(localApi().url).host;

const expectStillServing = () => expectServing(localApi());

const paths = fc.oneof(
  fc.constantFrom(
    '/graphql',
    '/graphql',
    '/',
    '/config.json',
    '/app/',
    '/app/index.html',
    '/app/../config.json',
    '/graphql/realtime',
    '//graphql',
    '/graphql?x=1',
    '/favicon.ico',
    '/graphiql/page.js',
    '/%00',
    '/%zz',
  ),
  fc.webPath(),
  fc.string({ maxLength: 30 }).map((text) => `/${encodeURIComponent(text)}`),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    'application/json',
    'application/json; charset=latin1',
    'text/plain',
    '',
    '*/*',
    'Bearer x',
    'AWS4-HMAC-SHA256 Credential=x',
  ),
);
const headerName = fc.constantFrom(
  'content-type',
  'authorization',
  'x-api-key',
  'x-amz-date',
  'x-amz-security-token',
  'origin',
  'accept',
  'content-encoding',
  'x-amz-target',
  'sec-websocket-protocol',
  'x-forwarded-for',
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom('{"query":"{ __typename }"}', '{"query":"{ listMemos { items { memoId } } }"}', '{"AuthFlow":"USER_PASSWORD_AUTH"}'),
);

describe('fuzzing the HTTP endpoint (fast-check, fixed seed)', () => {
  it('answers random methods, paths, headers and bodies without a 5xx, refusals in AppSync shape', async () => {
    let sentCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        paths,
        fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
        fc.boolean(),
        body,
        async (method, path, headers, signedIn, payload) => {
          const sent = { ...headers, ...(signedIn ? await localApi().authHeaders('alice') : {}) };
          const withBody = method !== 'GET' && method !== 'HEAD' && payload !== undefined;
          let answer;
          try {
            answer = await request(`${origin()}${path}`, { method, headers: sent, ...(withBody ? { body: payload } : {}) });
          } catch (error) {
            // fetch itself refuses some header values (not ByteStrings): nothing was sent.
            if (error instanceof TypeError && /header|ByteString|Invalid/i.test(String(error.message) + String(error.cause))) return;
            throw error;
          }
          sentCount++;
          const context = `${method} ${path} ${JSON.stringify(sent).slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          if (method === 'HEAD') expect(answer.status, context).toBeLessThan(500);
          else expectWellFormed(answer, context);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
    expect(sentCount).toBeGreaterThan(250);
    await expectStillServing();
  }, 180_000);

  it('answers mutated raw requests (bytes flipped, inserted, cut) with an HTTP answer below 500, or closes', async () => {
    const token = (await localApi().tokens('alice')).idToken;
    const json = '{"query":"{ listMemos(limit: 2) { items { memoId } } }"}';
    const seeds = [
      `POST /graphql HTTP/1.1\r\nHost: ${host()}\r\ncontent-type: application/json\r\nauthorization: ${token}\r\ncontent-length: ${json.length}\r\n\r\n${json}`,
      `GET /config.json HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
      `GET /graphql/realtime HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n`,
      `OPTIONS /graphql HTTP/1.1\r\nHost: ${host()}\r\nOrigin: http://elsewhere.example\r\nAccess-Control-Request-Method: POST\r\n\r\n`,
    ].map((text) => Buffer.from(text, 'latin1'));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
    );
    const seen = { answered: 0, closed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), async (seed, edits) => {
        let bytes = Buffer.from(seed);
        for (const change of edits) {
          const at = change.at % (bytes.length + 1);
          if (change.kind === 'flip' && at < bytes.length) bytes[at] = bytes[at]! ^ change.bits;
          if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
          if (change.kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)]);
        }
        const answer = await rawExchange(origin(), bytes, ANSWER_BOUND_MS);
        const context = `${JSON.stringify(bytes.toString('latin1').slice(0, 300))} → ${answer.text.slice(0, 300)}`;
        if (answer.text === '') return void seen.closed++; // closed without an answer: cut short by its own framing
        seen.answered++;
        expect(answer.status, context).toBeDefined();
        expect(answer.status!, context).toBeLessThan(500);
        if (answer.status! >= 400) expect(answer.headers['x-amzn-errortype'], context).toBeDefined();
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
    // Not vacuous: most mutated requests got an answer that was checked.
    expect(seen.answered).toBeGreaterThan(seen.closed);
    await expectStillServing();
  }, 180_000);

  it('never accepts a token with a changed claim, however it is changed', async () => {
    const { idToken, accessToken } = await localApi().tokens('alice');
    let forgeries = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(idToken, accessToken),
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        async (token, at, replacement) => {
          // A character of the header or claims (never the last of its segment, whose spare bits may not count).
          const signed = token.slice(0, token.lastIndexOf('.'));
          const segmentEnds = new Set([signed.indexOf('.') - 1, signed.length - 1]);
          const index = at % signed.length;
          if (signed[index] === '.' || segmentEnds.has(index) || signed[index] === replacement) return;
          const forged = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
          forgeries++;
          const answer = await request(localApi().url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: forged },
            body: '{"query":"mutation { createMemo(input: { content: \\"forged\\" }) { memoId } }"}',
          });
          expect(answer.status).toBe(401);
          expect(answer.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
        },
      ),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
    expect(forgeries).toBeGreaterThan(100);
    const { body } = await postGraphQL(
      localApi().url,
      { query: '{ listMemos(limit: 100) { items { content } } }' },
      await localApi().authHeaders('alice'),
    );
    expect(body.data.listMemos.items.map(({ content }: { content: string }) => content)).not.toContain('forged');
  }, 120_000);
});
