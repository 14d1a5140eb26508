import type { QueryMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { parseMemoId } from './lib/validation.js';
import { getMemo, type MemoRecord } from './store/memoStore.js';

/** Query.memo: a missing memo is null, not an error. */
export const handler = appSyncHandler<QueryMemoArgs, MemoRecord | null>('memo', async ({ memoId }) => {
  return (await getMemo(parseMemoId(memoId))) ?? null;
});
