import type { Context } from '@aws-appsync/utils';

/** An AppSync resolver context as AppSync builds it for an API-key caller. */
export function appSyncContext(
  parentTypeName: 'Query' | 'Mutation',
  fieldName: string,
  args: Record<string, unknown>,
): Context {
  return {
    arguments: args,
    args,
    identity: undefined,
    source: null,
    prev: { result: {} },
    stash: {},
    result: undefined,
    error: undefined,
    request: { headers: { 'x-api-key': 'da2-test' }, domainName: null },
    info: {
      fieldName,
      parentTypeName,
      variables: {},
      selectionSetList: ['memoId', 'title', 'content', 'tags', 'createdAt', 'updatedAt', 'version'],
      selectionSetGraphQL: '{ memoId title content tags createdAt updatedAt version }',
    },
  } as unknown as Context;
}
