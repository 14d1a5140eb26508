import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { Json } from 'aws-jwt-verify/safe-json-parse';
import { JwtVerifier } from 'aws-jwt-verify';
import { LruCache } from '../../lruCache.js';
import type { PublicJwks, UserPoolIdentity } from './types.js';

/** Why a token was refused: for logs, never for the client (AppSync answers every case alike). */
export type TokenRejectionReason =
  | 'missing'
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-client'
  | 'wrong-token-use';

/** The one error every bad user-pool token raises. */
export class TokenRejected extends Error {
  readonly reason: TokenRejectionReason;

  constructor(reason: TokenRejectionReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenRejected';
    this.reason = reason;
  }
}

/** What a verifier trusts: one pool's issuer, its app client and its public keys. */
export interface UserPoolTokenVerifierOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwks: PublicJwks;
}

/**
 * Verifies an `Authorization` header value (the token raw, or after `Bearer `) and returns the
 * caller's AppSync identity.
 *
 * @throws TokenRejected for any token that is not a valid ID or access token of the pool.
 */
export type UserPoolTokenVerifier = (authorization: string) => Promise<UserPoolIdentity>;

/**
 * A verifier for one user pool's ID and access tokens, as AppSync checks them in
 * AMAZON_COGNITO_USER_POOLS mode: RS256 signature by a key of the JWKS, issuer, expiry, not-before,
 * `token_use` of `id` or `access`, and the app client (`aud` of ID tokens, `client_id` of access tokens).
 *
 * The keys are loaded once (`cacheJwks`) and verification is synchronous: aws-jwt-verify's JWKS
 * fetcher is HTTPS-only and a local issuer is plain HTTP, and no request should ever fetch keys.
 *
 * @example
 * const verify = createUserPoolTokenVerifier({ issuer: pool.issuer, clientId: pool.clientId, jwks: pool.jwks() });
 * const identity = await verify(request.headers.authorization ?? '');
 */
export function createUserPoolTokenVerifier({ issuer, clientId, jwks }: UserPoolTokenVerifierOptions): UserPoolTokenVerifier {
  const verifier = JwtVerifier.create({
    issuer,
    // The app client is checked below, per token_use: ID tokens carry it in aud, access tokens in client_id.
    audience: null,
    customJwtCheck: ({ payload }) => checkCognitoClaims(payload, clientId),
  });
  // A private, validated copy: a malformed JWKS fails here, at start, not on the first request.
  const keys = JSON.parse(JSON.stringify(jwks)) as Json;
  assertIsJwks(keys);
  verifier.cacheJwks(keys);

  const verified = new LruCache<string, UserPoolIdentity>(VERIFIED_TOKENS_KEPT);
  // async although nothing is awaited: a rejected token must reach callers as a rejection, never a throw.
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (authorization) => {
    const token = tokenFromAuthorization(authorization);
    if (token === '') throw new TokenRejected('missing', 'No token in the Authorization header');
    const known = verified.get(token);
    if (known) {
      if ((known.claims.exp as number) > Date.now() / 1000) return known;
      verified.delete(token);
    }
    let claims: JwtPayload;
    try {
      claims = verifier.verifySync(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      throw new TokenRejected(reasonFor(error), error instanceof Error ? error.message : String(error), { cause: error });
    }
    const identity = deepFreeze(identityFrom(claims));
    verified.set(token, identity);
    return identity;
  };
}

/**
 * Tokens verified, kept until they expire: a client sends the same token with every request for
 * up to an hour, and its RS256 check (~30 µs) was the largest single cost of a signed-in request.
 * Only tokens that passed are kept (a flood of bad ones cannot evict good ones' keys or grow the
 * map), keyed by the whole token, so a hit is the very string that was verified; everything the
 * check decided stays true until `exp` (signature, issuer, client, `iat` not in the future) and
 * `exp` is checked on every hit. Identities are frozen: every request shares the object.
 */
const VERIFIED_TOKENS_KEPT = 1000;

/**
 * The token in an `Authorization` header value. AppSync takes the token raw (what Amplify and the
 * AppSync SDKs send) and, since 2022, also after a `Bearer ` prefix; both are accepted here.
 */
export function tokenFromAuthorization(authorization: string): string {
  return authorization.trim().replace(/^Bearer\s+/i, '');
}

function checkCognitoClaims(payload: JwtPayload, clientId: string): void {
  validateCognitoJwtFields(payload, { tokenUse: null, clientId, groups: null });
  // aws-jwt-verify accepts a token without exp and ignores iat; Cognito tokens always carry both,
  // and one issued in the future is forged or from a skewed clock.
  if (typeof payload.exp !== 'number') throw new TokenRejected('malformed', 'Token has no exp claim');
  if (typeof payload.iat !== 'number') throw new TokenRejected('malformed', 'Token has no iat claim');
  if (payload.iat > Date.now() / 1000) throw new TokenRejected('not-yet-valid', `Token issued in the future (iat ${payload.iat})`);
  const username = payload.token_use === 'id' ? payload['cognito:username'] : payload.username;
  if (typeof payload.sub !== 'string' || typeof username !== 'string') throw new TokenRejected('malformed', 'Token lacks sub or username');
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function identityFrom(claims: JwtPayload): UserPoolIdentity {
  const username = claims.token_use === 'id' ? claims['cognito:username'] : claims.username;
  const groups = claims['cognito:groups'];
  return {
    sub: claims.sub as string,
    issuer: claims.iss as string,
    username: username as string,
    claims,
    sourceIp: [],
    defaultAuthStrategy: 'ALLOW',
    groups: Array.isArray(groups) ? groups.map(String) : null,
  };
}

const REASONS: readonly [new (...args: never[]) => Error, TokenRejectionReason][] = [
  [JwtExpiredError, 'expired'],
  [JwtNotBeforeError, 'not-yet-valid'],
  [JwtInvalidIssuerError, 'wrong-issuer'],
  [CognitoJwtInvalidClientIdError, 'wrong-client'],
  [CognitoJwtInvalidTokenUseError, 'wrong-token-use'],
  [JwtInvalidSignatureAlgorithmError, 'unsupported-algorithm'],
  [JwtInvalidSignatureError, 'bad-signature'],
  [KidNotFoundInJwksError, 'unknown-key'],
  [JwtWithoutValidKidError, 'unknown-key'],
  [JwtParseError, 'malformed'],
];

function reasonFor(error: unknown): TokenRejectionReason {
  return REASONS.find(([type]) => error instanceof type)?.[1] ?? 'malformed';
}
