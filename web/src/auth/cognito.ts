/**
 * The few Cognito user pool calls the app makes, in Cognito's own wire protocol (JSON over POST,
 * the action in `X-Amz-Target`): the local runtime's pool and Amazon Cognito answer the same way.
 * On AWS the deployed pool accepts USER_PASSWORD_AUTH only when deployed with
 * `-c allowPasswordAuth=true` (docs/sign-in.md); SRP is not implemented here.
 */

export interface UserPool {
  /** Cognito's endpoint: the config's userPoolEndpoint, or `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly endpoint: string;
  readonly clientId: string;
}

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the ID and access tokens expire, in ms since the epoch. */
  readonly expiresAt: number;
}

/** A refusal from the pool: `type` is Cognito's exception name (NotAuthorizedException, UsernameExistsException, …). */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

interface AuthenticationResult {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

/** Signs in with a password (USER_PASSWORD_AUTH). @throws {CognitoError} */
export async function signInWithPassword(pool: UserPool, username: string, password: string): Promise<Tokens> {
  const body = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } };
  return tokensOf(await call<{ AuthenticationResult?: AuthenticationResult }>(pool, 'InitiateAuth', body));
}

/** Fresh ID and access tokens for the same session (REFRESH_TOKEN_AUTH); the refresh token stays. @throws {CognitoError} */
export async function refreshTokens(pool: UserPool, refreshToken: string): Promise<Tokens> {
  const body = { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } };
  return tokensOf(await call<{ AuthenticationResult?: AuthenticationResult }>(pool, 'InitiateAuth', body), refreshToken);
}

/** Registers a user; `confirmed` is false when the pool sends a code first (Amazon Cognito). @throws {CognitoError} */
export async function signUp(pool: UserPool, username: string, password: string): Promise<{ confirmed: boolean }> {
  const answer = await call<{ UserConfirmed?: boolean }>(pool, 'SignUp', { ClientId: pool.clientId, Username: username, Password: password });
  return { confirmed: answer.UserConfirmed === true };
}

/** Ends the session on the pool's side: the refresh token (and tokens refreshed from it) no longer work. @throws {CognitoError} */
export async function revokeToken(pool: UserPool, refreshToken: string): Promise<void> {
  await call(pool, 'RevokeToken', { ClientId: pool.clientId, Token: refreshToken });
}

function tokensOf(answer: { AuthenticationResult?: AuthenticationResult }, refreshToken?: string): Tokens {
  const result = answer.AuthenticationResult;
  // A challenge (new password, MFA) is what Amazon Cognito may answer instead; the app handles none.
  if (!result) throw new CognitoError('ChallengeNotSupported', 'The user pool asks for a step this app does not support');
  const refresh = result.RefreshToken ?? refreshToken;
  if (!refresh) throw new CognitoError('InvalidResponse', 'The user pool returned no refresh token');
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: refresh, expiresAt: Date.now() + result.ExpiresIn * 1000 };
}

async function call<T>(pool: UserPool, action: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(pool.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoError('NetworkError', 'The user pool cannot be reached. Check your connection and try again.');
  }
  const answer = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!response.ok) throw new CognitoError(answer.__type?.split('#').pop() ?? `HTTP ${response.status}`, answer.message ?? `The user pool answered HTTP ${response.status}`);
  return answer;
}
