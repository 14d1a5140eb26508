/**
 * The user's `sub` (the user pool's id for them, which the API keeps as a memo's ownerId) read from
 * their ID token. The token is not verified here: the API verifies every request; this only names
 * the device's database, one per user, so another user's memos never share it.
 *
 * @throws {Error} when the token has no readable `sub`
 */
export function userSubOf(idToken: string): string {
  const payload = idToken.split('.')[1];
  const claims: unknown = payload === undefined ? undefined : JSON.parse(decodeBase64Url(payload));
  const sub = (claims as { sub?: unknown } | undefined)?.sub;
  if (typeof sub !== 'string' || sub === '') throw new Error('The ID token names no user (sub)');
  return sub;
}

function decodeBase64Url(text: string): string {
  const binary = atob(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
