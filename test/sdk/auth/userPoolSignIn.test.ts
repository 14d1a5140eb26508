import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoClientConfig } from '../../../sdk/src/core/config.js';
import { userPoolOf, type UserPool } from '../../../sdk/src/auth/userPool/userPool.js';
import { UserPoolError } from '../../../sdk/src/auth/userPool/userPoolError.js';
import { refreshUserPoolTokens, signInWithPassword, signOut, signUpWithPassword } from '../../../sdk/src/auth/userPool/userPoolSignIn.js';
import { TEST_USERS } from '../../helpers/localCredentials.js';
import { useLocalUserPool, usernameOf } from '../helpers/localUserPool.js';

// The SDK's user-pool client against the local runtime's pool, over HTTP as on Amazon Cognito.
const localUserPool = useLocalUserPool();
let config: MemoClientConfig;
let pool: UserPool;

beforeAll(() => {
  const { endpoint, clientId } = localUserPool().pool;
  config = {
    graphqlUrl: 'http://127.0.0.1:4000/graphql',
    realtimeUrl: 'ws://127.0.0.1:4000/graphql/realtime',
    region: 'us-east-1',
    userPoolEndpoint: endpoint,
    userPoolClientId: clientId,
  };
  pool = userPoolOf(config);
});

/** What a user-pool call threw: its UserPoolError type. */
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('the user pool accepted it'),
    (error: unknown) => (error instanceof UserPoolError ? error.type : error),
  );

describe('userPoolOf', () => {
  it("takes the config's endpoint, or Amazon Cognito's for the region", () => {
    expect(userPoolOf({ ...config, userPoolEndpoint: 'http://127.0.0.1:1/', userPoolClientId: 'c' })).toEqual({
      endpoint: 'http://127.0.0.1:1/',
      clientId: 'c',
    });
    const { userPoolEndpoint: _local, ...aws } = { ...config, region: 'eu-west-1', userPoolClientId: 'c' };
    expect(userPoolOf(aws).endpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });

  it('refuses a config without an app client', () => {
    const { userPoolClientId: _client, ...noClient } = config;
    expect(() => userPoolOf(noClient)).toThrow(/userPoolClientId/);
  });
});

describe("the SDK's user-pool sign-in against the local runtime's pool", () => {
  it('signs in with a password: tokens for that user, which the pool honours, expiring in the future', async () => {
    const tokens = await signInWithPassword(pool, 'alice', TEST_USERS.alice);
    expect(decodeJwt(tokens.idToken)).toMatchObject({ 'cognito:username': 'alice', token_use: 'id' });
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ token_use: 'access' });
    expect(tokens.refreshToken).not.toBe('');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    expect(await usernameOf(localUserPool().localPool, tokens.accessToken)).toBe('alice');
  });

  it.each([
    ['a wrong password', 'alice', 'Not-alices-Passw0rd!', 'NotAuthorizedException'],
    // As Cognito does by default (user existence errors prevented): no hint that the name is unknown.
    ['an unknown user', `nobody-${randomUUID().slice(0, 8)}`, 'Any-Passw0rd!', 'NotAuthorizedException'],
  ])("refuses %s with a UserPoolError named after Cognito's exception", async (_case, username, password, type) => {
    const error = await signInWithPassword(pool, username, password).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserPoolError);
    expect(error).toMatchObject({ name: 'UserPoolError', type, message: expect.any(String) });
  });

  it('reports an endpoint that does not answer as a NetworkError', async () => {
    expect(await refusal(signInWithPassword({ endpoint: 'http://127.0.0.1:1/', clientId: pool.clientId }, 'alice', TEST_USERS.alice))).toBe(
      'NetworkError',
    );
  });

  it('refreshes: new ID and access tokens for the same user, the same refresh token', async () => {
    const signedIn = await signInWithPassword(pool, 'bob', TEST_USERS.bob);
    const refreshed = await refreshUserPoolTokens(pool, signedIn.refreshToken);
    expect(refreshed.idToken).not.toBe(signedIn.idToken);
    expect(refreshed.refreshToken).toBe(signedIn.refreshToken);
    expect(decodeJwt(refreshed.idToken).sub).toBe(decodeJwt(signedIn.idToken).sub);
    expect(await usernameOf(localUserPool().localPool, refreshed.accessToken)).toBe('bob');
  });

  it('signs out: the refresh token is refused afterwards, another sign-in of the user is not affected', async () => {
    const ending = await signInWithPassword(pool, 'alice', TEST_USERS.alice);
    const other = await signInWithPassword(pool, 'alice', TEST_USERS.alice);
    await signOut(pool, ending.refreshToken);
    expect(await refusal(refreshUserPoolTokens(pool, ending.refreshToken))).toBe('NotAuthorizedException');
    expect((await refreshUserPoolTokens(pool, other.refreshToken)).refreshToken).toBe(other.refreshToken);
  });

  it('signs a new user up, who then signs in; a taken name or a weak password is refused', async () => {
    const username = `carol-${randomUUID().slice(0, 8)}`;
    expect(await signUpWithPassword(pool, username, 'Carol-local-Passw0rd!')).toEqual({ confirmed: true });
    expect(decodeJwt((await signInWithPassword(pool, username, 'Carol-local-Passw0rd!')).idToken)['cognito:username']).toBe(username);
    expect(await refusal(signUpWithPassword(pool, username, 'Carol-local-Passw0rd!'))).toBe('UsernameExistsException');
    expect(await refusal(signUpWithPassword(pool, `${username}x`, 'short'))).toBe('InvalidPasswordException');
  });
});
