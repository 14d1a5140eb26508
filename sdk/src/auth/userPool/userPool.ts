import type { MemoClientConfig } from '../../core/config.js';
import { UserPoolError } from './userPoolError.js';

/** A user pool's app client: where Cognito's API is, and which client signs in. */
export interface UserPool {
  /** Cognito's endpoint: the config's userPoolEndpoint, or `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly endpoint: string;
  readonly clientId: string;
}

/**
 * The user pool a client config names: the local runtime's (its `userPoolEndpoint`) or Amazon
 * Cognito's in the config's region.
 *
 * @throws {Error} when the config names no app client (`userPoolClientId`)
 * @example
 * const pool = userPoolOf(await loadMemoClientConfig(configUrl));
 */
export function userPoolOf(config: MemoClientConfig): UserPool {
  if (!config.userPoolClientId) throw new Error('The memo client config names no user pool app client (userPoolClientId)');
  return { endpoint: config.userPoolEndpoint ?? cognitoEndpoint(config.region), clientId: config.userPoolClientId };
}

/** Amazon Cognito's user-pool API endpoint in `region`. */
export function cognitoEndpoint(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/`;
}

/**
 * One call of Cognito's JSON protocol (POST, the action in `X-Amz-Target`), which the local pool
 * speaks too. A non-2xx answer becomes a UserPoolError named after its `__type`.
 */
export async function callUserPool<T>(pool: UserPool, action: string, body: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(pool.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new UserPoolError('NetworkError', 'The user pool cannot be reached. Check your connection and try again.', { cause: error });
  }
  const answer = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!response.ok) {
    // Cognito may prefix the name with its namespace (`…#NotAuthorizedException`).
    const type = answer.__type?.split('#').pop() ?? `HTTP ${response.status}`;
    throw new UserPoolError(type, answer.message ?? `The user pool answered HTTP ${response.status}`);
  }
  return answer;
}
