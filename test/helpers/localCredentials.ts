import { signInWithPassword, type UserPoolTokens } from '@memo-api/client';
import { signAppSyncRequest } from '../../sdk/src/auth/sigv4.js';

/** The users every test runtime's pool holds (LOCAL_USERS), with fixed passwords. */
export const TEST_USERS = {
  alice: 'Alice-local-Passw0rd!',
  bob: 'Bob-local-Passw0rd!',
} as const;
export type TestUsername = keyof typeof TEST_USERS;

/** The IAM credentials every test runtime accepts (LOCAL_IAM_ACCESS_KEY_ID / _SECRET_ACCESS_KEY). */
export const TEST_IAM = {
  accessKeyId: 'AKIATESTLOCALRUNTIME',
  secretAccessKey: 'testLocalRuntimeSecretKey0000000000000000',
} as const;

/** The environment that gives a runtime those users and credentials. */
export const TEST_CREDENTIALS_ENV: Readonly<Record<string, string>> = {
  LOCAL_USERS: Object.entries(TEST_USERS)
    .map(([name, password]) => `${name}:${password}`)
    .join(','),
  LOCAL_IAM_ACCESS_KEY_ID: TEST_IAM.accessKeyId,
  LOCAL_IAM_SECRET_ACCESS_KEY: TEST_IAM.secretAccessKey,
};

export type UserTokens = UserPoolTokens;

/** Signs in with USER_PASSWORD_AUTH against a Cognito-compatible endpoint, with the SDK's user-pool client. */
export function signIn(userPoolEndpoint: string, clientId: string, username: string, password: string): Promise<UserTokens> {
  return signInWithPassword({ endpoint: userPoolEndpoint, clientId }, username, password);
}

/** The headers of a GraphQL POST signed with the test IAM credentials (what Amplify's IAM mode sends). */
export function iamHeaders(graphqlUrl: string, body: string, region = 'us-east-1'): Promise<Record<string, string>> {
  return signAppSyncRequest({ url: graphqlUrl, body, credentials: TEST_IAM, region });
}
