/**
 * The Cognito error types this pool answers with. Clients switch on these names: the AWS SDK v3
 * turns `__type` into an exception class, Amplify into `error.name`.
 */
export type CognitoErrorType =
  | 'NotAuthorizedException'
  | 'UsernameExistsException'
  | 'InvalidPasswordException'
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'UnsupportedTokenTypeException'
  | 'UserNotFoundException'
  | 'UnknownOperationException'
  // The admin actions' SigV4 check, in AWS's words: no signature, an unknown key, a bad signature.
  | 'MissingAuthenticationTokenException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'SerializationException'
  | 'InternalErrorException';

/** An error Cognito would return: HTTP 400 (500 for InternalErrorException) with `{ __type, message }`. */
export class CognitoError extends Error {
  readonly type: CognitoErrorType;

  constructor(type: CognitoErrorType, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CognitoError';
    this.type = type;
  }
}

/** Cognito's words when the username or password is wrong, and also for an unknown user (it prevents user-existence errors). */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/** Cognito's wording for a missing or empty request member. */
export function missingParameter(member: string): CognitoError {
  return new CognitoError(
    'InvalidParameterException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

/** Cognito's words for an admin action on a user the pool does not hold. */
export const USER_NOT_FOUND = 'User does not exist.';

/**
 * A right password of a user created by an administrator who has not yet set a permanent one
 * (FORCE_CHANGE_PASSWORD): Cognito answers the sign-in with the NEW_PASSWORD_REQUIRED challenge.
 */
export class PasswordChangeRequired extends Error {
  constructor(readonly username: string) {
    super(`${username} must set a new password`);
    this.name = 'PasswordChangeRequired';
  }
}
