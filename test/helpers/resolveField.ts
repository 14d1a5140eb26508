import { AppSyncResolverError } from '../../local/appsync/appsyncUtil.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { handler as memoFunction, MEMO_FIELD_HANDLERS } from '../../resolvers/memoFunction.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';
import { appSyncContext } from './appSyncContext.js';
import { userPoolCaller } from './callers.js';
import { testMemoStore } from './testStore.js';

/** A memo field's name, from the deployed function's table of handlers. */
export type FieldName = keyof typeof MEMO_FIELD_HANDLERS extends `${string}.${infer F}` ? F : never;

/** What a client sees for one field: its value, or the GraphQL error AppSync would report. */
export type FieldOutcome<T> =
  { data: T; errorType?: undefined } | { data?: undefined; errorType: string; message: string; errorInfo: unknown };

/**
 * Resolves a field through the APPSYNC_JS resolver and the deployed Lambda entry (which dispatches
 * to the field's handler), across Lambda's JSON boundary, as `caller` (by default the test user, DEFAULT_USER_SUB), on this file's store.
 */
export async function resolveField<T = MemoRecord>(
  field: FieldName,
  args: Record<string, unknown>,
  caller: VerifiedCaller = userPoolCaller(),
): Promise<FieldOutcome<T>> {
  const { typeName } = MEMO_FIELDS.find(({ fieldName }) => fieldName === field)!;
  try {
    const data = await runLambdaResolver(appSyncContext(typeName, field, args, caller), caller.authMode, (payload) =>
      invokeLikeLambda(memoFunction.withStore(testMemoStore()) as LambdaHandler, payload),
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
