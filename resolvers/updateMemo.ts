import type { MutationUpdateMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { confinedOwner } from './lib/caller.js';
import { parseUpdateInput } from './lib/validation.js';
import type { MemoRecord } from './store/memoStore.js';

/**
 * Mutation.updateMemo: changes only the fields sent; never creates a missing memo. A user-pool
 * caller's write is conditional on owning the memo, so someone else's memo is MemoNotFound.
 */
export const handler = appSyncHandler<MutationUpdateMemoArgs, MemoRecord>('updateMemo', async ({ input }, { caller, store }) => {
  const { memoId, changes, expectedVersion } = parseUpdateInput(input);
  return store.updateMemo(memoId, changes, new Date().toISOString(), { expectedVersion, ownerId: confinedOwner(caller) });
});
