/**
 * A refusal from the user pool, or a failure to reach it. `type` is Cognito's exception name
 * (`NotAuthorizedException`, `UsernameExistsException`, `InvalidPasswordException`, …), or one of the
 * client's own: `NetworkError` (no answer), `ChallengeNotSupported` (the pool asks for a step such as
 * MFA or a new password), `InvalidResponse` (an answer without tokens).
 *
 * @example
 * try {
 *   await signInWithPassword(pool, 'alice', password);
 * } catch (error) {
 *   if (error instanceof UserPoolError && error.type === 'NotAuthorizedException') showWrongPassword();
 * }
 */
export class UserPoolError extends Error {
  constructor(
    readonly type: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserPoolError';
  }
}
