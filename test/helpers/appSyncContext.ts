import type { Context } from '@aws-appsync/utils';
import { buildAppSyncContext } from '../../local/appSyncContext.js';

/** The context AppSync builds when an API-key caller selects every Memo field of `fieldName`. */
export function appSyncContext(parentTypeName: 'Query' | 'Mutation', fieldName: string, args: Record<string, unknown>): Context {
  return buildAppSyncContext({
    parentTypeName,
    fieldName,
    args,
    headers: { 'x-api-key': 'da2-test', 'content-type': 'application/json' },
    selectionSetList: ['memoId', 'title', 'content', 'tags', 'createdAt', 'updatedAt', 'version'],
    selectionSetGraphQL: '{ memoId title content tags createdAt updatedAt version }',
  });
}
