import { v4 as uuidv4 } from 'uuid';
import type { MutationCreateMemoArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { parseCreateInput } from './lib/validation.js';
import { putNewMemo, type MemoRecord } from './store/memoStore.js';

/** Mutation.createMemo: the server assigns id, version 1 and both timestamps. */
export const handler = appSyncHandler<MutationCreateMemoArgs, MemoRecord>('createMemo', async ({ input }) => {
  const fields = parseCreateInput(input);
  const now = new Date().toISOString();
  const memo: MemoRecord = { memoId: uuidv4(), ...fields, createdAt: now, updatedAt: now, version: 1 };
  await putNewMemo(memo);
  return memo;
});
