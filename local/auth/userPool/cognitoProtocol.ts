import { randomUUID } from 'node:crypto';
import type { SignedRequest } from '../iam/sigv4Verifier.js';
import { ADMIN_ACTIONS } from './adminActions.js';
import { CognitoError } from './cognitoErrors.js';
import { authenticationResult, authParameter, checkClient, passwordSignInAnswer, refreshAnswer, required } from './cognitoRequest.js';
import type { CognitoAction, CognitoPoolOperations, CognitoRequest } from './poolOperations.js';
import type { CognitoReply } from './types.js';
import { attributesFromWire, attributesToWire } from './userAttributes.js';

export type { CognitoPoolOperations } from './poolOperations.js';

/** Prefix of every `X-Amz-Target` of the Cognito user-pool API. */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Cognito's JSON flavour; the AWS SDK and Amplify send and expect it. */
export const AMZ_JSON = 'application/x-amz-json-1.1';

type Request = CognitoRequest;
type Action = CognitoAction;

/** The public actions this pool speaks (with ADMIN_ACTIONS); any other target is an UnknownOperationException, as on Cognito. */
const ACTIONS: Readonly<Record<string, Action>> = {
  InitiateAuth: initiateAuth,
  SignUp: signUp,
  GetUser: getUser,
  // Amplify v6 refreshes sessions with this action rather than REFRESH_TOKEN_AUTH.
  GetTokensFromRefreshToken: async (pool, request) => {
    checkClient(pool, request);
    return { AuthenticationResult: authenticationResult(await pool.refresh(required(request, 'RefreshToken', 'refreshToken'))) };
  },
  // Amplify's signOut revokes the refresh token when tokens carry origin_jti.
  RevokeToken: async (pool, request) => {
    const token = required(request, 'Token', 'token');
    checkClient(pool, request);
    if (token.split('.').length === 3) throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked');
    await pool.revokeRefreshToken(token);
    return {};
  },
  GlobalSignOut: async (pool, request) => {
    await pool.signOutEverywhere(required(request, 'AccessToken', 'accessToken'));
    return {};
  },
};

/** InitiateAuth flows that exist on Cognito but are not offered by this pool (SRP needs a client-side proof exchange). */
const FLOWS_NOT_ENABLED = new Set(['USER_SRP_AUTH', 'CUSTOM_AUTH', 'USER_AUTH', 'ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']);

/**
 * One Cognito API call in, one reply out, in Cognito's wire format: 200 with the action's JSON, or
 * 400 with `{ __type, message }` plus an `x-amzn-errortype` header (what the AWS SDK v3 and Amplify
 * read to name the error). An admin action runs only for a request `signed` by the pool's admin
 * principal (checked before anything else, as AWS authenticates before it reads the request).
 * Never throws: an unexpected failure is a 500 InternalErrorException whose cause is in
 * `internalError` for the server's log.
 */
export async function handleCognitoRequest(
  pool: CognitoPoolOperations,
  target: string,
  body: unknown,
  signed?: SignedRequest,
): Promise<CognitoReply> {
  const requestId = randomUUID();
  try {
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const admin = Object.hasOwn(ADMIN_ACTIONS, name) ? ADMIN_ACTIONS[name] : undefined;
    const action = admin ?? (Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined);
    if (!action) throw new CognitoError('UnknownOperationException', `Unknown operation ${JSON.stringify(target.slice(0, 100))}`);
    if (admin) await pool.checkAdminSignature(signed);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new CognitoError('SerializationException', 'The request body must be a JSON object');
    return { status: 200, headers: { 'content-type': AMZ_JSON, 'x-amzn-requestid': requestId }, body: await action(pool, body as Request) };
  } catch (error) {
    if (error instanceof CognitoError)
      return errorReply(requestId, error.type === 'InternalErrorException' ? 500 : 400, error.type, error.message);
    return { ...errorReply(requestId, 500, 'InternalErrorException', 'Internal error in the local user pool'), internalError: error };
  }
}

async function initiateAuth(pool: CognitoPoolOperations, request: Request): Promise<unknown> {
  const flow = required(request, 'AuthFlow', 'authFlow');
  checkClient(pool, request);
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return passwordSignInAnswer(pool, authParameter(request, 'USERNAME'), authParameter(request, 'PASSWORD'));
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshAnswer(pool, request);
    default:
      if (FLOWS_NOT_ENABLED.has(flow)) throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
      throw new CognitoError(
        'InvalidParameterException',
        `1 validation error detected: Value '${flow.slice(0, 100)}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN]`,
      );
  }
}

async function signUp(pool: CognitoPoolOperations, request: Request): Promise<unknown> {
  const username = required(request, 'Username', 'username');
  const password = required(request, 'Password', 'password');
  checkClient(pool, request);
  const sub = await pool.signUp(username, password, attributesFromWire(request.UserAttributes));
  return { UserConfirmed: true, UserSub: sub };
}

async function getUser(pool: CognitoPoolOperations, request: Request): Promise<unknown> {
  const user = await pool.userOfAccessToken(required(request, 'AccessToken', 'accessToken'));
  return { Username: user.username, UserAttributes: attributesToWire(user.sub, user.attributes) };
}

function errorReply(requestId: string, status: number, type: string, message: string): CognitoReply {
  return {
    status,
    headers: { 'content-type': AMZ_JSON, 'x-amzn-requestid': requestId, 'x-amzn-errortype': type },
    body: { __type: type, message },
  };
}
