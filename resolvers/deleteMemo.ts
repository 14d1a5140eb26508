import type { MutationDeleteMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { confinedOwner } from './lib/caller.js';
import { parseExpectedVersion, parseMemoId } from './lib/validation.js';
import type { MemoRecord } from './store/memoStore.js';

/**
 * Mutation.deleteMemo: leaves a tombstone (for the change feed) and returns the memo as it was,
 * so subscribers and caches can drop it.
 */
export const handler = appSyncHandler<MutationDeleteMemoArgs, MemoRecord>('deleteMemo', async (args, { caller, store }) => {
  return store.deleteMemo(parseMemoId(args.memoId), new Date().toISOString(), {
    expectedVersion: parseExpectedVersion(args.expectedVersion),
    ownerId: confinedOwner(caller),
  });
});
