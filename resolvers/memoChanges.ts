import type { QueryMemoChangesArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { ownerFor } from './lib/caller.js';
import { parseListLimit } from './lib/validation.js';
import type { MemoChangePage } from './store/memoStore.js';

/**
 * Query.memoChanges: the caller's memos changed after the cursor (an IAM caller names the owner),
 * oldest change first, one Query per page; no cursor is a full sync of the live memos.
 */
export const handler = appSyncHandler<QueryMemoChangesArgs, MemoChangePage>(
  'memoChanges',
  async ({ cursor, limit, ownerId }, { caller, store }) => {
    const owner = ownerFor(caller, ownerId, { typeName: 'Query', fieldName: 'memoChanges', argument: 'ownerId' });
    return store.memoChangesOf(owner, parseListLimit(limit), cursor);
  },
);
