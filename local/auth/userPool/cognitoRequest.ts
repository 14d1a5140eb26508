import { randomBytes } from 'node:crypto';
import { CognitoError, missingParameter, PasswordChangeRequired } from './cognitoErrors.js';
import type { CognitoPoolOperations, CognitoRequest } from './poolOperations.js';
import type { MintedTokens } from './tokenMinter.js';

// Reading a request and writing a reply's parts, as every action (public or admin) does.

/** A non-empty string member; `wireName` is how Cognito's validation message spells it. */
export function required(request: CognitoRequest, member: string, wireName: string): string {
  const value = request[member];
  if (typeof value !== 'string' || value === '') throw missingParameter(wireName);
  return value;
}

/** A request's app client must be this pool's: Cognito answers any other with ResourceNotFoundException. */
export function checkClient(pool: CognitoPoolOperations, request: CognitoRequest): void {
  const clientId = required(request, 'ClientId', 'clientId');
  if (clientId !== pool.clientId)
    throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId.slice(0, 128)} does not exist.`);
}

/** An admin request's pool must be this one: Cognito answers any other with ResourceNotFoundException. */
export function checkPool(pool: CognitoPoolOperations, request: CognitoRequest): void {
  const userPoolId = required(request, 'UserPoolId', 'userPoolId');
  if (userPoolId !== pool.userPoolId)
    throw new CognitoError('ResourceNotFoundException', `User pool ${userPoolId.slice(0, 128)} does not exist.`);
}

/** One of `AuthParameters`' members, required non-empty. */
export function authParameter(request: CognitoRequest, name: string): string {
  const parameters = (
    typeof request.AuthParameters === 'object' && request.AuthParameters !== null ? request.AuthParameters : {}
  ) as CognitoRequest;
  const value = parameters[name];
  if (typeof value !== 'string' || value === '') throw new CognitoError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

export function authenticationResult(tokens: MintedTokens) {
  return { AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn, IdToken: tokens.idToken, TokenType: 'Bearer' };
}

/** The answer to a refresh (InitiateAuth or AdminInitiateAuth with REFRESH_TOKEN_AUTH): fresh tokens of the same session. */
export async function refreshAnswer(pool: CognitoPoolOperations, request: CognitoRequest): Promise<unknown> {
  return {
    ChallengeParameters: {},
    AuthenticationResult: authenticationResult(await pool.refresh(authParameter(request, 'REFRESH_TOKEN'))),
  };
}

/**
 * The answer to a password sign-in (InitiateAuth USER_PASSWORD_AUTH, AdminInitiateAuth
 * ADMIN_USER_PASSWORD_AUTH): the tokens, or Cognito's NEW_PASSWORD_REQUIRED challenge for a user
 * an administrator created with a temporary password (this pool answers no challenge: set a
 * permanent password with AdminSetUserPassword).
 */
export async function passwordSignInAnswer(pool: CognitoPoolOperations, username: string, password: string): Promise<unknown> {
  try {
    const { refreshToken, ...tokens } = await pool.signIn(username, password);
    return { ChallengeParameters: {}, AuthenticationResult: { ...authenticationResult(tokens), RefreshToken: refreshToken } };
  } catch (error) {
    if (!(error instanceof PasswordChangeRequired)) throw error;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: randomBytes(32).toString('base64url'),
      ChallengeParameters: { USER_ID_FOR_SRP: username, requiredAttributes: '[]', userAttributes: '{}' },
    };
  }
}
