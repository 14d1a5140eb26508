/**
 * The user pool's password policy, a fact clients can check before they call SignUp (a sign-up
 * form can say what is missing at once): at least 12 characters with an upper-case letter, a
 * lower-case letter, a digit and a symbol. The deployed pool (infra/memoUserPool.ts) and the local
 * one take it from here.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/** Cognito's symbols; a space also counts when it neither leads nor trails the password. */
export const PASSWORD_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';
