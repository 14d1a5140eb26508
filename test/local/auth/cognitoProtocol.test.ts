import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  NotAuthorizedException,
  ResourceNotFoundException,
  RevokeTokenCommand,
  SignUpCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { startUserPoolServer, type UserPoolServer } from './helpers/userPoolServer.js';

// The AWS SDK's own Cognito client against the pool's wire protocol, as an app would use it.
let pool: LocalUserPool;
let server: UserPoolServer;
let cognito: CognitoIdentityProviderClient;
let clientId: string;

beforeAll(async () => {
  server = await startUserPoolServer(() => pool);
  pool = await LocalUserPool.open({
    dataDir: null,
    region: 'us-east-1',
    issuerOrigin: server.url,
    seedUsers: [{ username: 'alice', password: 'Alice-password-1' }],
  });
  clientId = pool.clientId;
  cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  cognito?.destroy();
  await server?.close();
});

const signIn = (username: string, password: string) =>
  cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

describe('sign-up and sign-in through the AWS SDK', () => {
  it('signs up a confirmed user, signs in, refreshes and reads the user back', async () => {
    const signedUp = await cognito.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'carol',
        Password: 'Carol-password-1',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    expect(signedUp.UserConfirmed).toBe(true);
    expect(signedUp.UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const { AuthenticationResult: auth, ChallengeParameters } = await signIn('carol', 'Carol-password-1');
    expect(ChallengeParameters).toEqual({});
    expect(auth).toMatchObject({
      ExpiresIn: 3600,
      TokenType: 'Bearer',
      AccessToken: expect.any(String),
      IdToken: expect.any(String),
      RefreshToken: expect.any(String),
    });
    expect(decodeJwt(auth!.IdToken!)).toMatchObject({
      sub: signedUp.UserSub,
      'cognito:username': 'carol',
      email: 'carol@example.com',
      email_verified: true,
    });

    const refreshed = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: auth!.RefreshToken! },
      }),
    );
    expect(refreshed.AuthenticationResult).toMatchObject({
      ExpiresIn: 3600,
      TokenType: 'Bearer',
      AccessToken: expect.any(String),
      IdToken: expect.any(String),
    });
    expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();
    // Same session: origin_jti and auth_time carry over, the token itself is new.
    const [first, second] = [decodeJwt(auth!.AccessToken!), decodeJwt(refreshed.AuthenticationResult!.AccessToken!)];
    expect(second).toMatchObject({ origin_jti: first.origin_jti, auth_time: first.auth_time, sub: first.sub });
    expect(second.jti).not.toBe(first.jti);

    const user = await cognito.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken! }));
    expect(user.Username).toBe('carol');
    expect(user.UserAttributes).toEqual([
      { Name: 'sub', Value: signedUp.UserSub },
      { Name: 'email', Value: 'carol@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
  });

  it('accepts the REFRESH_TOKEN flow name and GetTokensFromRefreshToken', async () => {
    const { AuthenticationResult: auth } = await signIn('alice', 'Alice-password-1');
    const viaAlias = await cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: auth!.RefreshToken! } }),
    );
    expect(viaAlias.AuthenticationResult?.IdToken).toEqual(expect.any(String));
    const viaAction = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: auth!.RefreshToken! }));
    expect(viaAction.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer', AccessToken: expect.any(String) });
  });

  it('revokes a refresh token and its session (RevokeToken), and every session (GlobalSignOut)', async () => {
    const { AuthenticationResult: auth } = await signIn('alice', 'Alice-password-1');
    await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: auth!.RefreshToken! }));
    await expect(
      cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: auth!.RefreshToken! })),
    ).rejects.toThrow(NotAuthorizedException);
    await expect(cognito.send(new GetUserCommand({ AccessToken: auth!.AccessToken! }))).rejects.toThrow('Access Token has been revoked');

    const [one, two] = [await signIn('alice', 'Alice-password-1'), await signIn('alice', 'Alice-password-1')];
    await cognito.send(new GlobalSignOutCommand({ AccessToken: one.AuthenticationResult!.AccessToken! }));
    for (const session of [one, two]) {
      await expect(
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: session.AuthenticationResult!.RefreshToken! },
          }),
        ),
      ).rejects.toThrow('Invalid Refresh Token');
    }
  });
});

describe('errors as the AWS SDK names them', () => {
  it.each([
    ['a wrong password', 'alice', 'Wrong-password-1'],
    ['an unknown user (no user-existence errors)', 'nobody', 'Alice-password-1'],
  ])('answers %s with NotAuthorizedException', async (_case, username, password) => {
    const failure = signIn(username, password);
    await expect(failure).rejects.toThrow(NotAuthorizedException);
    await expect(failure).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    ['too short', 'Aa1-', 'Password not long enough'],
    ['no upper case', 'lower-case-1', 'Password must have uppercase characters'],
    ['no lower case', 'UPPER-CASE-1', 'Password must have lowercase characters'],
    ['no digit', 'No-digits-here', 'Password must have numeric characters'],
    ['no symbol', 'NoSymbols123', 'Password must have symbol characters'],
  ])('refuses a password with %s (InvalidPasswordException)', async (_case, password, reason) => {
    const failure = cognito.send(new SignUpCommand({ ClientId: clientId, Username: `weak-${password}`, Password: password }));
    await expect(failure).rejects.toThrow(InvalidPasswordException);
    await expect(failure).rejects.toThrow(`Password did not conform with policy: ${reason}`);
  });

  it('refuses a taken username with UsernameExistsException', async () => {
    await expect(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: 'Other-password-1' }))).rejects.toThrow(
      UsernameExistsException,
    );
  });

  it('refuses another app client with ResourceNotFoundException', async () => {
    const failure = cognito.send(
      new InitiateAuthCommand({
        ClientId: 'a'.repeat(26),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-password-1' },
      }),
    );
    await expect(failure).rejects.toThrow(ResourceNotFoundException);
    await expect(failure).rejects.toThrow(`User pool client ${'a'.repeat(26)} does not exist.`);
  });

  it.each([
    [
      'SRP, which the local pool does not offer',
      { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A: 'x' } },
      'USER_SRP_AUTH flow not enabled for this client',
    ],
    ['no password', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice' } }, 'Missing required parameter PASSWORD'],
    ['no refresh token', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: {} }, 'Missing required parameter REFRESH_TOKEN'],
  ] as const)('answers InitiateAuth with %s with InvalidParameterException', async (_case, input, message) => {
    const failure = cognito.send(new InitiateAuthCommand({ ClientId: clientId, ...input }));
    await expect(failure).rejects.toThrow(InvalidParameterException);
    await expect(failure).rejects.toThrow(message);
  });

  it.each([
    [
      'an unknown attribute',
      [{ Name: 'shoe_size', Value: '42' }],
      'Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.',
    ],
    ['a malformed email', [{ Name: 'email', Value: 'not an email' }], 'Invalid email address format.'],
  ])('refuses sign-up with %s (InvalidParameterException)', async (_case, UserAttributes, message) => {
    const failure = cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'dave', Password: 'Dave-password-1', UserAttributes }));
    await expect(failure).rejects.toThrow(InvalidParameterException);
    await expect(failure).rejects.toThrow(message);
  });

  it.each([
    ['an ID token', async () => (await signIn('alice', 'Alice-password-1')).AuthenticationResult!.IdToken!, 'Invalid Access Token'],
    ['garbage', () => Promise.resolve('garbage'), 'Invalid Access Token'],
  ])('refuses GetUser with %s (NotAuthorizedException)', async (_case, token, message) => {
    const failure = cognito.send(new GetUserCommand({ AccessToken: await token() }));
    await expect(failure).rejects.toThrow(NotAuthorizedException);
    await expect(failure).rejects.toThrow(message);
  });
});

describe('the wire format', () => {
  const post = (target: string, body: string) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });

  it('replies with Cognito JSON and a request id', async () => {
    const response = await post(
      'AWSCognitoIdentityProviderService.InitiateAuth',
      JSON.stringify({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-password-1' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys((await response.json()) as object)).toEqual(['ChallengeParameters', 'AuthenticationResult']);
  });

  it('answers errors with 400, __type, message and x-amzn-ErrorType', async () => {
    const response = await post(
      'AWSCognitoIdentityProviderService.InitiateAuth',
      JSON.stringify({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'nope' } }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException');
    expect(await response.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it.each([
    ['an unknown action', 'AWSCognitoIdentityProviderService.AdminDisableUser', '{}', 'UnknownOperationException'],
    ['another service', 'DynamoDB_20120810.ListTables', '{}', 'UnknownOperationException'],
    ['a prototype key as action', 'AWSCognitoIdentityProviderService.constructor', '{}', 'UnknownOperationException'],
    ['a body that is not JSON', 'AWSCognitoIdentityProviderService.SignUp', '{', 'SerializationException'],
    ['no ClientId', 'AWSCognitoIdentityProviderService.SignUp', '{"Username":"x","Password":"Xx-pass-1"}', 'InvalidParameterException'],
  ])('answers %s with 400 %s', async (_case, target, body, type) => {
    const response = await post(target, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: type, message: expect.any(String) });
  });
});
