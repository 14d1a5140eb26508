import type { QueryMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { mayAccess } from './lib/caller.js';
import { parseMemoId } from './lib/validation.js';
import type { MemoRecord } from './store/memoStore.js';

/** Query.memo: a missing memo, and someone else's, are both null: nothing tells them apart. */
export const handler = appSyncHandler<QueryMemoArgs, MemoRecord | null>('memo', async ({ memoId }, { caller, store }) => {
  const memo = await store.getMemo(parseMemoId(memoId));
  return memo && mayAccess(caller, memo) ? memo : null;
});
