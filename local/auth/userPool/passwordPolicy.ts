/**
 * The deployed pool's password policy (infra/memoUserPool.ts reads MIN_PASSWORD_LENGTH from here):
 * at least 12 characters with upper case, lower case, a digit and a symbol. Symbols are Cognito's list (`^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ \` = + -`
 * and a non-leading, non-trailing space).
 */
export const MIN_PASSWORD_LENGTH = 12;

const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-');

/**
 * Why `password` breaks the policy, in Cognito's words (the message of its
 * InvalidPasswordException), or undefined when it is acceptable. Checks run in Cognito's order.
 */
export function passwordPolicyViolation(password: string): string | undefined {
  const prefix = 'Password did not conform with policy: ';
  // Cognito counts characters, not UTF-16 units.
  if ([...password].length < MIN_PASSWORD_LENGTH) return `${prefix}Password not long enough`;
  if (password !== password.trim()) return `${prefix}Password must not begin or end with a space`;
  if (!/[A-Z]/.test(password)) return `${prefix}Password must have uppercase characters`;
  if (!/[a-z]/.test(password)) return `${prefix}Password must have lowercase characters`;
  if (!/[0-9]/.test(password)) return `${prefix}Password must have numeric characters`;
  if (![...password].some((char) => SYMBOLS.has(char) || char === ' ')) return `${prefix}Password must have symbol characters`;
  return undefined;
}
