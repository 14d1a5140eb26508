import { signInWithPassword, userPoolOf } from '@memo-api/client';
import type { ClientConfig } from '../../local/http/clientConfig.js';

/** The user the bench calls the API as. */
export interface BenchUser {
  /** The ID token, sent raw in Authorization: every endpoint request pays for its verification. */
  readonly idToken: string;
  /** The token's `sub`: the ownerId of every memo the bench creates or seeds. */
  readonly sub: string;
}

/**
 * Signs in as the runtime's first user with the SDK's user-pool client, as any Cognito client does
 * (USER_PASSWORD_AUTH at the pool's endpoint). The token is valid for an hour, longer than a run.
 */
export async function signInFirstUser(config: ClientConfig): Promise<BenchUser> {
  const user = config.users[0];
  if (!user) throw new Error('the local runtime has no users to sign in as');
  const { idToken } = await signInWithPassword(userPoolOf(config), user.username, user.password);
  const { sub } = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
  return { idToken, sub };
}
