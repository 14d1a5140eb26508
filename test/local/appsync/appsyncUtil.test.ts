import { extensions, util } from '@aws-appsync/utils';
import { describe, expect, it } from 'vitest';
import { AppSyncResolverError, installAppSyncUtil, runInResolverScope, type ResolverScope } from '../../../local/appsync/appsyncUtil.js';

installAppSyncUtil();

const FIELD = { parentTypeName: 'Subscription', fieldName: 'onCreateMemo' };
const collectAppendedErrors = <T>(run: () => T, onAppendedError: ResolverScope['onAppendedError']) =>
  runInResolverScope(run, { authMode: 'AMAZON_COGNITO_USER_POOLS', field: FIELD, onAppendedError });

describe('the local util of APPSYNC_JS resolvers', () => {
  it('util.error ends the resolver with a typed error', () => {
    expect(() => util.error('gone', 'MemoNotFound', null, { memoId: 'm' })).toThrow(
      expect.objectContaining({ message: 'gone', errorType: 'MemoNotFound', errorInfo: { memoId: 'm' } }),
    );
  });

  it('util.appendError keeps the value and reports the error', () => {
    const reported: AppSyncResolverError[] = [];
    const value = collectAppendedErrors(
      () => {
        util.appendError('partial', 'Partial', null, { skipped: 1 });
        return 'value';
      },
      (error) => reported.push(error),
    );
    expect(value).toBe('value');
    expect(reported).toEqual([expect.objectContaining({ message: 'partial', errorType: 'Partial', errorInfo: { skipped: 1 } })]);
  });

  it('reports appended errors even when util.error follows', () => {
    const reported: AppSyncResolverError[] = [];
    expect(() =>
      collectAppendedErrors(
        () => {
          util.appendError('first');
          util.error('second');
        },
        (error) => reported.push(error),
      ),
    ).toThrow('second');
    expect(reported.map((error) => error.message)).toEqual(['first']);
  });

  it('refuses util.appendError outside a resolver run', () => {
    expect(() => util.appendError('lost')).toThrow('outside a resolver run');
  });

  it.each([
    ['AMAZON_COGNITO_USER_POOLS', 'User Pool Authorization'],
    ['AWS_IAM', 'IAM Authorization'],
    ['API_KEY', 'API Key Authorization'],
    ['AWS_LAMBDA', 'Lambda Authorization'],
    ['OPENID_CONNECT', 'Open ID Connect Authorization'],
  ] as const)('util.authType() names the mode %s as AppSync does', (authMode, name) => {
    expect(runInResolverScope(() => util.authType(), { authMode, field: FIELD, onAppendedError: () => {} })).toBe(name);
  });

  it("util.unauthorized() refuses the field being resolved with AppSync's Unauthorized error", () => {
    const refused = (() => {
      try {
        runInResolverScope(() => util.unauthorized(), { authMode: 'AWS_IAM', field: FIELD, onAppendedError: () => {} });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppSyncResolverError);
    expect(refused).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access onCreateMemo on type Subscription' });
  });

  it('extensions.setSubscriptionFilter hands the filter to a subscription resolver run, and is refused elsewhere', () => {
    const filters: unknown[] = [];
    const filter = util.transform.toSubscriptionFilter({ ownerId: { eq: 'a' } });
    runInResolverScope(() => extensions.setSubscriptionFilter(filter), {
      authMode: 'AMAZON_COGNITO_USER_POOLS',
      field: FIELD,
      onAppendedError: () => {},
      onSubscriptionFilter: (set) => filters.push(set),
    });
    expect(filters).toEqual([{ filterGroup: [{ filters: [{ fieldName: 'ownerId', operator: 'eq', value: 'a' }] }] }]);
    expect(() =>
      collectAppendedErrors(
        () => extensions.setSubscriptionFilter(filter),
        () => {},
      ),
    ).toThrow('only allowed in a subscription resolver');
  });
});
