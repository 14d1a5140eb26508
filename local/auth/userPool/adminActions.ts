import { CognitoError } from './cognitoErrors.js';
import { authParameter, checkClient, checkPool, passwordSignInAnswer, refreshAnswer, required } from './cognitoRequest.js';
import type { CognitoAction, CognitoRequest } from './poolOperations.js';
import { attributesFromWire, attributesToWire } from './userAttributes.js';

/**
 * The admin actions this pool speaks: what an operator's script (`npm run verify`) calls with IAM
 * credentials. Only SigV4-signed calls by the local IAM principal reach them (cognitoProtocol.ts
 * checks the signature first).
 */
export const ADMIN_ACTIONS: Readonly<Record<string, CognitoAction>> = {
  async AdminCreateUser(pool, request) {
    checkPool(pool, request);
    const username = required(request, 'Username', 'username');
    const action = request.MessageAction;
    // No message is ever sent locally: SUPPRESS and no action at all behave alike; RESEND needs an invitation to resend.
    if (action !== undefined && action !== 'SUPPRESS')
      throw new CognitoError(
        'InvalidParameterException',
        `MessageAction ${JSON.stringify(action).slice(0, 20)} is not supported by the local user pool`,
      );
    const temporary = optionalString(request, 'TemporaryPassword');
    const user = await pool.admin.createUser(username, temporary, attributesFromWire(request.UserAttributes));
    return {
      User: {
        Username: user.username,
        Attributes: attributesToWire(user.sub, user.attributes),
        UserCreateDate: Date.parse(user.createdAt) / 1000,
        UserLastModifiedDate: Date.parse(user.updatedAt) / 1000,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      },
    };
  },
  async AdminSetUserPassword(pool, request) {
    checkPool(pool, request);
    const username = required(request, 'Username', 'username');
    const password = required(request, 'Password', 'password');
    await pool.admin.setPassword(username, password, request.Permanent === true);
    return {};
  },
  async AdminDeleteUser(pool, request) {
    checkPool(pool, request);
    await pool.admin.deleteUser(required(request, 'Username', 'username'));
    return {};
  },
  async AdminInitiateAuth(pool, request) {
    checkPool(pool, request);
    checkClient(pool, request);
    const flow = required(request, 'AuthFlow', 'authFlow');
    switch (flow) {
      case 'ADMIN_USER_PASSWORD_AUTH':
        return passwordSignInAnswer(pool, authParameter(request, 'USERNAME'), authParameter(request, 'PASSWORD'));
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return refreshAnswer(pool, request);
      default:
        throw new CognitoError('InvalidParameterException', `${flow.slice(0, 100)} flow not enabled for this client`);
    }
  },
};

function optionalString(request: CognitoRequest, member: string): string | undefined {
  const value = request[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new CognitoError('InvalidParameterException', `${member} must be a string`);
  return value;
}
