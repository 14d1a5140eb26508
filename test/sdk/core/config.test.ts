import { describe, expect, it } from 'vitest';
import { loadMemoClientConfig, parseMemoClientConfig } from '../../../sdk/src/core/config.js';

describe('the client config', () => {
  const config = { graphqlUrl: 'http://127.0.0.1:4000/graphql', realtimeUrl: 'ws://127.0.0.1:4000/graphql/realtime', region: 'us-east-1' };

  it("keeps the known keys (the local runtime's users among them) and drops any other", () => {
    expect(
      parseMemoClientConfig({ ...config, userPoolId: 'pool', users: [{ username: 'alice', password: 'x', extra: 1 }], other: 'x' }),
    ).toEqual({
      ...config,
      userPoolId: 'pool',
      users: [{ username: 'alice', password: 'x' }],
    });
    expect(() => parseMemoClientConfig({ ...config, users: [{ username: 'alice' }] })).toThrow(
      '"users" must be a list of {username, password}',
    );
  });

  it('names the missing or mistyped key', async () => {
    const { realtimeUrl: _omitted, ...withoutRealtime } = config;
    const served = (body: unknown) => (() => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }))) as typeof fetch;
    await expect(loadMemoClientConfig('http://x/config.json', served(withoutRealtime))).rejects.toThrow(
      'http://x/config.json is missing "realtimeUrl"',
    );
    await expect(loadMemoClientConfig('http://x/config.json', served({ ...config, region: 5 }))).rejects.toThrow(
      '"region" must be a string',
    );
    await expect(loadMemoClientConfig('http://x/config.json', served({ ...config, realtimeUrl: 'http://x/realtime' }))).rejects.toThrow(
      '"realtimeUrl" must be a ws: or wss: URL',
    );
    await expect(
      loadMemoClientConfig('http://x/config.json', () => Promise.resolve(new Response('nope', { status: 404 }))),
    ).rejects.toThrow('HTTP 404');
  });
});
