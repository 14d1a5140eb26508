/** Cognito's username constraint: 1–128 letters, marks, symbols, digits or punctuation (no spaces). */
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const MAX_USERNAME_LENGTH = 128;

/** Why `username` is not a valid Cognito username, or undefined when it is. */
export function usernameViolation(username: string): string | undefined {
  if (username === '') return 'the username is empty';
  if ([...username].length > MAX_USERNAME_LENGTH) return `the username is longer than ${MAX_USERNAME_LENGTH} characters`;
  if (!USERNAME.test(username)) return 'the username may hold only letters, digits, symbols and punctuation (no spaces)';
  return undefined;
}
