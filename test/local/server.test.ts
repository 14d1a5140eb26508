import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAppSyncRequest } from '../../sdk/src/auth/sigv4.js';
import { startLocalApi } from '../../local/server.js';
import { signIn } from '../helpers/localCredentials.js';
import { postGraphQL } from './helpers/localApiProcess.js';

// startLocalApi in-process, as a benchmark would use it: the API binds the handlers to its own
// in-memory store (test/local/store/twoApis.test.ts runs two in one process).
describe('startLocalApi', () => {
  it('serves the API in-process on a free loopback port, with its user pool and IAM credentials, and closes cleanly', async () => {
    const api = await startLocalApi();
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(api.realtimeUrl).toBe(api.url.replace('http://', 'ws://').replace(/graphql$/, 'graphql/realtime'));
      const { clientConfig } = api;
      expect(clientConfig).toMatchObject({
        graphqlUrl: api.url,
        realtimeUrl: api.realtimeUrl,
        region: 'us-east-1',
        userPoolEndpoint: api.url.replace(/graphql$/, ''),
      });
      expect(clientConfig.users.map(({ username }) => username)).toEqual(['alice', 'bob']);

      const create = { query: 'mutation { createMemo(input: { content: "in-process" }) { ownerId version } }' };
      expect(await postGraphQL(api.url, create, {})).toMatchObject({
        status: 401,
        body: { errors: [{ errorType: 'UnauthorizedException' }] },
      });

      const alice = clientConfig.users[0]!;
      const { idToken } = await signIn(clientConfig.userPoolEndpoint, clientConfig.userPoolClientId, alice.username, alice.password);
      const sub = decodeJwt(idToken).sub;
      const created = await postGraphQL(api.url, create, { authorization: idToken });
      expect(created.body).toEqual({ data: { createMemo: { ownerId: sub, version: 1 } } });

      // A back-office caller signs with the credentials the API reports, and sees alice's memo.
      const list = JSON.stringify({
        query: 'query ($ownerId: ID) { listMemos(ownerId: $ownerId) { items { content } } }',
        variables: { ownerId: sub },
      });
      const signed = await signAppSyncRequest({ url: api.url, body: list, credentials: api.iam, region: clientConfig.region });
      expect((await postGraphQL(api.url, list, signed)).body).toEqual({ data: { listMemos: { items: [{ content: 'in-process' }] } } });
    } finally {
      await api.close();
    }
    await expect(fetch(api.url)).rejects.toThrow();
  });
});
