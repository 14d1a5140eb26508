import { afterAll, beforeAll } from 'vitest';
import { LocalUserPool } from '../../../local/auth/userPool/userPool.js';
import type { UserPool } from '../../../sdk/src/auth/userPool/userPool.js';
import { TEST_USERS } from '../../helpers/localCredentials.js';
import { startUserPoolServer, type UserPoolServer } from '../../local/auth/helpers/userPoolServer.js';

/** The local runtime's user pool (alice and bob seeded) over HTTP, as the SDK reaches Cognito. */
export interface PoolUnderTest {
  /** The SDK's view: endpoint and app client. */
  readonly pool: UserPool;
  /** The pool itself, for asking it what it makes of a token. */
  readonly localPool: LocalUserPool;
}

/** One pool for the calling test file: opened before its tests, its server closed after them. */
export function useLocalUserPool(): () => PoolUnderTest {
  let localPool: LocalUserPool | undefined;
  let server: UserPoolServer | undefined;
  beforeAll(async () => {
    server = await startUserPoolServer(() => localPool!);
    const seedUsers = Object.entries(TEST_USERS).map(([username, password]) => ({ username, password }));
    localPool = await LocalUserPool.open({ dataDir: null, region: 'us-east-1', issuerOrigin: server.url, seedUsers });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!localPool || !server) throw new Error('The user pool is not open (used outside a test?)');
    return { pool: { endpoint: `${server.url}/`, clientId: localPool.clientId }, localPool };
  };
}

/** Whom the pool says an access token belongs to (GetUser): a token it issued and still honours. */
export async function usernameOf(localPool: LocalUserPool, accessToken: string): Promise<string | undefined> {
  const reply = await localPool.handleRequest('AWSCognitoIdentityProviderService.GetUser', { AccessToken: accessToken });
  return (reply.body as { Username?: string }).Username;
}
