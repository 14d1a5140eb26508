import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  InvalidPasswordException,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { startLocalApi, type LocalApi } from '../../../local/server.js';

// The pool's admin actions through the AWS SDK's own Cognito client, signed with the runtime's IAM
// credentials, as `npm run verify` calls them; and every request not so signed refused, in AWS's words.
let api: LocalApi;
let cognito: CognitoIdentityProviderClient;
let userPoolId: string;
let clientId: string;
const region = 'us-east-1';
const password = 'Admin-set-Passw0rd!';

beforeAll(async () => {
  api = await startLocalApi();
  userPoolId = api.clientConfig.userPoolId;
  clientId = api.clientConfig.userPoolClientId;
  cognito = cognitoClient(api.iam);
});
afterAll(async () => {
  cognito?.destroy();
  await api?.close();
});

function cognitoClient(credentials: { accessKeyId: string; secretAccessKey: string }, clientRegion = region) {
  return new CognitoIdentityProviderClient({ region: clientRegion, endpoint: api.clientConfig.userPoolEndpoint, credentials });
}

let counter = 0;
const newUsername = () => `admin-test-${++counter}-${Date.now()}@example.com`;
const create = (client: CognitoIdentityProviderClient, Username: string, extra: { TemporaryPassword?: string } = {}) =>
  client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username, MessageAction: 'SUPPRESS', ...extra }));
const adminSignIn = (USERNAME: string, PASSWORD: string) =>
  cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: userPoolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

describe('admin actions signed with the local IAM credentials', () => {
  it('creates a user without a message, sets a permanent password, signs them in and deletes them', async () => {
    const username = newUsername();
    const { User } = await create(cognito, username);
    expect(User).toMatchObject({ Username: username, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    const sub = User!.Attributes!.find(({ Name }) => Name === 'sub')!.Value;
    expect(User!.UserCreateDate).toBeInstanceOf(Date);

    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }),
    );
    const { AuthenticationResult } = await adminSignIn(username, password);
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ sub, 'cognito:username': username, token_use: 'id' });
    // The token is one the API accepts.
    const answer = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: AuthenticationResult!.IdToken! },
      body: JSON.stringify({ query: '{ listMemos { items { memoId } } }' }),
    });
    expect(await answer.json()).toEqual({ data: { listMemos: { items: [] } } });

    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
    await expect(adminSignIn(username, password)).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }))).rejects.toBeInstanceOf(
      UserNotFoundException,
    );
  });

  it('answers a temporary password with the NEW_PASSWORD_REQUIRED challenge, as Cognito does', async () => {
    const username = newUsername();
    await create(cognito, username, { TemporaryPassword: 'Temporary-Passw0rd!' });
    const answer = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: 'Temporary-Passw0rd!' },
      }),
    );
    expect(answer).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: expect.any(String) });
    expect(answer.AuthenticationResult).toBeUndefined();
    // A non-permanent password keeps the user there.
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: false }),
    );
    expect((await adminSignIn(username, password)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
  });

  it.each([
    ['a taken username', () => create(cognito, 'alice'), UsernameExistsException],
    [
      'another pool',
      () => cognito.send(new AdminDeleteUserCommand({ UserPoolId: 'us-east-1_NotThis00', Username: 'alice' })),
      ResourceNotFoundException,
    ],
    ['a weak temporary password', () => create(cognito, newUsername(), { TemporaryPassword: 'short' }), InvalidPasswordException],
    [
      'a weak permanent password',
      () => cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'alice', Password: 'weak', Permanent: true })),
      InvalidPasswordException,
    ],
    [
      'an unknown user',
      () =>
        cognito.send(
          new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'nobody-here', Password: password, Permanent: true }),
        ),
      UserNotFoundException,
    ],
  ])("refuses %s with Cognito's exception", async (_case, call, exception) => {
    await expect(call()).rejects.toBeInstanceOf(exception);
  });
});

describe('admin actions fail closed', () => {
  /** AdminCreateUser of `username` as raw HTTP, signed as `sign` says (or not at all), then changed by `tamper`. */
  async function rawCreate(
    username: string,
    sign: { accessKeyId: string; secretAccessKey: string; service: string; region: string } | undefined,
    tamper: (body: string) => string = (body) => body,
  ) {
    const url = new URL(api.clientConfig.userPoolEndpoint);
    const body = JSON.stringify({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' });
    let headers: Record<string, string> = {
      host: url.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.AdminCreateUser',
    };
    if (sign) {
      const { service, region: signingRegion, ...credentials } = sign;
      const signer = new SignatureV4({ credentials, region: signingRegion, service, sha256: Hash.bind(null, 'sha256') });
      const request = { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body };
      headers = (await signer.sign(request)).headers;
    }
    const { host: _host, ...sent } = headers;
    const response = await fetch(url, { method: 'POST', headers: sent, body: tamper(body) });
    return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: await response.json() };
  }

  const local = () => ({ ...api.iam, service: 'cognito-idp', region });
  it.each([
    ['unsigned', () => undefined, undefined, 'MissingAuthenticationTokenException'],
    ['signed with another key', () => ({ ...local(), accessKeyId: 'AKIAOTHERKEY00000000' }), undefined, 'UnrecognizedClientException'],
    [
      'signed with the wrong secret',
      () => ({ ...local(), secretAccessKey: `x${api.iam.secretAccessKey.slice(1)}` }),
      undefined,
      'InvalidSignatureException',
    ],
    ['signed for another service', () => ({ ...local(), service: 'appsync' }), undefined, 'InvalidSignatureException'],
    ['signed for another region', () => ({ ...local(), region: 'eu-west-1' }), undefined, 'InvalidSignatureException'],
    ['changed after signing', local, (body: string) => body.replace('SUPPRESS', 'RESEND '), 'InvalidSignatureException'],
  ])('refuses a request %s, and creates no user', async (_case, sign, tamper, errorType) => {
    const username = newUsername();
    const answer = await rawCreate(username, sign(), tamper);
    expect(answer).toMatchObject({ status: 400, errorType, body: { __type: errorType, message: expect.any(String) } });
    await expect(cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }))).rejects.toBeInstanceOf(
      UserNotFoundException,
    );
  });

  it('accepts the same raw request signed with the local credentials (the refusals above are the signature)', async () => {
    const username = newUsername();
    expect(await rawCreate(username, local())).toMatchObject({ status: 200, body: { User: { Username: username } } });
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
  });

  it('refuses every admin call of a pool opened without an admin principal', async () => {
    const pool = await LocalUserPool.open({ dataDir: null, region, issuerOrigin: 'http://127.0.0.1:1' });
    const reply = await pool.handleRequest(
      'AWSCognitoIdentityProviderService.AdminDeleteUser',
      { UserPoolId: pool.userPoolId, Username: 'alice' },
      {
        method: 'POST',
        path: '/',
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${api.iam.accessKeyId}/20260101/${region}/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        body: '',
      },
    );
    expect(reply).toMatchObject({ status: 400, body: { __type: 'UnrecognizedClientException' } });
  });
});
