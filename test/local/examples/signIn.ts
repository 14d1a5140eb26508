interface ClientConfig {
  userPoolEndpoint: string;
  userPoolClientId: string;
  users: { username: string; password: string }[];
}

/**
 * Signs in to the memo API's user pool and returns the user's ID token, as any Cognito client
 * does: /config.json names the pool, then InitiateAuth (USER_PASSWORD_AUTH) at its endpoint.
 * The user is MEMO_USERNAME from the environment, or the first user /config.json lists; the
 * password MEMO_PASSWORD, or that user's in /config.json.
 */
export async function signIn(graphqlUrl: string): Promise<string> {
  const config = (await (await fetch(new URL('/config.json', graphqlUrl))).json()) as ClientConfig;
  const USERNAME = process.env.MEMO_USERNAME || config.users[0]!.username;
  const PASSWORD = process.env.MEMO_PASSWORD || config.users.find(({ username }) => username === USERNAME)?.password;
  if (!PASSWORD) throw new Error(`${USERNAME} is not a user /config.json lists: set MEMO_PASSWORD`);
  const response = await fetch(config.userPoolEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId, AuthParameters: { USERNAME, PASSWORD } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string }; __type?: string; message?: string };
  if (!body.AuthenticationResult) throw new Error(`Sign-in of ${USERNAME} failed: ${body.__type}: ${body.message}`);
  return body.AuthenticationResult.IdToken;
}
