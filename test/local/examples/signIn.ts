import { loadMemoClientConfig, signInWithPassword, userPoolOf } from '@memo-api/client';

/**
 * Signs in to the memo API's user pool with the SDK and returns the user's ID token: /config.json
 * names the pool, then InitiateAuth (USER_PASSWORD_AUTH) at its endpoint. The user is MEMO_USERNAME
 * from the environment, or the first user /config.json lists; the password MEMO_PASSWORD, or that
 * user's in /config.json.
 */
export async function signIn(graphqlUrl: string): Promise<string> {
  const config = await loadMemoClientConfig(new URL('/config.json', graphqlUrl));
  const users = config.users ?? [];
  const username = process.env.MEMO_USERNAME || users[0]!.username;
  const password = process.env.MEMO_PASSWORD || users.find((user) => user.username === username)?.password;
  if (!password) throw new Error(`${username} is not a user /config.json lists: set MEMO_PASSWORD`);
  return (await signInWithPassword(userPoolOf(config), username, password)).idToken;
}
