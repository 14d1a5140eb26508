import type { MemoClientConfig } from '@memo-api/client';

/**
 * Signs a user in to the API's user pool (Cognito's InitiateAuth, USER_PASSWORD_AUTH) and returns
 * their ID token: how a script signs in. A web app uses Amplify Auth or its own Cognito client.
 */
export async function signInWithPassword(config: MemoClientConfig, username: string, password: string): Promise<string> {
  const endpoint = config.userPoolEndpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string }; __type?: string; message?: string };
  if (!body.AuthenticationResult) throw new Error(`Sign-in of ${username} failed: ${body.__type}: ${body.message}`);
  return body.AuthenticationResult.IdToken;
}
