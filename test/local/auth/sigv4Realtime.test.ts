import { describe, expect, it } from 'vitest';
import { verifyRealtimeConnect, verifyRealtimeStart } from '../../../local/auth/iam/sigv4Realtime.js';
import { realtimeHeaderProtocol, signRealtimeConnect, signRealtimeStart } from '../../../sdk/src/auth/sigv4.js';
import { expectRejected, GRAPHQL_URL, principal, SIGNED_AT } from './sigv4Fixtures.js';

const signing = { graphqlUrl: GRAPHQL_URL, credentials: principal, region: 'us-east-1', now: SIGNED_AT };
const options = { now: SIGNED_AT };
const data = JSON.stringify({ query: 'subscription { onCreateMemo { memoId title } }', variables: {} });

describe('verifyRealtimeConnect', () => {
  it('accepts the header of a signed POST of {} to <graphql endpoint>/connect, as sent in the subprotocol', async () => {
    const protocol = realtimeHeaderProtocol(await signRealtimeConnect(signing));
    // The runtime decodes the subprotocol as it decodes `?header=` (local/realtime.ts).
    const header: unknown = JSON.parse(Buffer.from(protocol.slice('header-'.length), 'base64').toString('utf8'));
    await expect(verifyRealtimeConnect(header, principal, options)).resolves.toMatchObject({
      userArn: principal.userArn,
      cognitoIdentityId: null,
    });
  });

  it('accepts a configured GraphQL path and checks the signed host when asked', async () => {
    const header = await signRealtimeConnect({ ...signing, graphqlUrl: 'http://127.0.0.1:4000/api/graphql' });
    await expect(
      verifyRealtimeConnect(header, principal, { ...options, graphqlPath: '/api/graphql', host: '127.0.0.1:4000' }),
    ).resolves.toBeDefined();
  });

  it.each<[string, () => Promise<unknown>, RegExp, object?]>([
    [
      'a start authorization replayed as the connect header',
      () => signRealtimeStart({ ...signing, data: '{}' }),
      /signature does not match/,
    ],
    [
      'a header signed for another GraphQL path',
      () => signRealtimeConnect(signing),
      /signature does not match/,
      { graphqlPath: '/v2/graphql' },
    ],
    ['a header whose signed host is not the expected one', () => signRealtimeConnect(signing), /host/, { host: 'localhost:4000' }],
    [
      'a header with a changed signed value',
      async () => ({ ...(await signRealtimeConnect(signing)), accept: '*/*' }),
      /signature does not match/,
    ],
    [
      'a header whose signed value is not a string',
      async () => ({ ...(await signRealtimeConnect(signing)), 'content-encoding': 1 }),
      /content-encoding is not in the request/,
    ],
    ['a stale header', () => signRealtimeConnect({ ...signing, now: new Date(SIGNED_AT.getTime() - 301_000) }), /in the past/],
    [
      'an API-key header',
      () => Promise.resolve({ host: '127.0.0.1:4000', 'x-amz-date': '20260319T120000Z', 'x-api-key': 'da2-xyz' }),
      /no Authorization/,
    ],
    ['a header that is not an object', () => Promise.resolve(['authorization']), /not an object/],
  ])('rejects %s', async (_name, header, reason, extra = {}) => {
    await expectRejected(verifyRealtimeConnect(await header(), principal, { ...options, ...extra }), reason);
  });
});

describe('verifyRealtimeStart', () => {
  it('accepts the authorization of a signed POST of payload.data to the GraphQL endpoint, with unsigned extras', async () => {
    const authorization = { ...(await signRealtimeStart({ ...signing, data })), 'x-amz-user-agent': 'aws-amplify/6.0 api/1' };
    await expect(verifyRealtimeStart(authorization, data, principal, options)).resolves.toMatchObject({ username: principal.username });
  });

  it.each<[string, () => Promise<unknown>, unknown, RegExp]>([
    ['tampered data', () => signRealtimeStart({ ...signing, data }), data.replace('title', 'content'), /signature does not match/],
    [
      'the authorization of another subscription',
      () => signRealtimeStart({ ...signing, data: JSON.stringify({ query: 'subscription { onDeleteMemo { memoId } }' }) }),
      data,
      /signature does not match/,
    ],
    ['the connect header replayed as a start authorization', () => signRealtimeConnect(signing), '{}', /signature does not match/],
    ['data that is not a string', () => signRealtimeStart({ ...signing, data }), JSON.parse(data), /data is not a string/],
    ['a missing authorization', () => Promise.resolve(undefined), data, /not an object/],
  ])('rejects %s', async (_name, authorization, startData, reason) => {
    await expectRejected(verifyRealtimeStart(await authorization(), startData, principal, options), reason);
  });
});
