import { describe, expect, it } from 'vitest';
import { buildAppSyncContext } from '../../../local/appsync/appSyncContext.js';
import { AppSyncResolverError, type AuthMode } from '../../../local/appsync/appsyncUtil.js';
import { runSubscriptionResolver } from '../../../local/appsync/runSubscriptionResolver.js';
import { loadSubscriptionResolvers } from '../../../local/appsync/subscriptionResolvers.js';

const SUB = '5f6a7b8c-0000-4000-8000-000000000001';
const MEMO_ID = '0B8E2D3A-1111-4222-8333-444455556666';
// The code resolvers/fields.ts names for the field, loaded as the runtime loads it.
const onUpdateMemoResolver = (await loadSubscriptionResolvers()).get('onUpdateMemo')!;

const start = (authMode: AuthMode, args: Record<string, unknown> = {}) =>
  runSubscriptionResolver(
    buildAppSyncContext({
      parentTypeName: 'Subscription',
      fieldName: 'onUpdateMemo',
      args,
      headers: {},
      identity: { sub: SUB },
      selectionSetList: ['memoId'],
      selectionSetGraphQL: '{ memoId }',
    }),
    authMode,
    onUpdateMemoResolver,
  );

// resolvers/appsync/ownerSubscriptionFilter.ts, run as AppSync runs it when a subscription starts.
describe('the owner subscription filter, per auth mode', () => {
  it('lets a user-pool subscriber receive only their own memos, whatever the arguments', () => {
    expect(start('AMAZON_COGNITO_USER_POOLS', { memoId: MEMO_ID })).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'ownerId', operator: 'eq', value: SUB },
            { fieldName: 'memoId', operator: 'eq', value: MEMO_ID.toLowerCase() },
          ],
        },
      ],
    });
  });

  it('lets an IAM subscriber receive every owner’s memos (the back office), narrowed by memoId when given', () => {
    expect(start('AWS_IAM')).toBeUndefined();
    expect(start('AWS_IAM', { memoId: MEMO_ID })).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'memoId', operator: 'eq', value: MEMO_ID.toLowerCase() }] }],
    });
  });

  // A mode the API might add later (API key, Lambda authorizer, OIDC) has no rule: it is refused,
  // never left unfiltered. (The runtime does not admit such callers at all: test/local/credentials.test.ts.)
  it.each(['API_KEY', 'AWS_LAMBDA', 'OPENID_CONNECT'] as const)(
    'refuses a subscriber of a mode it has no rule for (%s) instead of sending it everyone’s events',
    (authMode) => {
      expect(() => start(authMode)).toThrow(AppSyncResolverError);
      expect(() => start(authMode, { memoId: MEMO_ID })).toThrow('Not Authorized to access onUpdateMemo on type Subscription');
    },
  );
});
