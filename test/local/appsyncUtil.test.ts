import { util } from '@aws-appsync/utils';
import { describe, expect, it } from 'vitest';
import { AppSyncResolverError, collectAppendedErrors, installAppSyncUtil } from '../../local/appsyncUtil.js';

installAppSyncUtil();

describe('the local util of APPSYNC_JS resolvers', () => {
  it('util.error ends the resolver with a typed error', () => {
    expect(() => util.error('gone', 'MemoNotFound', null, { memoId: 'm' })).toThrow(
      expect.objectContaining({ message: 'gone', errorType: 'MemoNotFound', errorInfo: { memoId: 'm' } }),
    );
  });

  it('util.appendError keeps the value and reports the error', () => {
    const reported: AppSyncResolverError[] = [];
    const value = collectAppendedErrors(() => {
      util.appendError('partial', 'Partial', null, { skipped: 1 });
      return 'value';
    }, (error) => reported.push(error));
    expect(value).toBe('value');
    expect(reported).toEqual([expect.objectContaining({ message: 'partial', errorType: 'Partial', errorInfo: { skipped: 1 } })]);
  });

  it('reports appended errors even when util.error follows', () => {
    const reported: AppSyncResolverError[] = [];
    expect(() =>
      collectAppendedErrors(() => {
        util.appendError('first');
        util.error('second');
      }, (error) => reported.push(error)),
    ).toThrow('second');
    expect(reported.map((error) => error.message)).toEqual(['first']);
  });

  it('refuses util.appendError outside a resolver run', () => {
    expect(() => util.appendError('lost')).toThrow('outside a resolver run');
  });
});
