import { describe, expect, it } from 'vitest';
import { verifySigV4, type SignedRequest, type VerifyOptions } from '../../../local/auth/iam/sigv4Verifier.js';
import {
  authorizationOf,
  BODY,
  expectRejected,
  principal,
  sdkSignedRequest,
  SIGNED_AT,
  signedRequest,
  withHeader,
} from './sigv4Fixtures.js';

const at = (offsetMs: number): VerifyOptions => ({ now: new Date(SIGNED_AT.getTime() + offsetMs) });
const withAuthorization = (request: SignedRequest, edit: (value: string) => string): SignedRequest =>
  withHeader(request, 'authorization', edit(authorizationOf(request)));

describe('verifySigV4 accepts', () => {
  it.each<[string, () => Promise<SignedRequest>, VerifyOptions?]>([
    ['a GraphQL POST signed as aws-appsync-auth-link signs it', () => signedRequest()],
    ['one that also signs x-amz-content-sha256 (the AWS SDK default)', () => signedRequest({ contentSha256: true })],
    [
      'one with a query string, repeated and encoded parameters included',
      () => signedRequest({ url: 'http://127.0.0.1:4000/graphql?b=x%20y&a=2&a=1&c' }),
    ],
    ['the body as bytes', async () => ({ ...(await signedRequest()), body: new TextEncoder().encode(BODY) })],
    [
      'header names in any case (Authorization, X-Amz-Date)',
      async () => {
        const request = await signedRequest();
        return withHeader(
          withHeader(request, 'Authorization', authorizationOf(request)),
          'X-Amz-Date',
          String(request.headers['x-amz-date']),
        );
      },
    ],
    [
      'unsigned extra headers, such as the user agent added after signing',
      async () => withHeader(await signedRequest(), 'x-amz-user-agent', 'aws-amplify/6'),
    ],
    ['a signature 4 min 59 s old', () => signedRequest(), at(299_000)],
    ['a signature 4 min 59 s ahead of the clock', () => signedRequest(), at(-299_000)],
    ['the expected region and host when asked for', () => signedRequest(), { now: SIGNED_AT, region: 'us-east-1', host: '127.0.0.1:4000' }],
  ])('%s', async (_name, request, options = at(0)) => {
    await expect(verifySigV4(await request(), principal, options)).resolves.toEqual({
      accountId: '000000000000',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: [],
      username: principal.username,
      userArn: principal.userArn,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    });
  });
});

describe('verifySigV4 rejects with SignatureRejected', () => {
  const cases: [string, () => Promise<SignedRequest>, RegExp, VerifyOptions?][] = [
    [
      'a changed signature',
      async () => withAuthorization(await signedRequest(), (value) => value.replace(/.$/, (last) => (last === '0' ? '1' : '0'))),
      /signature does not match/,
    ],
    [
      'a body changed after signing',
      async () => ({ ...(await signedRequest()), body: BODY.replace('memoId', 'title') }),
      /signature does not match/,
    ],
    [
      'a body changed after signing with x-amz-content-sha256',
      async () => ({ ...(await signedRequest({ contentSha256: true })), body: `${BODY} ` }),
      /x-amz-content-sha256 is not the SHA-256/,
    ],
    [
      'an x-amz-content-sha256 of UNSIGNED-PAYLOAD',
      async () => withHeader(await signedRequest(), 'x-amz-content-sha256', 'UNSIGNED-PAYLOAD'),
      /x-amz-content-sha256/,
    ],
    [
      'a changed query parameter',
      async () => ({ ...(await signedRequest({ url: 'http://127.0.0.1:4000/graphql?a=1' })), path: '/graphql?a=2' }),
      /signature does not match/,
    ],
    ['an added query string', async () => ({ ...(await signedRequest()), path: '/graphql?a=1' }), /signature does not match/],
    ['a changed method', async () => ({ ...(await signedRequest()), method: 'PUT' }), /signature does not match/],
    ['a changed path', async () => ({ ...(await signedRequest()), path: '/graphql/connect' }), /signature does not match/],
    ['a path without a leading slash', async () => ({ ...(await signedRequest()), path: 'graphql' }), /path/],
    [
      'a changed value of a signed header',
      async () => withHeader(await signedRequest(), 'content-type', 'text/plain'),
      /signature does not match/,
    ],
    ['another host', async () => withHeader(await signedRequest(), 'host', 'localhost:4000'), /signature does not match/],
    [
      'a header added to SignedHeaders that was not signed',
      async () =>
        withAuthorization(withHeader(await signedRequest(), 'x-amz-user-agent', 'aws-amplify/6'), (value) =>
          value.replace('x-amz-date', 'x-amz-date;x-amz-user-agent'),
        ),
      /signature does not match/,
    ],
    [
      'a SignedHeaders entry the request lacks',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('x-amz-date', 'x-amz-date;x-custom')),
      /x-custom is not in the request/,
    ],
    ['a signature more than 5 minutes old', () => signedRequest(), /in the past/, at(300_001)],
    ['a signature more than 5 minutes in the future', () => signedRequest(), /in the future/, at(-300_001)],
    [
      'a credential scope day other than the x-amz-date day',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('/20260319/', '/20260318/')),
      /scope day/,
    ],
    [
      'an unknown access key',
      () => signedRequest({ credentials: { ...principal, accessKeyId: 'AKIAOTHEROTHEROTHER1' } }),
      /unknown access key/,
    ],
    [
      'the right key with the wrong secret',
      () => signedRequest({ credentials: { ...principal, secretAccessKey: `${principal.secretAccessKey.slice(1)}x` } }),
      /signature does not match/,
    ],
    ['a signature for execute-api', () => sdkSignedRequest({ service: 'execute-api' }), /service execute-api, not appsync/],
    [
      'another region than the expected one',
      () => signedRequest({ region: 'eu-west-1' }),
      /region eu-west-1, not us-east-1/,
      { now: SIGNED_AT, region: 'us-east-1' },
    ],
    [
      'another host than the expected one',
      () => signedRequest(),
      /host 127.0.0.1:4000 is not example.com/,
      { now: SIGNED_AT, host: 'example.com' },
    ],
    ['no Authorization header', async () => withHeader(await signedRequest(), 'authorization', undefined), /no Authorization/],
    [
      'an Authorization header in two spellings',
      async () => {
        const request = await signedRequest();
        return { ...request, headers: { ...request.headers, Authorization: authorizationOf(request) } };
      },
      /appears twice/,
    ],
    [
      'an Authorization without Signature',
      async () => withAuthorization(await signedRequest(), (value) => value.replace(/, Signature=.*$/, '')),
      /lacks Signature/,
    ],
    [
      'an Authorization without SignedHeaders',
      async () => withAuthorization(await signedRequest(), (value) => value.replace(/ SignedHeaders=[^,]*,/, '')),
      /lacks SignedHeaders/,
    ],
    [
      'an Authorization without Credential',
      async () => withAuthorization(await signedRequest(), (value) => value.replace(/Credential=[^,]*, /, '')),
      /lacks Credential/,
    ],
    [
      'a lowercased algorithm',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('AWS4-HMAC-SHA256', 'aws4-hmac-sha256')),
      /does not start with/,
    ],
    [
      'another algorithm',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')),
      /does not start with/,
    ],
    [
      'a duplicate Signature part',
      async () => withAuthorization(await signedRequest(), (value) => `${value}, Signature=${'0'.repeat(64)}`),
      /duplicate Authorization part Signature/,
    ],
    [
      'an unknown part',
      async () => withAuthorization(await signedRequest(), (value) => `${value}, Expires=60`),
      /unknown Authorization part Expires/,
    ],
    [
      'a part without a value',
      async () => withAuthorization(await signedRequest(), (value) => value.replace(/Signature=.*$/, 'Signature=')),
      /malformed Authorization part/,
    ],
    [
      'a credential scope without aws4_request',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('/aws4_request', '')),
      /malformed Credential/,
    ],
    [
      'an uppercase hex signature',
      async () =>
        withAuthorization(await signedRequest(), (value) =>
          value.replace(/Signature=(.*)$/, (_all, hex: string) => `Signature=${hex.toUpperCase()}`),
        ),
      /malformed Signature/,
    ],
    [
      'unsorted SignedHeaders',
      async () => withAuthorization(await signedRequest(), (value) => value.replace('content-type;host', 'host;content-type')),
      /not sorted/,
    ],
    ['a bearer token', async () => withHeader(await signedRequest(), 'authorization', 'Bearer eyJhbGciOi'), /does not start with/],
    [
      'SignedHeaders without host',
      () => sdkSignedRequest({ headers: { 'content-type': 'application/json' } }),
      /host is not among the signed headers/,
    ],
    ['no x-amz-date header', async () => withHeader(await signedRequest(), 'x-amz-date', undefined), /no x-amz-date/],
    [
      'an x-amz-date in extended ISO format',
      async () => withHeader(await signedRequest(), 'x-amz-date', '2026-03-19T12:00:00Z'),
      /malformed x-amz-date/,
    ],
    ['an impossible x-amz-date', async () => withHeader(await signedRequest(), 'x-amz-date', '20260230T120000Z'), /not a real date/],
    [
      'a signed session token (the local principal has none)',
      () => sdkSignedRequest({ sessionToken: 'FwoGZXIvYXdzEXAMPLE' }),
      /x-amz-security-token/,
    ],
    [
      'an unsigned session token',
      async () => withHeader(await signedRequest(), 'x-amz-security-token', 'FwoGZXIvYXdzEXAMPLE'),
      /x-amz-security-token/,
    ],
  ];

  it.each(cases)('%s', async (_name, request, reason, options = at(0)) => {
    await expectRejected(verifySigV4(await request(), principal, options), reason);
  });
});

describe('verifySigV4 with temporary credentials (LOCAL_IAM_SESSION_TOKEN)', () => {
  const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLEtemporary';
  const temporary = { ...principal, sessionToken: SESSION_TOKEN };
  const signedWith = (sessionToken: string) => signedRequest({ credentials: { ...principal, sessionToken } });

  it('accepts a request that carries and signs the session token', async () => {
    const request = await signedWith(SESSION_TOKEN);
    expect(authorizationOf(request)).toContain('x-amz-security-token');
    await expect(verifySigV4(request, temporary, at(0))).resolves.toMatchObject({ userArn: principal.userArn });
  });

  it.each<[string, () => Promise<SignedRequest>, RegExp]>([
    ['no session token (as AWS refuses temporary keys without theirs)', () => signedRequest(), /credentials are temporary/],
    ['another session token', () => signedWith(`${SESSION_TOKEN}x`), /not the local principal's session token/],
    [
      'the token header removed after signing it',
      async () => withHeader(await signedWith(SESSION_TOKEN), 'x-amz-security-token', undefined),
      /x-amz-security-token is not in the request/,
    ],
  ])('rejects %s', async (_name, request, reason) => {
    await expectRejected(verifySigV4(await request(), temporary, at(0)), reason);
  });
});
