import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../../resolvers/store/config.js';

const SECRET = 'k'.repeat(32);

describe('store configuration', () => {
  it.each([
    ['missing', { PAGE_TOKEN_SECRET: SECRET }],
    ['empty', { TABLE_NAME: '', PAGE_TOKEN_SECRET: SECRET }],
    ['blank', { TABLE_NAME: '  ', PAGE_TOKEN_SECRET: SECRET }],
  ])('fails with a clear message when TABLE_NAME is %s', (_case, env) => {
    expect(() => readStoreConfig(env)).toThrow('TABLE_NAME is not set');
  });

  // It used to fall back to the table name, which the stack publishes as an output.
  it.each([
    ['missing', {}],
    ['empty', { PAGE_TOKEN_SECRET: '' }],
    ['too short to be a secret', { PAGE_TOKEN_SECRET: 'memoTable' }],
  ])('fails with a clear message when PAGE_TOKEN_SECRET is %s, never signing with something public', (_case, env) => {
    expect(() => readStoreConfig({ TABLE_NAME: 'memoTable', ...env })).toThrow(
      'PAGE_TOKEN_SECRET is not set or shorter than 32 characters',
    );
  });

  it('reads the table name, an optional endpoint and the page-token key', () => {
    expect(readStoreConfig({ TABLE_NAME: 'memoTable', PAGE_TOKEN_SECRET: SECRET })).toEqual({
      tableName: 'memoTable',
      endpoint: undefined,
      pageTokenKey: SECRET,
      tombstoneRetentionDays: 30,
    });
    expect(readStoreConfig({ TABLE_NAME: 'memoTable', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', PAGE_TOKEN_SECRET: SECRET })).toEqual({
      tableName: 'memoTable',
      endpoint: 'http://127.0.0.1:8000',
      pageTokenKey: SECRET,
      tombstoneRetentionDays: 30,
    });
  });

  it('reads the tombstone retention from TOMBSTONE_RETENTION_DAYS', () => {
    expect(
      readStoreConfig({ TABLE_NAME: 'memoTable', PAGE_TOKEN_SECRET: SECRET, TOMBSTONE_RETENTION_DAYS: '7' }).tombstoneRetentionDays,
    ).toBe(7);
  });

  it.each(['0', '-1', '1.5', 'thirty', '3651'])('fails with a clear message when TOMBSTONE_RETENTION_DAYS is %s', (days) => {
    expect(() => readStoreConfig({ TABLE_NAME: 'memoTable', PAGE_TOKEN_SECRET: SECRET, TOMBSTONE_RETENTION_DAYS: days })).toThrow(
      'TOMBSTONE_RETENTION_DAYS must be a whole number of days from 1 to 3650',
    );
  });
});
