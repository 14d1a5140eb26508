import type { MemoConnection, QueryListMemosArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { ownerFor } from './lib/caller.js';
import { parseListLimit } from './lib/validation.js';

/** Query.listMemos: the caller's memos (an IAM caller names the owner), newest first, one Query per page. */
export const handler = appSyncHandler<QueryListMemosArgs, Required<Omit<MemoConnection, '__typename'>>>(
  'listMemos',
  async ({ limit, nextToken, ownerId }, { caller, store }) => {
    const owner = ownerFor(caller, ownerId, { typeName: 'Query', fieldName: 'listMemos', argument: 'ownerId' });
    return store.listMemosOfOwner(owner, parseListLimit(limit), nextToken);
  },
);
