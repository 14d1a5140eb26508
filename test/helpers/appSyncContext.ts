import type { Context } from '@aws-appsync/utils';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';

/** The context AppSync builds when `caller` selects every Memo field of `fieldName`. */
export function appSyncContext(
  parentTypeName: 'Query' | 'Mutation',
  fieldName: string,
  args: Record<string, unknown>,
  caller: VerifiedCaller,
): Context {
  return buildAppSyncContext({
    parentTypeName,
    fieldName,
    args,
    headers: { authorization: 'eyJ.test.token', 'content-type': 'application/json' },
    identity: caller.identity,
    selectionSetList: ['memoId', 'ownerId', 'title', 'content', 'tags', 'createdAt', 'updatedAt', 'version'],
    selectionSetGraphQL: '{ memoId ownerId title content tags createdAt updatedAt version }',
  });
}
