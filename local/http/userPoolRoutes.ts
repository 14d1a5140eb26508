import type { IncomingMessage } from 'node:http';
import type { LocalUserPool } from '../auth/userPool/userPool.js';
import { utf8Text } from './utf8Body.js';

/** Cognito's API is one JSON-over-POST endpoint at the root, the action named by this header. */
export const COGNITO_TARGET_HEADER = 'x-amz-target';

/**
 * Browsers (a front end on a Vite dev server, Amplify Auth) call the user pool from other
 * origins, as they call Cognito: the same CORS as Cognito's endpoint.
 */
export const USER_POOL_CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent, cache-control',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
  'access-control-max-age': '86400',
};

/** Whether a request is a call to the local user pool's Cognito API. */
export function isUserPoolCall(request: IncomingMessage, pathname: string): boolean {
  return (
    pathname === '/' &&
    (request.method === 'OPTIONS' || (request.method === 'POST' && request.headers[COGNITO_TARGET_HEADER] !== undefined))
  );
}

/** The pool's well-known documents, by path: the JWKS and an OpenID discovery document, as Cognito publishes them. */
export function wellKnownDocument(pool: LocalUserPool, pathname: string): unknown {
  const prefix = `/${pool.userPoolId}/.well-known/`;
  if (!pathname.startsWith(prefix)) return undefined;
  switch (pathname.slice(prefix.length)) {
    case 'jwks.json':
      return pool.jwks();
    case 'openid-configuration':
      return {
        issuer: pool.issuer,
        jwks_uri: `${pool.issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['code', 'token'],
      };
    default:
      return undefined;
  }
}

/** Answers one Cognito API call; the body is the request's raw JSON text (also what an admin call's signature covers). */
export function answerUserPoolCall(pool: LocalUserPool, request: IncomingMessage, body: Buffer) {
  let parsed: unknown;
  try {
    const text = utf8Text(body);
    parsed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const target = request.headers[COGNITO_TARGET_HEADER];
  const signed = { method: request.method ?? 'POST', path: request.url ?? '/', headers: request.headers, body };
  return pool.handleRequest(Array.isArray(target) ? target[0] : target, parsed, signed);
}
