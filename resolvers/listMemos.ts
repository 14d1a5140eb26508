import type { MemoConnection, QueryListMemosArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { ownerFor } from './lib/caller.js';
import { parseListLimit } from './lib/validation.js';
import { listMemosOfOwner } from './store/memoStore.js';

/** Query.listMemos: the caller's memos (an IAM caller names the owner), newest first, one Query per page. */
export const handler = appSyncHandler<QueryListMemosArgs, Required<Omit<MemoConnection, '__typename'>>>(
  'listMemos',
  async ({ limit, nextToken, ownerId }, { caller }) => {
    const owner = ownerFor(caller, ownerId, { typeName: 'Query', fieldName: 'listMemos', argument: 'ownerId' });
    return listMemosOfOwner(owner, parseListLimit(limit), nextToken);
  },
);
