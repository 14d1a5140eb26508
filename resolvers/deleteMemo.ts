import type { MutationDeleteMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { confinedOwner } from './lib/caller.js';
import { parseExpectedVersion, parseMemoId } from './lib/validation.js';
import { deleteMemo, type MemoRecord } from './store/memoStore.js';

/** Mutation.deleteMemo: returns the memo as it was, so subscribers and caches can drop it. */
export const handler = appSyncHandler<MutationDeleteMemoArgs, MemoRecord>('deleteMemo', async (args, { caller }) => {
  return deleteMemo(parseMemoId(args.memoId), { expectedVersion: parseExpectedVersion(args.expectedVersion), ownerId: confinedOwner(caller) });
});
