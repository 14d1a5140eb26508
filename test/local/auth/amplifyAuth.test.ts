import { Amplify } from 'aws-amplify';
import { fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, signUp } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger, sharedInMemoryStorage } from 'aws-amplify/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUserPoolTokenVerifier } from '../../../local/auth/userPool/tokenVerifier.js';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import { startUserPoolServer, type UserPoolServer } from './helpers/userPoolServer.js';

// Amplify warns at every configure that names a custom userPoolEndpoint, which is the point here.
ConsoleLogger.LOG_LEVEL = 'ERROR';

// Amplify JS v6 Auth in Node, configured as an app configures it for Cognito plus the local endpoint.
let pool: LocalUserPool;
let server: UserPoolServer;

beforeAll(async () => {
  server = await startUserPoolServer(() => pool);
  pool = await LocalUserPool.open({
    dataDir: null,
    region: 'us-east-1',
    issuerOrigin: server.url,
    seedUsers: [{ username: 'alice', password: 'Alice-password-1' }],
  });
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.clientId, userPoolEndpoint: server.url } } });
  // Node has no localStorage; Amplify would fall back to memory anyway, this makes it explicit.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
});

afterEach(async () => {
  await signOut();
});

afterAll(async () => {
  await server?.close();
});

describe('Amplify JS v6 Auth against the local user pool', () => {
  it('signs in with USER_PASSWORD_AUTH and holds tokens the runtime verifies', async () => {
    expect(await signIn({ username: 'alice', password: 'Alice-password-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const { tokens, userSub } = await fetchAuthSession();
    const verify = createUserPoolTokenVerifier({ issuer: pool.issuer, clientId: pool.clientId, jwks: pool.jwks() });
    const identity = await verify(tokens!.accessToken.toString());
    expect(identity).toMatchObject({ username: 'alice', sub: userSub });
    expect((await verify(tokens!.idToken!.toString())).sub).toBe(userSub);
    expect(await getCurrentUser()).toMatchObject({ username: 'alice', userId: userSub });
  });

  it('refreshes the session (GetTokensFromRefreshToken) and reads attributes (GetUser)', async () => {
    await signIn({ username: 'alice', password: 'Alice-password-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const before = await fetchAuthSession();
    const after = await fetchAuthSession({ forceRefresh: true });
    expect(after.tokens!.accessToken.payload.jti).not.toBe(before.tokens!.accessToken.payload.jti);
    expect(after.tokens!.accessToken.payload.origin_jti).toBe(before.tokens!.accessToken.payload.origin_jti);
    expect(await fetchUserAttributes()).toEqual({ sub: before.userSub });
  });

  it('signs up a user who is confirmed at once and can sign in', async () => {
    const result = await signUp({
      username: 'hana',
      password: 'Hana-password-1',
      options: { userAttributes: { email: 'hana@example.com' } },
    });
    expect(result).toMatchObject({ isSignUpComplete: true, userId: expect.any(String) });
    await signIn({ username: 'hana', password: 'Hana-password-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(await fetchUserAttributes()).toEqual({ sub: result.userId, email: 'hana@example.com', email_verified: 'true' });
  });

  it('names a wrong password NotAuthorizedException', async () => {
    await expect(
      signIn({ username: 'alice', password: 'Wrong-password-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('revokes the refresh token on sign-out', async () => {
    await signIn({ username: 'alice', password: 'Alice-password-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const { tokens } = await fetchAuthSession();
    await signOut();
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    await expect(pool.userOfAccessToken(tokens!.accessToken.toString())).rejects.toThrow('Access Token has been revoked');
  });
});
