import { handler as createMemo } from './createMemo.js';
import { handler as deleteMemo } from './deleteMemo.js';
import { fieldDispatch } from './lambda/fieldDispatch.js';
import { handler as listMemos } from './listMemos.js';
import { handler as memo } from './memo.js';
import { handler as memoChanges } from './memoChanges.js';
import { handler as searchMemos } from './searchMemos.js';
import { handler as updateMemo } from './updateMemo.js';

/**
 * Every MEMO_FIELDS handler by `Type.field`. One function serves them all (fewer cold starts per
 * session: docs/performance.md §11); each handler still logs and measures under its own field.
 * test/resolvers/memoFunction.test.ts holds this table to MEMO_FIELDS.
 */
export const MEMO_FIELD_HANDLERS = {
  'Query.memo': memo,
  'Query.listMemos': listMemos,
  'Query.memoChanges': memoChanges,
  'Query.searchMemos': searchMemos,
  'Mutation.createMemo': createMemo,
  'Mutation.updateMemo': updateMemo,
  'Mutation.deleteMemo': deleteMemo,
} as const;

/** The entry infra/ deploys (MEMO_FUNCTION_ENTRY) and the local runtime invokes. */
export const handler = fieldDispatch(MEMO_FIELD_HANDLERS);
