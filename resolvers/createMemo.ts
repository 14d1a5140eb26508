import { v4 as uuidv4 } from 'uuid';
import type { MutationCreateMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lambda/appSyncHandler.js';
import { ownerFor } from './lib/caller.js';
import { parseCreateInput } from './lib/validation.js';
import type { MemoRecord } from './store/memoStore.js';

/**
 * Mutation.createMemo: the caller (or, for IAM, input.ownerId) owns the memo; the server assigns
 * version 1, both timestamps and, unless the client sent its own, the id. A retry of a create
 * whose answer was lost returns the stored memo (see putNewMemo).
 */
export const handler = appSyncHandler<MutationCreateMemoArgs, MemoRecord>('createMemo', async ({ input }, { caller, store }) => {
  const { memoId = uuidv4(), ownerId, fields } = parseCreateInput(input);
  const owner = ownerFor(caller, ownerId, { typeName: 'Mutation', fieldName: 'createMemo', argument: 'input.ownerId' });
  const now = new Date().toISOString();
  return store.putNewMemo({ memoId, ownerId: owner, ...fields, createdAt: now, updatedAt: now, version: 1 });
});
