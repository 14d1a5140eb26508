import { callUserPool, type UserPool } from './userPool.js';
import { UserPoolError } from './userPoolError.js';

/**
 * A signed-in user's tokens. Send `idToken` (or `accessToken`) raw in Authorization; keep
 * `refreshToken` to get fresh ones.
 */
export interface UserPoolTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the ID and access tokens expire, in ms since the epoch. */
  readonly expiresAt: number;
}

interface AuthenticationResult {
  readonly IdToken: string;
  readonly AccessToken: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn: number;
}

type InitiateAuthAnswer = { readonly AuthenticationResult?: AuthenticationResult };

/**
 * Signs a user in with their password (Cognito's InitiateAuth, USER_PASSWORD_AUTH; on AWS the app
 * client must allow that flow, docs/sign-in.md).
 *
 * @throws {UserPoolError} `NotAuthorizedException` for a wrong password, `UserNotFoundException`, `NetworkError`, …
 * @example
 * const tokens = await signInWithPassword(userPoolOf(config), 'alice', password);
 * const client = createMemoClient(config, { auth: userPoolAuth(() => tokens.idToken) });
 */
export async function signInWithPassword(pool: UserPool, username: string, password: string): Promise<UserPoolTokens> {
  const body = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } };
  return tokensOf(await callUserPool<InitiateAuthAnswer>(pool, 'InitiateAuth', body));
}

/**
 * Fresh ID and access tokens for the same sign-in (InitiateAuth, REFRESH_TOKEN_AUTH); the refresh
 * token stays the same.
 *
 * @throws {UserPoolError} `NotAuthorizedException` once the refresh token is revoked or expired
 * @example
 * const fresh = await refreshUserPoolTokens(pool, tokens.refreshToken);
 */
export async function refreshUserPoolTokens(pool: UserPool, refreshToken: string): Promise<UserPoolTokens> {
  const body = { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } };
  return tokensOf(await callUserPool<InitiateAuthAnswer>(pool, 'InitiateAuth', body), refreshToken);
}

/**
 * Registers a user (SignUp). `confirmed` is false when the pool sends a code first (Amazon Cognito
 * with verification); the local pool confirms at once.
 *
 * @throws {UserPoolError} `UsernameExistsException`, `InvalidPasswordException`, …
 * @example
 * const { confirmed } = await signUpWithPassword(pool, 'carol', password);
 */
export async function signUpWithPassword(pool: UserPool, username: string, password: string): Promise<{ confirmed: boolean }> {
  const answer = await callUserPool<{ UserConfirmed?: boolean }>(pool, 'SignUp', {
    ClientId: pool.clientId,
    Username: username,
    Password: password,
  });
  return { confirmed: answer.UserConfirmed === true };
}

/**
 * Ends a sign-in on the pool's side (RevokeToken): the refresh token no longer refreshes. ID and
 * access tokens already issued stay valid until they expire, as on Amazon Cognito.
 *
 * @throws {UserPoolError}
 * @example
 * await signOut(pool, tokens.refreshToken);
 */
export async function signOut(pool: UserPool, refreshToken: string): Promise<void> {
  await callUserPool(pool, 'RevokeToken', { ClientId: pool.clientId, Token: refreshToken });
}

function tokensOf(answer: InitiateAuthAnswer, refreshToken?: string): UserPoolTokens {
  const result = answer.AuthenticationResult;
  // A challenge (new password, MFA) is what Amazon Cognito may answer instead; this client handles none.
  if (!result) throw new UserPoolError('ChallengeNotSupported', 'The user pool asks for a sign-in step this client does not support');
  const refresh = result.RefreshToken ?? refreshToken;
  if (!refresh) throw new UserPoolError('InvalidResponse', 'The user pool returned no refresh token');
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: refresh,
    expiresAt: Date.now() + result.ExpiresIn * 1000,
  };
}
