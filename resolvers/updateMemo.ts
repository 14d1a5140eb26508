import type { MutationUpdateMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { parseUpdateInput } from './lib/validation.js';
import { updateMemo, type MemoRecord } from './store/memoStore.js';

/** Mutation.updateMemo: changes only the fields sent; never creates a missing memo. */
export const handler = appSyncHandler<MutationUpdateMemoArgs, MemoRecord>('updateMemo', async ({ input }) => {
  const { memoId, changes, expectedVersion } = parseUpdateInput(input);
  return updateMemo(memoId, changes, new Date().toISOString(), expectedVersion);
});
