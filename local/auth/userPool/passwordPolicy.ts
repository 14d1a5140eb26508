import { PASSWORD_POLICY, PASSWORD_SYMBOLS } from '@memo-api/client';

const SYMBOLS = new Set(PASSWORD_SYMBOLS);

/**
 * Why `password` breaks the pool's policy (the SDK's PASSWORD_POLICY, which the deployed pool
 * also takes), in Cognito's words (the message of its InvalidPasswordException), or undefined
 * when it is acceptable. Checks run in Cognito's order.
 */
export function passwordPolicyViolation(password: string): string | undefined {
  const prefix = 'Password did not conform with policy: ';
  // Cognito counts characters, not UTF-16 units.
  if ([...password].length < PASSWORD_POLICY.minLength) return `${prefix}Password not long enough`;
  if (password !== password.trim()) return `${prefix}Password must not begin or end with a space`;
  if (PASSWORD_POLICY.requireUppercase && !/[A-Z]/.test(password)) return `${prefix}Password must have uppercase characters`;
  if (PASSWORD_POLICY.requireLowercase && !/[a-z]/.test(password)) return `${prefix}Password must have lowercase characters`;
  if (PASSWORD_POLICY.requireDigits && !/[0-9]/.test(password)) return `${prefix}Password must have numeric characters`;
  if (PASSWORD_POLICY.requireSymbols && ![...password].some((char) => SYMBOLS.has(char) || char === ' '))
    return `${prefix}Password must have symbol characters`;
  return undefined;
}
