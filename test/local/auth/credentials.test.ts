import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { refreshUserPoolTokens } from '@memo-api/client';
import {
  base64url,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAppSyncRequest, signRealtimeConnect, signRealtimeStart, type SigningCredentials } from '../../../sdk/src/auth/sigv4.js';
import type { ClientConfig } from '../../../local/http/clientConfig.js';
import { MEMO_CLIENT_CONFIG_KEYS } from '../../../sdk/src/core/config.js';
import { iamHeaders, signIn, TEST_IAM, TEST_USERS, type TestUsername, type UserTokens } from '../../helpers/localCredentials.js';
import { AppSyncRealtimeClient, iamAuth, tokenAuth, type RealtimeAuth } from '../helpers/appSyncRealtimeClient.js';
import { startLocalApiProcess, temporaryDataDir, type GraphQLResponseBody, type LocalApiProcess } from '../helpers/localApiProcess.js';
import { forgedToken, handMadeJws } from './helpers/forgedTokens.js';

// Every credential AppSync refuses, refused here the same way: HTTP 401 UnauthorizedException, a
// real-time connection_error or start error, and nothing runs. Forged tokens are signed with the
// runtime's own key (read from its DATA_DIR) and differ from real ones in exactly one respect.
let api: LocalApiProcess;
let dataDir: Awaited<ReturnType<typeof temporaryDataDir>>;
let tokens: UserTokens;
let subs: Record<TestUsername, string>;
let poolKey: CryptoKey;
let poolPublicJwk: Record<string, string>;
let kid: string;
let host: string;
const clients: AppSyncRealtimeClient[] = [];

beforeAll(async () => {
  dataDir = await temporaryDataDir();
  api = await startLocalApiProcess({ dataDir: dataDir.path });
  host = new URL(api.url).host;
  tokens = await api.tokens('alice');
  subs = { alice: decodeJwt(tokens.idToken).sub!, bob: decodeJwt((await api.tokens('bob')).idToken).sub! };
  const { kty, n, e, ...privateJwk } = JSON.parse(await readFile(join(dataDir.path, 'local-auth', 'signing-key.json'), 'utf8'));
  kid = privateJwk.kid;
  poolPublicJwk = { kty, n, e };
  poolKey = (await importJWK({ kty, n, e, ...privateJwk }, 'RS256')) as CryptoKey;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await api?.stop();
  await dataDir?.remove();
});

const UNAUTHORIZED = { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
const now = () => Math.floor(Date.now() / 1000);
const SIX_MINUTES_AGO = () => new Date(Date.now() - 6 * 60_000);
const UNKNOWN_KEY: SigningCredentials = { ...TEST_IAM, accessKeyId: 'AKIAUNKNOWNUNKNOWN00' };
const WRONG_SECRET: SigningCredentials = { ...TEST_IAM, secretAccessKey: `${TEST_IAM.secretAccessKey.slice(0, -1)}1` };

/** A real token's claims with `changes` applied, signed with the pool's key unless told otherwise. */
const forged = (kind: 'idToken' | 'accessToken', changes: JWTPayload, options?: Parameters<typeof forgedToken>[3]) =>
  forgedToken({ key: poolKey, kid, tokens }, kind, changes, options);

/** The token with its payload rewritten after signing. */
function tamper(token: string, changes: object): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  return [header, base64url.encode(JSON.stringify({ ...decodeJwt(`${header}.${payload}.`), ...changes })), signature].join('.');
}

/** One character of the signature changed (in the middle: the last one may only carry padding bits). */
function withBadSignature(token: string): string {
  const at = token.lastIndexOf('.') + 10;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

/** The key-confusion attack: HMAC keyed with the RSA public key a verifier might misuse as a secret. */
async function hs256WithPublicKey(): Promise<string> {
  const pem = await exportSPKI((await importJWK(poolPublicJwk, 'RS256')) as CryptoKey);
  return handMadeJws({ alg: 'HS256', kid }, decodeJwt(tokens.idToken), (input) =>
    createHmac('sha256', pem).update(input).digest('base64url'),
  );
}

/** The SigV4 headers with the signature's last hex digit changed. */
function withBadSigV4(headers: Record<string, string>): Record<string, string> {
  const authorization = headers.authorization!;
  return { ...headers, authorization: `${authorization.slice(0, -1)}${authorization.endsWith('0') ? '1' : '0'}` };
}

const bearer = (token: string) => ({ authorization: token });

/** [case, the auth headers] of user-pool callers: none verifies. */
const BAD_TOKENS: [string, () => Promise<Record<string, string>> | Record<string, string>][] = [
  ['no Authorization header', () => ({})],
  ['an API key (the API has none)', () => ({ 'x-api-key': 'da2-abcdefghijklmnopqrstuvwxyz' })],
  ['an API key in Authorization', () => bearer('da2-abcdefghijklmnopqrstuvwxyz')],
  ['an empty Authorization header', () => bearer('')],
  ['Bearer without a token', () => bearer('Bearer ')],
  ['garbage', () => bearer('not.a.jwt')],
  ['an expired ID token', async () => bearer(await forged('idToken', { iat: now() - 7200, exp: now() - 3600 }))],
  ['an expired access token', async () => bearer(await forged('accessToken', { iat: now() - 7200, exp: now() - 3600 }))],
  ['a token valid only later (nbf)', async () => bearer(await forged('idToken', { nbf: now() + 600 }))],
  ['a token issued in the future (iat)', async () => bearer(await forged('accessToken', { iat: now() + 600, exp: now() + 4200 }))],
  ['a token with a changed signature', () => bearer(withBadSignature(tokens.idToken))],
  [
    "a token signed by another key under the pool's kid",
    async () => bearer(await forged('idToken', {}, { key: (await generateKeyPair('RS256')).privateKey })),
  ],
  ['alg none', () => bearer(handMadeJws({ alg: 'none', kid }, decodeJwt(tokens.idToken), () => ''))],
  ['alg none with a signature', () => bearer(handMadeJws({ alg: 'none', kid }, decodeJwt(tokens.idToken), () => 'AAAA'))],
  ["HS256 keyed with the pool's public key", async () => bearer(await hs256WithPublicKey())],
  ['an unknown kid', async () => bearer(await forged('idToken', {}, { header: { alg: 'RS256', kid: 'someone-else' } }))],
  ['no kid', async () => bearer(await forged('idToken', {}, { header: { alg: 'RS256' } }))],
  [
    'another issuer',
    async () => bearer(await forged('idToken', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234' })),
  ],
  ['an ID token of another app client (aud)', async () => bearer(await forged('idToken', { aud: 'x'.repeat(26) }))],
  ['an access token of another app client (client_id)', async () => bearer(await forged('accessToken', { client_id: 'x'.repeat(26) }))],
  ['a token_use other than id or access', async () => bearer(await forged('accessToken', { token_use: 'refresh' }))],
  ['a refresh token', () => bearer(tokens.refreshToken)],
  ["an ID token with sub changed to bob's", () => bearer(tamper(tokens.idToken, { sub: subs.bob }))],
  ["an access token with username changed to bob's", () => bearer(tamper(tokens.accessToken, { username: 'bob' }))],
];

/** [case, a GraphQL POST of `body` as an IAM caller would send it, spoiled]: none verifies. */
const BAD_SIGNATURES: [string, (url: string, body: string) => Promise<{ url: string; body: string; headers: Record<string, string> }>][] = [
  ['a signature that does not match', async (url, body) => ({ url, body, headers: withBadSigV4(await iamHeaders(url, body)) })],
  ['a date 6 minutes in the past', async (url, body) => ({ url, body, headers: await sign({ url, body, now: SIX_MINUTES_AGO() }) })],
  [
    'a date 6 minutes in the future',
    async (url, body) => ({ url, body, headers: await sign({ url, body, now: new Date(Date.now() + 6 * 60_000) }) }),
  ],
  [
    'the body changed after signing',
    async (url, body) => ({ url, body, headers: await iamHeaders(url, body.replace('must not exist', 'must not exist!')) }),
  ],
  [
    'the query string changed after signing',
    async (url, body) => ({ url: `${url}?v=2`, body, headers: await iamHeaders(`${url}?v=1`, body) }),
  ],
  ['the path changed after signing', async (url, body) => ({ url, body, headers: await iamHeaders(`${url}/connect`, body) })],
  ['an unknown access key', async (url, body) => ({ url, body, headers: await sign({ url, body, credentials: UNKNOWN_KEY }) })],
  ['a wrong secret key', async (url, body) => ({ url, body, headers: await sign({ url, body, credentials: WRONG_SECRET }) })],
  [
    'a session token the principal has none of',
    async (url, body) => ({
      url,
      body,
      headers: await sign({ url, body, credentials: { ...TEST_IAM, sessionToken: 'FwoGZXIvYXdzEXAMPLE' } }),
    }),
  ],
];

function sign({
  url,
  body,
  now: signedAt,
  credentials = TEST_IAM,
}: {
  url: string;
  body: string;
  now?: Date;
  credentials?: SigningCredentials;
}) {
  return signAppSyncRequest({ url, body, credentials, region: 'us-east-1', now: signedAt });
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; errorType: string | null; body: GraphQLResponseBody }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as GraphQLResponseBody,
  };
}

/** How many memos alice and bob own, read by the back office (whose signature the positive cases check). */
async function memoCounts(): Promise<Record<TestUsername, number>> {
  const count = async (ownerId: string) => {
    const body = JSON.stringify({
      query: 'query ($ownerId: ID) { listMemos(ownerId: $ownerId, limit: 100) { items { memoId } } }',
      variables: { ownerId },
    });
    return (await post(api.url, body, await iamHeaders(api.url, body))).body.data.listMemos.items.length as number;
  };
  return { alice: await count(subs.alice), bob: await count(subs.bob) };
}

const createBody = (ownerId?: string) =>
  JSON.stringify({
    query: 'mutation ($input: CreateMemoInput!) { createMemo(input: $input) { memoId ownerId } }',
    variables: { input: { content: 'must not exist', ...(ownerId ? { ownerId } : {}) } },
  });

describe('HTTP: credentials that verify', () => {
  it.each<[string, () => Promise<Record<string, string>>]>([
    ['an ID token, raw in Authorization', () => Promise.resolve(bearer(tokens.idToken))],
    ['an access token, raw in Authorization', () => Promise.resolve(bearer(tokens.accessToken))],
    ['an ID token after Bearer', () => Promise.resolve(bearer(`Bearer ${tokens.idToken}`))],
    ['an access token after Bearer', () => Promise.resolve(bearer(`Bearer ${tokens.accessToken}`))],
  ])('accepts %s: the memo is created and owned by the user', async (_case, headers) => {
    const before = await memoCounts();
    const { status, body } = await post(api.url, createBody(), await headers());
    expect({ status, ownerId: body.data?.createMemo.ownerId }).toEqual({ status: 200, ownerId: subs.alice });
    expect(await memoCounts()).toEqual({ ...before, alice: before.alice + 1 });
  });

  // The query string is signed too: the case below that changes it is refused for that alone.
  it.each(['', '?v=1'])(
    'accepts a SigV4 signature by the local IAM principal (query string %j), acting for the owner it names',
    async (query) => {
      const body = createBody(subs.bob);
      const { status, body: answer } = await post(`${api.url}${query}`, body, await iamHeaders(`${api.url}${query}`, body));
      expect({ status, data: answer.data }).toEqual({
        status: 200,
        data: { createMemo: { memoId: expect.any(String), ownerId: subs.bob } },
      });
    },
  );
});

describe('HTTP: credentials that do not verify get 401 UnauthorizedException, and nothing runs', () => {
  it.each(BAD_TOKENS)('%s', async (_case, headers) => {
    const before = await memoCounts();
    expect(await post(api.url, createBody(), await headers())).toEqual({
      status: 401,
      errorType: 'UnauthorizedException',
      body: UNAUTHORIZED,
    });
    expect(await memoCounts()).toEqual(before);
  });

  it.each(BAD_SIGNATURES)('IAM: %s', async (_case, spoil) => {
    const before = await memoCounts();
    const request = await spoil(api.url, createBody(subs.alice));
    expect(await post(request.url, request.body, request.headers)).toEqual({
      status: 401,
      errorType: 'UnauthorizedException',
      body: UNAUTHORIZED,
    });
    expect(await memoCounts()).toEqual(before);
  });
});

const SUBSCRIPTION = 'subscription { onCreateMemo { memoId ownerId } }';
const START_REFUSED = { type: 'error', payload: { errors: [{ ...UNAUTHORIZED.errors[0], errorCode: 401 }] } };

async function connect(auth: RealtimeAuth): Promise<AppSyncRealtimeClient> {
  const client = await AppSyncRealtimeClient.connect(api.realtimeUrl, auth);
  clients.push(client);
  return client;
}

/** The same header at connect and at every start. */
const fixedAuth = (header: Record<string, string>): RealtimeAuth => ({
  connectHeader: () => Promise.resolve(header),
  startAuthorization: () => Promise.resolve(header),
});

async function expectConnectionRefused(auth: RealtimeAuth): Promise<void> {
  const client = await connect(auth);
  const refusal = await client.next((message) => message.type === 'connection_error');
  expect(refusal.payload).toEqual({ errors: [{ ...UNAUTHORIZED.errors[0], errorCode: 401 }] });
  expect(client.messages.map((message) => message.type)).toEqual(['connection_error']);
}

/**
 * Starts with `authorization` on an acknowledged connection, expects the refusal, then shows the
 * start left no subscription behind: a memo created afterwards reaches the connection's canary only.
 */
async function expectStartRefused(client: AppSyncRealtimeClient, canary: string, authorization: Record<string, string>): Promise<void> {
  const id = await client.start(SUBSCRIPTION, {}, authorization);
  expect(await client.next((message) => message.id === id)).toEqual({ ...START_REFUSED, id });
  const { body } = await post(api.url, createBody(), bearer(tokens.idToken));
  const { memoId } = body.data.createMemo;
  await client.next((message) => message.id === canary && message.payload?.data?.onCreateMemo?.memoId === memoId);
  expect(client.dataOf(id)).toEqual([]);
}

async function acknowledgedWithCanary(auth: RealtimeAuth): Promise<{ client: AppSyncRealtimeClient; canary: string }> {
  const client = await connect(auth);
  await client.next((message) => message.type === 'connection_ack');
  const canary = await client.start(SUBSCRIPTION);
  await client.next((message) => message.id === canary && message.type === 'start_ack');
  return { client, canary };
}

describe('real-time: user-pool credentials', () => {
  it.each([['ID token', 'idToken'] as const, ['access token', 'accessToken'] as const])(
    'accepts an %s at connect and at start',
    async (_case, kind) => {
      const { client, canary } = await acknowledgedWithCanary(tokenAuth(api.realtimeUrl, tokens[kind]));
      expect(client.messages.find((message) => message.id === canary)?.type).toBe('start_ack');
    },
  );

  it.each([['ID token', 'idToken'] as const, ['access token', 'accessToken'] as const])(
    'accepts an %s after Bearer at connect and at start, as on HTTP',
    async (_case, kind) => {
      const { client, canary } = await acknowledgedWithCanary(fixedAuth({ host, authorization: `Bearer ${tokens[kind]}` }));
      expect(client.messages.find((message) => message.id === canary)?.type).toBe('start_ack');
    },
  );

  it.each(BAD_TOKENS)('refuses connection_init with %s: connection_error', async (_case, headers) => {
    await expectConnectionRefused(fixedAuth({ host, ...(await headers()) }));
  });

  describe('a start on an acknowledged connection', () => {
    let alice: { client: AppSyncRealtimeClient; canary: string };
    beforeAll(async () => {
      alice = await acknowledgedWithCanary(tokenAuth(api.realtimeUrl, tokens.idToken));
    });

    it.each(BAD_TOKENS)('with %s: error UnauthorizedException, no subscription', async (_case, headers) => {
      await expectStartRefused(alice.client, alice.canary, { host, ...(await headers()) });
    });
  });
});

describe('real-time: IAM credentials', () => {
  const connectWith = (
    spoil: (header: Record<string, string>) => Record<string, string>,
    options: { credentials?: SigningCredentials; now?: Date } = {},
  ): RealtimeAuth => ({
    connectHeader: async () =>
      spoil(
        await signRealtimeConnect({
          graphqlUrl: api.url,
          credentials: options.credentials ?? TEST_IAM,
          region: 'us-east-1',
          now: options.now,
        }),
      ),
    startAuthorization: () => Promise.resolve({}),
  });
  const same = (header: Record<string, string>) => header;

  it.each<[string, () => Promise<RealtimeAuth> | RealtimeAuth]>([
    ['a signature that does not match', () => connectWith(withBadSigV4)],
    ['a date 6 minutes in the past', () => connectWith(same, { now: SIX_MINUTES_AGO() })],
    ['an unknown access key', () => connectWith(same, { credentials: UNKNOWN_KEY })],
    ['a wrong secret key', () => connectWith(same, { credentials: WRONG_SECRET })],
    [
      'a signature of the GraphQL URL instead of /connect',
      async () => fixedAuth(await signRealtimeStart({ graphqlUrl: api.url, data: '{}', credentials: TEST_IAM, region: 'us-east-1' })),
    ],
  ])('refuses connection_init with %s: connection_error', async (_case, auth) => {
    await expectConnectionRefused(await auth());
  });

  describe('a start on an acknowledged connection', () => {
    let backOffice: { client: AppSyncRealtimeClient; canary: string };
    beforeAll(async () => {
      backOffice = await acknowledgedWithCanary(iamAuth(api.realtimeUrl));
    });
    const data = JSON.stringify({ query: SUBSCRIPTION, variables: {} });
    const signStart = (options: { data?: string; credentials?: SigningCredentials; now?: Date } = {}) =>
      signRealtimeStart({
        graphqlUrl: api.url,
        data: options.data ?? data,
        credentials: options.credentials ?? TEST_IAM,
        region: 'us-east-1',
        now: options.now,
      });

    it('accepts a start signed over its exact data (what the spoiled cases below start from)', async () => {
      const id = await backOffice.client.start(SUBSCRIPTION, {}, await signStart());
      expect(await backOffice.client.next((message) => message.id === id)).toEqual({ type: 'start_ack', id });
    });

    it.each<[string, () => Promise<Record<string, string>>]>([
      ['a signature that does not match', async () => withBadSigV4(await signStart())],
      ['a date 6 minutes in the past', () => signStart({ now: SIX_MINUTES_AGO() })],
      [
        'the data changed after signing',
        () => signStart({ data: JSON.stringify({ query: 'subscription { onDeleteMemo { memoId ownerId } }', variables: {} }) }),
      ],
      ['an unknown access key', () => signStart({ credentials: UNKNOWN_KEY })],
      ['a wrong secret key', () => signStart({ credentials: WRONG_SECRET })],
      ['the connect signature replayed', () => signRealtimeConnect({ graphqlUrl: api.url, credentials: TEST_IAM, region: 'us-east-1' })],
    ])('with %s: error UnauthorizedException, no subscription', async (_case, authorization) => {
      await expectStartRefused(backOffice.client, backOffice.canary, await authorization());
    });
  });
});

describe('the docs say what the runtime does with Bearer', () => {
  it('docs/sign-in.md and docs/deploy.md say the token goes raw or after Bearer, and never that Bearer is refused', async () => {
    const docs = Object.fromEntries(
      await Promise.all(
        ['sign-in.md', 'deploy.md'].map(
          async (name) => [name, await readFile(new URL(`../../../docs/${name}`, import.meta.url), 'utf8')] as const,
        ),
      ),
    );
    for (const [name, text] of Object.entries(docs)) expect(text, name).not.toMatch(/no [`"]?Bearer/i);
    expect(docs['sign-in.md']).toMatch(/raw \(what Amplify and AppSync's own\s+clients send\) or after `Bearer `/);
  });
});

describe('what the runtime publishes', () => {
  const configUrl = () => api.url.replace(/graphql$/, 'config.json');

  it.each<[string, boolean]>([
    ['a client that sends no Origin (curl, a script)', false],
    ['a page of its own origin', true],
  ])('serves /config.json with exactly the client settings, passwords included, to %s, without CORS', async (_case, sameOrigin) => {
    const response = await fetch(configUrl(), { headers: sameOrigin ? { origin: new URL(api.url).origin } : {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const config = (await response.json()) as ClientConfig;
    expect(Object.keys(config).sort()).toEqual([...MEMO_CLIENT_CONFIG_KEYS, 'users'].sort());
    expect(config).toEqual({
      graphqlUrl: api.url,
      realtimeUrl: api.realtimeUrl,
      region: 'us-east-1',
      userPoolId: expect.stringMatching(/^us-east-1_[A-Za-z0-9]{9}$/),
      userPoolClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
      userPoolEndpoint: api.url.replace(/graphql$/, ''),
      users: Object.entries(TEST_USERS).map(([username, password]) => ({ username, password })),
    });
  });

  it("serves /config.json to another origin with the API's CORS (preflight included), without the users' passwords", async () => {
    const elsewhere = { origin: 'http://localhost:5173' };
    const preflight = await fetch(configUrl(), {
      method: 'OPTIONS',
      headers: { ...elsewhere, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' },
    });
    expect({
      status: preflight.status,
      origin: preflight.headers.get('access-control-allow-origin'),
      methods: preflight.headers.get('access-control-allow-methods'),
      headers: preflight.headers.get('access-control-allow-headers'),
    }).toEqual({ status: 204, origin: '*', methods: 'GET, OPTIONS', headers: 'content-type' });
    const response = await fetch(configUrl(), { headers: elsewhere });
    const apiCors = (await fetch(api.url, { method: 'OPTIONS', headers: elsewhere })).headers.get('access-control-allow-origin');
    expect({
      status: response.status,
      origin: response.headers.get('access-control-allow-origin'),
      vary: response.headers.get('vary'),
    }).toEqual({ status: 200, origin: apiCors, vary: 'Origin' });
    const { users: _users, ...settings } = await api.config();
    expect(await response.json()).toEqual(settings);
  });

  it('serves the GraphiQL page at /, without CORS', async () => {
    const response = await fetch(api.url.replace(/graphql$/, ''), { headers: { origin: 'https://attacker.example' } });
    expect({
      status: response.status,
      type: response.headers.get('content-type'),
      cors: response.headers.get('access-control-allow-origin'),
    }).toEqual({ status: 200, type: 'text/html; charset=UTF-8', cors: null });
    expect(await response.text()).toContain('GraphiQL');
  });

  it("publishes the public key (and only it) that verifies the runtime's tokens, at the issuer's well-known JWKS", async () => {
    const { userPoolId, userPoolClientId } = await api.config();
    const issuer = `${api.url.replace(/\/graphql$/, '')}/${userPoolId}`;
    expect(decodeJwt(tokens.idToken).iss).toBe(issuer);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    const response = await fetch(discovery.jwks_uri);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as JSONWebKeySet;
    expect(jwks).toEqual({ keys: [{ ...poolPublicJwk, kid, alg: 'RS256', use: 'sig' }] });
    expect(decodeProtectedHeader(tokens.idToken)).toEqual({ alg: 'RS256', kid });
    await expect(jwtVerify(tokens.idToken, createLocalJWKSet(jwks), { issuer, audience: userPoolClientId })).resolves.toBeDefined();
    expect((await fetch(`${api.url.replace(/graphql$/, '')}us-east-1_Nothing00/.well-known/jwks.json`)).status).toBe(404);
  });

  it('keeps accepting tokens it issued after a restart on the same DATA_DIR (and port: the issuer names it)', async () => {
    const restartDir = await temporaryDataDir();
    try {
      const first = await startLocalApiProcess({ dataDir: restartDir.path });
      const before = await first.tokens('alice');
      const port = new URL(first.url).port;
      await first.stop();
      const second = await startLocalApiProcess({ dataDir: restartDir.path, env: { PORT: port } });
      try {
        const { status, body } = await post(second.url, createBody(), bearer(before.accessToken));
        expect({ status, ownerId: body.data?.createMemo.ownerId }).toEqual({ status: 200, ownerId: decodeJwt(before.idToken).sub });
        const { userPoolEndpoint, userPoolClientId } = await second.config();
        const refreshed = await refreshUserPoolTokens({ endpoint: userPoolEndpoint, clientId: userPoolClientId }, before.refreshToken);
        expect(decodeJwt(refreshed.idToken).sub).toBe(decodeJwt(before.idToken).sub);
      } finally {
        await second.stop();
      }
    } finally {
      await restartDir.remove();
    }
  }, 60_000);
});

describe("the AWS SDK's CognitoIdentityProviderClient against the running runtime", () => {
  let cognito: CognitoIdentityProviderClient;
  let clientId: string;
  beforeAll(async () => {
    const config = await api.config();
    clientId = config.userPoolClientId;
    cognito = new CognitoIdentityProviderClient({
      endpoint: config.userPoolEndpoint,
      region: config.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(() => cognito?.destroy());

  const createMemoWith = async (token: string) => {
    const { status, body } = await post(api.url, createBody(), bearer(token));
    expect(status).toBe(200);
    return body.data.createMemo as { memoId: string; ownerId: string };
  };

  it('signs in (USER_PASSWORD_AUTH), refreshes (REFRESH_TOKEN_AUTH), and the tokens call the API', async () => {
    const signedIn = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: TEST_USERS.alice },
      }),
    );
    const { IdToken, AccessToken, RefreshToken } = signedIn.AuthenticationResult!;
    expect((await createMemoWith(IdToken!)).ownerId).toBe(subs.alice);
    expect((await createMemoWith(AccessToken!)).ownerId).toBe(subs.alice);

    const refreshed = await cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken! } }),
    );
    expect(refreshed.AuthenticationResult!.IdToken).not.toBe(IdToken);
    expect((await createMemoWith(refreshed.AuthenticationResult!.IdToken!)).ownerId).toBe(subs.alice);
  });

  it('signs up a new user, who signs in and owns what they create, and sees only that', async () => {
    const username = `carol-${randomUUID().slice(0, 8)}`;
    const password = 'Carol-local-Passw0rd!';
    const { UserSub, UserConfirmed } = await cognito.send(
      new SignUpCommand({ ClientId: clientId, Username: username, Password: password }),
    );
    expect(UserConfirmed).toBe(true);
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    const created = await createMemoWith(AuthenticationResult!.IdToken!);
    expect(created.ownerId).toBe(UserSub);

    const list = JSON.stringify({ query: '{ listMemos { items { memoId ownerId } } }' });
    expect((await post(api.url, list, bearer(AuthenticationResult!.AccessToken!))).body).toEqual({
      data: { listMemos: { items: [created] } },
    });
    // The same sign-in the test helper uses (the SDK's) gets tokens for the same user.
    expect(decodeJwt((await signIn((await api.config()).userPoolEndpoint, clientId, username, password)).idToken).sub).toBe(UserSub);
  });
});
