/**
 * The path of a request target, or undefined when it is no URL at all (`http://%zz/`,
 * `http://[::1/graphql`): Node's parser passes such targets on, and `new URL` throws on them.
 */
export function requestPath(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://local').pathname;
  } catch {
    return undefined;
  }
}
