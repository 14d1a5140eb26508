import type { MutationDeleteMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { parseExpectedVersion, parseMemoId } from './lib/validation.js';
import { deleteMemo, type MemoRecord } from './store/memoStore.js';

/** Mutation.deleteMemo: returns the memo as it was, so subscribers and caches can drop it. */
export const handler = appSyncHandler<MutationDeleteMemoArgs, MemoRecord>('deleteMemo', async (args) => {
  return deleteMemo(parseMemoId(args.memoId), parseExpectedVersion(args.expectedVersion));
});
