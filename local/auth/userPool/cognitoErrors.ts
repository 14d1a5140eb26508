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
  | 'UnknownOperationException'
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
