import type { LocalIamPrincipal } from './iam/iamCredentials.js';
import { verifyRealtimeConnect, verifyRealtimeStart } from './iam/sigv4Realtime.js';
import { verifySigV4 } from './iam/sigv4Verifier.js';
import type { LocalUserPool } from './userPool/userPool.js';
import type { AuthModeVerifier, AuthModeVerifiers } from './authModeVerifier.js';
import { headerValue } from './headerValue.js';

const SIGV4_PREFIX = 'AWS4-HMAC-SHA256 ';
/** A JWT (three base64url parts), raw as AppSync's SDKs send it or after `Bearer `. */
const JWT = /^\s*(?:bearer\s+)?[\w-]+\.[\w-]+\.[\w-]*\s*$/i;

export interface ApiAuthModesOptions {
  readonly userPool: LocalUserPool;
  readonly principal: LocalIamPrincipal;
  /** The GraphQL endpoint's path, which IAM clients sign (also for real-time). */
  readonly graphqlPath: string;
}

/**
 * The memo API's two modes, as infra configures them: Amazon Cognito user pools (the default; an
 * ID or access token in `Authorization`) and AWS IAM (a SigV4 signature by the local principal).
 * There is no API key. Never by decoding alone: every credential is verified.
 */
export function apiAuthModes({ userPool, principal, graphqlPath }: ApiAuthModesOptions): AuthModeVerifiers {
  return { AMAZON_COGNITO_USER_POOLS: userPoolVerifier(userPool), AWS_IAM: iamVerifier(principal, graphqlPath) };
}

function userPoolVerifier(pool: LocalUserPool): AuthModeVerifier {
  const verifyHeaders = (headers: Readonly<Record<string, unknown>>) => pool.verifyToken(headerValue(headers, 'authorization') ?? '');
  return {
    recognizes: (authorization) => JWT.test(authorization),
    http: (request) => verifyHeaders(request.headers),
    realtimeConnect: (header) => verifyHeaders(header),
    realtimeStart: (authorization) => verifyHeaders(authorization),
  };
}

function iamVerifier(principal: LocalIamPrincipal, graphqlPath: string): AuthModeVerifier {
  return {
    recognizes: (authorization) => authorization.startsWith(SIGV4_PREFIX),
    http: (request) => verifySigV4(request, principal),
    realtimeConnect: (header, host) => verifyRealtimeConnect(header, principal, { graphqlPath, ...(host ? { host } : {}) }),
    realtimeStart: (authorization, data) => verifyRealtimeStart(authorization, data, principal, { graphqlPath }),
  };
}
