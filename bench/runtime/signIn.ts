import type { ClientConfig } from '../../local/http/clientConfig.js';

/** The user the bench calls the API as. */
export interface BenchUser {
  /** The ID token, sent raw in Authorization: every endpoint request pays for its verification. */
  readonly idToken: string;
  /** The token's `sub`: the ownerId of every memo the bench creates or seeds. */
  readonly sub: string;
}

/**
 * Signs in as the runtime's first user, as any Cognito client does (InitiateAuth with
 * USER_PASSWORD_AUTH at the pool's endpoint). The token is valid for an hour, longer than a run.
 */
export async function signInFirstUser(config: ClientConfig): Promise<BenchUser> {
  const user = config.users[0];
  if (!user) throw new Error('the local runtime has no users to sign in as');
  const response = await fetch(config.userPoolEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
    }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string }; __type?: string; message?: string };
  if (!body.AuthenticationResult) throw new Error(`sign-in of ${user.username} failed: ${response.status} ${body.__type}: ${body.message}`);
  const idToken = body.AuthenticationResult.IdToken;
  const { sub } = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
  return { idToken, sub };
}
