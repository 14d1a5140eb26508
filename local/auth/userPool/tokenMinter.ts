import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { SigningKey } from './signingKey.js';
import type { SignInSession } from './refreshTokenStore.js';
import type { UserRecord } from './userStore.js';

/** Cognito's default access- and ID-token validity. */
export const TOKEN_VALIDITY_SECONDS = 3600;

/** The scope Cognito puts in access tokens from InitiateAuth: the user may call the user-pool APIs on themselves. */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** An access token and an ID token of one session. */
export interface MintedTokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly expiresIn: number;
}

/** Signs a session's tokens for a user. */
export type TokenMinter = (user: UserRecord, session: SignInSession) => Promise<MintedTokens>;

/**
 * Mints tokens with Cognito's claims, RS256-signed with the pool's key (`kid` in the header).
 * Each call is a new authentication event (new `jti`, `event_id`, `iat`); the session supplies
 * `origin_jti` and `auth_time`, which stay the same across refreshes, as in Cognito.
 */
export function createTokenMinter({ issuer, clientId, key }: { issuer: string; clientId: string; key: SigningKey }): TokenMinter {
  const sign = (payload: JWTPayload, iat: number) =>
    new SignJWT(payload)
      .setProtectedHeader({ kid: key.kid, alg: 'RS256' })
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_VALIDITY_SECONDS)
      .setJti(randomUUID())
      .sign(key.privateKey);

  return async (user, session) => {
    const iat = Math.floor(Date.now() / 1000);
    const common = { sub: user.sub, origin_jti: session.originJti, event_id: randomUUID(), auth_time: session.authTime };
    const { email } = user.attributes;
    const [accessToken, idToken] = await Promise.all([
      sign({ ...common, client_id: clientId, token_use: 'access', scope: USER_ADMIN_SCOPE, username: user.username }, iat),
      sign(
        {
          ...common,
          aud: clientId,
          token_use: 'id',
          'cognito:username': user.username,
          ...otherAttributes(user.attributes),
          // Sign-up is confirmed locally without a code, so a given address counts as verified.
          ...(email === undefined ? {} : { email, email_verified: true }),
        },
        iat,
      ),
    ]);
    return { accessToken, idToken, expiresIn: TOKEN_VALIDITY_SECONDS };
  };
}

function otherAttributes(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const { email: _email, ...rest } = attributes;
  return rest;
}
