import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppSyncIdentityCognito } from 'aws-lambda';
import { base64url, decodeJwt, exportSPKI, generateKeyPair, importJWK, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createUserPoolTokenVerifier,
  TokenRejected,
  type TokenRejectionReason,
  type UserPoolTokenVerifier,
} from '../../../local/auth/userPool/tokenVerifier.js';
import type { UserPoolIdentity } from '../../../local/auth/userPool/types.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { forgedToken, handMadeJws } from './helpers/forgedTokens.js';

// The pool's own key (read from its data directory) forges tokens that differ from real ones in
// exactly one respect, so each rejection below is for the stated reason and no other.
let dataDir: string;
let pool: LocalUserPool;
let verify: UserPoolTokenVerifier;
let poolKey: CryptoKey;
let kid: string;
let tokens: { accessToken: string; idToken: string; refreshToken: string };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-auth-verifier-'));
  pool = await LocalUserPool.open({
    dataDir,
    region: 'us-east-1',
    issuerOrigin: 'http://127.0.0.1:4000',
    seedUsers: [{ username: 'alice', password: 'Alice-password-1' }],
  });
  verify = createUserPoolTokenVerifier({ issuer: pool.issuer, clientId: pool.clientId, jwks: pool.jwks() });
  const privateJwk = JSON.parse(await readFile(join(dataDir, 'local-auth', 'signing-key.json'), 'utf8'));
  kid = privateJwk.kid;
  poolKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
  tokens = await pool.signIn('alice', 'Alice-password-1');
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);

/** A real token's claims with `changes` applied, signed with the pool's key unless told otherwise. */
const forged = (kind: 'idToken' | 'accessToken', changes: JWTPayload, options?: Parameters<typeof forgedToken>[3]) =>
  forgedToken({ key: poolKey, kid, tokens }, kind, changes, options);

async function rejectionOf(token: string): Promise<TokenRejected> {
  const error = await verify(token).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenRejected);
  return error as TokenRejected;
}

describe('createUserPoolTokenVerifier', () => {
  it("accepts the pool's ID token with AppSync's user-pool identity", async () => {
    const identity = await verify(tokens.idToken);
    const claims = decodeJwt(tokens.idToken);
    expect(identity).toEqual({
      sub: claims.sub,
      issuer: pool.issuer,
      username: 'alice',
      claims,
      sourceIp: [],
      defaultAuthStrategy: 'ALLOW',
      groups: null,
    });
    // Compile-time: usable wherever @types/aws-lambda's Cognito identity is expected.
    const asLambdaType: AppSyncIdentityCognito = identity;
    expect(asLambdaType.username).toBe('alice');
  });

  it("accepts the pool's access token, username from its username claim", async () => {
    const identity: UserPoolIdentity = await verify(tokens.accessToken);
    expect(identity).toMatchObject({ sub: decodeJwt(tokens.idToken).sub, username: 'alice', groups: null });
    expect(identity.claims).toMatchObject({ token_use: 'access', client_id: pool.clientId, scope: 'aws.cognito.signin.user.admin' });
  });

  it.each(['Bearer ', 'bearer ', '  '])('accepts the token after %j in the Authorization header', async (prefix) => {
    expect((await verify(`${prefix}${tokens.idToken}`)).username).toBe('alice');
  });

  it('passes cognito:groups through as groups', async () => {
    const identity = await verify(await forged('idToken', { 'cognito:groups': ['admins'] }));
    expect(identity.groups).toEqual(['admins']);
  });

  const cases: [string, () => Promise<string> | string, TokenRejectionReason][] = [
    ['an expired token', () => forged('accessToken', { iat: now() - 7200, exp: now() - 3600 }), 'expired'],
    ['a token valid only later (nbf)', () => forged('accessToken', { nbf: now() + 600 }), 'not-yet-valid'],
    ['a token issued in the future (iat)', () => forged('idToken', { iat: now() + 600, exp: now() + 4200 }), 'not-yet-valid'],
    ['a token without exp', () => forged('idToken', { exp: undefined }), 'malformed'],
    [
      'a signature by another key under the same kid',
      async () => forged('idToken', {}, { key: (await generateKeyPair('RS256')).privateKey }),
      'bad-signature',
    ],
    ['a tampered payload', () => tamper(tokens.idToken, { 'cognito:username': 'bob' }), 'bad-signature'],
    ['alg none', () => handMadeJws({ alg: 'none', kid }, decodeJwt(tokens.idToken), () => ''), 'malformed'],
    [
      'alg none with a signature',
      () => handMadeJws({ alg: 'none', kid }, decodeJwt(tokens.idToken), () => 'AAAA'),
      'unsupported-algorithm',
    ],
    ['HS256 keyed with the public key', () => hs256WithPublicKey(), 'unsupported-algorithm'],
    ['an unknown kid', () => forged('idToken', {}, { header: { alg: 'RS256', kid: 'someone-else' } }), 'unknown-key'],
    ['no kid', () => forged('idToken', {}, { header: { alg: 'RS256' } }), 'unknown-key'],
    ['another issuer', () => forged('idToken', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234' }), 'wrong-issuer'],
    ['an ID token of another app client (aud)', () => forged('idToken', { aud: 'x'.repeat(26) }), 'wrong-client'],
    ['an access token of another app client (client_id)', () => forged('accessToken', { client_id: 'x'.repeat(26) }), 'wrong-client'],
    ['a token_use other than id or access', () => forged('accessToken', { token_use: 'refresh' }), 'wrong-token-use'],
    ['a refresh token', () => tokens.refreshToken, 'malformed'],
    ['garbage', () => 'not.a.jwt', 'malformed'],
    ['an empty header', () => '', 'missing'],
    ['a bare Bearer', () => 'Bearer ', 'malformed'],
  ];

  it.each(cases)('rejects %s', async (_case, token, reason) => {
    const rejection = await rejectionOf(await token());
    expect(rejection.reason).toBe(reason);
    expect(rejection.name).toBe('TokenRejected');
  });
});

/** The signed token with a payload rewritten after signing. */
function tamper(token: string, changes: object): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return [header, base64url.encode(JSON.stringify({ ...claims, ...changes })), signature].join('.');
}

/** The classic key-confusion attack: HMAC keyed with the RSA public key a verifier might misuse as a secret. */
async function hs256WithPublicKey(): Promise<string> {
  const publicKey = (await importJWK({ ...(pool.jwks().keys[0] as object), alg: 'RS256' }, 'RS256')) as CryptoKey;
  const pem = await exportSPKI(publicKey);
  return handMadeJws({ alg: 'HS256', kid }, decodeJwt(tokens.idToken), (input) =>
    createHmac('sha256', pem).update(input).digest('base64url'),
  );
}

describe('verified tokens are kept until they expire', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a token seen before with the same identity, frozen so no request can change it for the next', async () => {
    const first = await verify(tokens.idToken);
    const again = await verify(`Bearer ${tokens.idToken}`);
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.claims)).toBe(true);
    expect(() => {
      (first.claims as Record<string, unknown>).sub = 'someone-else';
    }).toThrow(TypeError);
  });

  it('refuses a kept token once it has expired', async () => {
    const token = await forged('idToken', { exp: now() + 60 });
    await expect(verify(token)).resolves.toMatchObject({ username: 'alice' });
    vi.useFakeTimers({ now: (now() + 61) * 1000, toFake: ['Date'] });
    expect((await rejectionOf(token)).reason).toBe('expired');
  });

  it('still refuses every altered copy of a kept token', async () => {
    await verify(tokens.idToken);
    expect((await rejectionOf(tamper(tokens.idToken, { sub: 'someone-else' }))).reason).toBe('bad-signature');
    expect((await rejectionOf(`${tokens.idToken}x`)).reason).toBe('bad-signature');
  });
});
