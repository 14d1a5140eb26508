import { describe, expect, it } from 'vitest';
import { clientConfigFromOutputs, memoStackOutputs } from '../../infra/clientConfig/fromStackOutputs.js';
import { MEMO_CLIENT_CONFIG_KEYS, parseMemoClientConfig } from '../../sdk/src/core/config.js';

/** What `cdk deploy --outputs-file` writes for a stage (values shaped like AWS's). */
const outputsFile = {
  'MemoApi-dev': {
    GraphQLUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
    RealtimeUrl: 'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    ApiId: 'abcdefghijklmnopqrstuvwxyz',
    Region: 'eu-west-1',
    UserPoolId: 'eu-west-1_AbCdEfGhI',
    UserPoolClientId: '1example23456789abcdefghij',
    TableName: 'MemoApi-dev-MemoTable-XYZ',
  },
};

describe('the client config npm run deploy writes', () => {
  it("has the local runtime's /config.json shape (without users), and the SDK accepts it", () => {
    const config = clientConfigFromOutputs(memoStackOutputs(outputsFile));
    expect(Object.keys(config).sort()).toEqual([...MEMO_CLIENT_CONFIG_KEYS].sort());
    expect(parseMemoClientConfig(config)).toEqual(config);
    expect(config.userPoolEndpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });

  it.each([
    ['no MemoApi stack', {}, 'found 0'],
    ['two MemoApi stacks', { 'MemoApi-a': {}, 'MemoApi-b': {} }, 'found 2'],
  ])('refuses an outputs file with %s', (_case, file, message) => {
    expect(() => memoStackOutputs(file)).toThrow(message);
  });

  it('names a missing output', () => {
    const { UserPoolClientId: _dropped, ...older } = outputsFile['MemoApi-dev'];
    expect(() => clientConfigFromOutputs(older)).toThrow('no UserPoolClientId');
  });
});
