import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../../resolvers/store/config.js';

describe('store configuration', () => {
  it.each([
    ['missing', {}],
    ['empty', { TABLE_NAME: '' }],
    ['blank', { TABLE_NAME: '  ' }],
  ])('fails with a clear message when TABLE_NAME is %s', (_case, env) => {
    expect(() => readStoreConfig(env)).toThrow('TABLE_NAME is not set');
  });

  it('reads the table name, an optional endpoint and the page-token key', () => {
    expect(readStoreConfig({ TABLE_NAME: 'memoTable' })).toEqual({ tableName: 'memoTable', endpoint: undefined, pageTokenKey: 'memoTable' });
    expect(readStoreConfig({ TABLE_NAME: 'memoTable', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', PAGE_TOKEN_SECRET: 's3cret' })).toEqual({
      tableName: 'memoTable',
      endpoint: 'http://127.0.0.1:8000',
      pageTokenKey: 's3cret',
    });
  });
});
