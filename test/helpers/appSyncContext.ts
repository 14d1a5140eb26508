import type { Context } from '@aws-appsync/utils';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { MEMO_FIELD_NAMES, MEMO_FIELDS_SELECTION_GRAPHQL } from '../../local/appsync/memoFieldsFragment.js';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';

/** The context AppSync builds when `caller` selects `...MemoFields` (every Memo field) of `fieldName`. */
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
    selectionSetList: [...MEMO_FIELD_NAMES],
    selectionSetGraphQL: MEMO_FIELDS_SELECTION_GRAPHQL,
  });
}
