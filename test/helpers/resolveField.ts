import { AppSyncResolverError } from '../../local/appsync/appsyncUtil.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { handler as createMemo } from '../../resolvers/createMemo.js';
import { handler as deleteMemo } from '../../resolvers/deleteMemo.js';
import { handler as listMemos } from '../../resolvers/listMemos.js';
import { handler as memo } from '../../resolvers/memo.js';
import { handler as memoChanges } from '../../resolvers/memoChanges.js';
import { handler as searchMemos } from '../../resolvers/searchMemos.js';
import { handler as updateMemo } from '../../resolvers/updateMemo.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';
import { appSyncContext } from './appSyncContext.js';
import { userPoolCaller } from './callers.js';
import { testMemoStore } from './testStore.js';

const fields = {
  memo: ['Query', memo],
  listMemos: ['Query', listMemos],
  memoChanges: ['Query', memoChanges],
  searchMemos: ['Query', searchMemos],
  createMemo: ['Mutation', createMemo],
  updateMemo: ['Mutation', updateMemo],
  deleteMemo: ['Mutation', deleteMemo],
} as const;

export type FieldName = keyof typeof fields;

/** What a client sees for one field: its value, or the GraphQL error AppSync would report. */
export type FieldOutcome<T> =
  { data: T; errorType?: undefined } | { data?: undefined; errorType: string; message: string; errorInfo: unknown };

/**
 * Resolves a field through the APPSYNC_JS resolver and the real Lambda handler, across Lambda's
 * JSON boundary, as `caller` (by default the test user, DEFAULT_USER_SUB), on this file's store.
 */
export async function resolveField<T = MemoRecord>(
  field: FieldName,
  args: Record<string, unknown>,
  caller: VerifiedCaller = userPoolCaller(),
): Promise<FieldOutcome<T>> {
  const [typeName, handler] = fields[field];
  try {
    const data = await runLambdaResolver(appSyncContext(typeName, field, args, caller), caller.authMode, (payload) =>
      invokeLikeLambda(handler.withStore(testMemoStore()) as LambdaHandler, payload, field),
    );
    return { data: data as T };
  } catch (error) {
    if (!(error instanceof AppSyncResolverError)) throw error;
    return { errorType: error.errorType ?? 'Unknown', message: error.message, errorInfo: error.errorInfo };
  }
}

/** Resolves a field that must succeed, failing the test with the error otherwise. */
export async function resolveOk<T = MemoRecord>(field: FieldName, args: Record<string, unknown>, caller?: VerifiedCaller): Promise<T> {
  const outcome = await resolveField<T>(field, args, caller);
  if (outcome.errorType !== undefined) throw new Error(`${field} failed: ${outcome.errorType}: ${outcome.message}`);
  return outcome.data;
}
