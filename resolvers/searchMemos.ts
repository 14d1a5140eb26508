import type { MemoConnection, QuerySearchMemosArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { ownerFor } from './lib/caller.js';
import { parseSearch } from './lib/searchQuery.js';
import { parseListLimit } from './lib/validation.js';

/**
 * Query.searchMemos: the caller's memos (an IAM caller names the owner) matching the query's words
 * and carrying every tag given, newest first, in full pages read from the owner index.
 */
export const handler = appSyncHandler<QuerySearchMemosArgs, Required<Omit<MemoConnection, '__typename'>>>(
  'searchMemos',
  async ({ query, tags, limit, nextToken, ownerId }, { caller, store }) => {
    const owner = ownerFor(caller, ownerId, { typeName: 'Query', fieldName: 'searchMemos', argument: 'ownerId' });
    return store.searchMemosOfOwner(owner, parseSearch(query, tags), parseListLimit(limit), nextToken);
  },
);
